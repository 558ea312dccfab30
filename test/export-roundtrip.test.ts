import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadDemo, readDemo } from '../seeds/load-demo';
import { importPath } from '../src/import/import-files';
import { ExportTargetError, exportToDirectory } from '../src/import/export-files';
import { AttentionDocument, CustomerCardDocument, LastHandoffDocument, WhoCoversDocument } from './generated/graphql';
import { embeddedTestEngine, testEngines } from './support/engines';
import { Harness } from './support/harness';

/** The demo dataset's "today" (see test/seed.test.ts). */
const NOW = new Date('2026-11-23T06:00:00.000Z');
const at = { now: NOW };
const PAST = ['2024-01-15T00:00:00.000Z', '2026-06-01T00:00:00.000Z', '2026-07-01T00:00:00.000Z'];

const source = embeddedTestEngine;
// Into Neo4j when NEO4J_URI is set (the move users make), else into a second embedded store.
const target = testEngines().at(-1)!;

/** Everything the issue names as "the same answers": per customer and for the whole attention list. */
async function answers(h: Harness, customerIds: string[]) {
  const out: Record<string, unknown> = {};
  for (const id of customerIds) {
    out[`card ${id}`] = await h.data(CustomerCardDocument, { id, includeFormer: true }, at);
    for (const when of PAST) out[`whoCovers ${id} ${when}`] = await h.data(WhoCoversDocument, { customerId: id, at: when }, at);
    out[`lastHandoff ${id}`] = await h.data(LastHandoffDocument, { id }, at);
  }
  out.attention = await h.data(AttentionDocument, { first: 200 }, at);
  return out;
}

describe(`moving the demo data: embedded → export → import into ${target.name}`, () => {
  let dir: string;
  let before: Record<string, unknown>;
  let after: Record<string, unknown>;
  let exported: Awaited<ReturnType<typeof exportToDirectory>>;
  const customerIds = (readDemo().rows.get('customers') ?? []).map((r) => r.id as string);

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'rapport-export-'));
    const from = await source.open();
    await loadDemo(from);
    const h1 = await Harness.start(source, { store: from });
    before = await answers(h1, customerIds);
    exported = await exportToDirectory(from, dir);
    await h1.stop();

    const to = await target.open();
    const report = await importPath(to, dir, { strict: true });
    expect(report.errorCount).toBe(0);
    const h2 = await Harness.start(target, { store: to });
    after = await answers(h2, customerIds);
    await h2.stop();
  }, 240_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes one <kind>.jsonl per record kind with every demo record', () => {
    const demo = readDemo();
    expect(readdirSync(dir).sort()).toEqual(exported.files.map((f) => f.file).sort());
    for (const f of exported.files) expect({ kind: f.kind, rows: f.rows }).toEqual({ kind: f.kind, rows: demo.counts[f.kind] ?? 0 });
    const first = JSON.parse(readFileSync(path.join(dir, 'customers.jsonl'), 'utf8').split('\n')[0]);
    expect(first).toHaveProperty('id');
  });

  it('the demo answers actually say something (cards, past coverage, handoff items, flags)', () => {
    const lastHandoffs = Object.entries(before).filter(
      ([k, v]) => k.startsWith('lastHandoff') && (v as { customer: { lastHandoff: unknown } }).customer.lastHandoff,
    );
    expect(lastHandoffs.length).toBeGreaterThan(0);
    expect((before.attention as { attention: { edges: unknown[] } }).attention.edges.length).toBeGreaterThan(4);
    const covered = Object.entries(before).filter(
      ([k, v]) => k.startsWith('whoCovers') && (v as { whoCovers: unknown[] }).whoCovers.length,
    );
    expect(covered.length).toBeGreaterThan(customerIds.length);
  });

  it('answers the customer card, whoCovers at past dates, the last handoff’s open items and the attention list identically', () => {
    expect(Object.keys(after)).toEqual(Object.keys(before));
    for (const key of Object.keys(before)) expect({ key, answer: after[key] }).toEqual({ key, answer: before[key] });
  });

  it('refuses a directory that already holds import files, writing nothing', async () => {
    const store = await source.open();
    try {
      await expect(exportToDirectory(store, dir)).rejects.toBeInstanceOf(ExportTargetError);
    } finally {
      await store.close();
    }
  });
});
