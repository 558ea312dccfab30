import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { buildSchema, Kind, parse, validate } from 'graphql';
import { loadDemo } from '../seeds/load-demo';
import { SCHEMA_FILE } from '../src/build-schema';
import { REPO_ROOT } from '../src/paths';
import { testEngines } from './support/engines';
import { Harness } from './support/harness';

const docsDir = path.join(REPO_ROOT, 'docs');
const guides = [
  'README.md',
  ...readdirSync(docsDir)
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
const read = (file: string) => readFileSync(path.join(REPO_ROOT, file), 'utf8');
const graphqlBlocks = (text: string) => [...text.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]);
/** The text outside fenced code blocks and inline code. */
const prose = (text: string) => text.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');

/** Pages that other parts of the work write (the web app's guide and screenshot, the engines, rules, performance, events, knowledge). */
const WRITTEN_ELSEWHERE = new Set([
  'docs/user-guide.md',
  'docs/neo4j.md',
  'docs/rules.md',
  'docs/performance.md',
  'docs/events.md',
  'docs/knowledge.md',
  'docs/images/customer-card.png',
]);

describe('the documentation', () => {
  const schema = buildSchema(readFileSync(SCHEMA_FILE, 'utf8'));

  it('has the guides the index promises, and README.md stays a short front page', () => {
    for (const f of [
      'README.md',
      'api.md',
      'operations.md',
      'domain.md',
      'case-studies.md',
      'demo-data.md',
      'security.md',
      'importing.md',
    ]) {
      expect(existsSync(path.join(docsDir, f))).toBe(true);
    }
    expect(Buffer.byteLength(read('README.md'))).toBeLessThan(8 * 1024);
  });

  it.each(guides)('every GraphQL example in %s is valid against schema.graphql', (file) => {
    // A block may show several operations one after the other (each is sent on its own).
    for (const block of graphqlBlocks(read(file))) {
      const doc = parse(block);
      const fragments = doc.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
      for (const op of doc.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION)) {
        expect(validate(schema, { ...doc, definitions: [op, ...fragments] }).map((e) => e.message)).toEqual([]);
      }
    }
  });

  it.each(guides)('no link in %s leaves the repository or points at a missing file', (file) => {
    const text = prose(read(file));
    expect(read(file)).not.toMatch(/\.\.\/shared|\/work\//);
    expect(text).not.toMatch(/<https?:\/\//);
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      expect(target).not.toMatch(/^[a-z]+:/i);
      const [file_] = target.split('#');
      if (!file_) continue;
      const resolved = path.relative(REPO_ROOT, path.resolve(path.dirname(path.join(REPO_ROOT, file)), file_));
      expect(resolved.startsWith('..')).toBe(false);
      if (!WRITTEN_ELSEWHERE.has(resolved))
        expect({ link: target, exists: existsSync(path.join(REPO_ROOT, resolved)) }).toEqual({ link: target, exists: true });
    }
  });
});

/** The demo dataset's "today" (see test/seed.test.ts). */
const NOW = new Date('2026-11-23T06:00:00.000Z');
const at = { now: NOW };

describe.each(testEngines())('the case studies guide on the demo data on $name', (engine) => {
  let h: Harness;
  const blocks = graphqlBlocks(read('docs/case-studies.md'));
  const answers = new Map<string, Record<string, any>>(); // eslint-disable-line @typescript-eslint/no-explicit-any
  const errors: string[] = [];
  beforeAll(async () => {
    const store = await engine.open();
    await loadDemo(store);
    h = await Harness.start(engine, { store });
    for (const block of blocks) {
      const res = await h.run(parse(block) as TypedDocumentNode<Record<string, unknown>, Record<string, never>>, {}, at);
      errors.push(...(res.errors ?? []).map((e) => `${e.message} in ${block.slice(0, 60)}`));
      answers.set(block, res.data ?? {});
    }
  });
  afterAll(async () => {
    await h.stop();
  });
  /** The answer to the guide's example that names `id`. */
  const answerFor = (id: string) => {
    const block = blocks.find((b) => b.includes(`"${id}"`));
    expect(block).toBeDefined();
    return answers.get(block!)!;
  };
  const codes = (flags: { code: string }[]) => flags.map((f) => f.code);

  it('runs every example without an error', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(9);
    expect(answers.size).toBe(blocks.length);
    expect(errors).toEqual([]);
  });

  it('C4: Wang Lei still covers China Mobile Urumqi, and the June rotation left seven items open at Midong', () => {
    const urumqi = answerFor('cus_cm-urumqi').customer;
    expect(urumqi.coverage).toContainEqual(
      expect.objectContaining({ role: 'PRIMARY', engineer: { nameLatin: 'Wang Lei', status: 'TRANSFERRED' } }),
    );
    expect(codes(urumqi.flags)).toEqual(expect.arrayContaining(['COVERED_BY_INACTIVE_ENGINEER', 'NO_BACKUP']));
    const midong = answerFor('cus_cm-urumqi-midong').customer.lastHandoff;
    expect(midong).toMatchObject({ id: 'hof_2026-06-rotation', forced: true });
    expect(midong.openItems).toHaveLength(7);
  });

  it('C11: the packet-loss case has several engineers and no owner; V2: Harbin has no backup', () => {
    const c11 = answerFor('cas_c11-cu-wuhan-packet-loss');
    expect(c11.case.owner).toBeNull();
    expect(c11.case.workedOnBy.length).toBeGreaterThanOrEqual(3);
    expect(c11.attention.edges.length).toBeGreaterThan(0);
    expect(codes(answerFor('cus_cu-harbin').customer.flags)).toEqual(expect.arrayContaining(['COVERED_BY_INACTIVE_ENGINEER', 'NO_BACKUP']));
  });

  it('V1: the fix was never explained; V5: the hotel switchboard is out of maintenance; V7: the earlier fix names who did it', () => {
    const v1 = answerFor('cas_v1-cm-harbin-board').case;
    expect(new Date(v1.lastCustomerUpdateAt).getTime()).toBeLessThan(new Date(v1.resolvedAt).getTime());
    expect(answerFor('cus_xian-qujiang-hotel').customer.devices.map((d: { maintenanceStatus: string }) => d.maintenanceStatus)).toContain(
      'EXPIRED',
    );
    const v7 = answerFor('cas_v7-ct-harbin-mcb');
    expect(v7.fixed.device.model).toBe(v7.now.device.model);
    expect(v7.fixed.workedOnBy.length).toBeGreaterThan(0);
  });
});
