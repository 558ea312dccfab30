import { mkdtempSync, promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { IMPORT_DIR, MANIFEST_FILE, generateDataset, type Manifest } from '../bench/generate';
import { bootstrapSchema } from '../src/graph/bootstrap';
import { EmbeddedStore } from '../src/graph/embedded-store';
import { importPath } from '../src/import/import-files';

/** The benchmark's data generator (issue 8): reproducible bytes, and data the real import accepts. */

const TINY = 1000; // 1/1000 of the large scale: 50 customers, 250 contacts, 300 cases...
const ANCHOR = '2025-06-15';

async function generate(seed: number): Promise<{ dir: string; manifest: Manifest }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rapport-bench-data-'));
  const manifest = await generateDataset({ out: dir, divisor: TINY, scaleName: 'tiny', seed, anchor: ANCHOR });
  return { dir, manifest };
}

async function filesOf(dir: string): Promise<Map<string, Buffer>> {
  const names = (await fsp.readdir(path.join(dir, IMPORT_DIR))).sort();
  const files = new Map<string, Buffer>();
  for (const name of names) files.set(name, await fsp.readFile(path.join(dir, IMPORT_DIR, name)));
  files.set(MANIFEST_FILE, await fsp.readFile(path.join(dir, MANIFEST_FILE)));
  return files;
}

describe('bench data generator', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await fsp.rm(d, { recursive: true, force: true });
  });

  it('writes the same bytes for the same seed, scale and anchor, and other bytes for another seed', async () => {
    const a = await generate(8);
    const b = await generate(8);
    const c = await generate(9);
    dirs.push(a.dir, b.dir, c.dir);
    const fa = await filesOf(a.dir);
    const fb = await filesOf(b.dir);
    expect([...fb.keys()]).toEqual([...fa.keys()]);
    expect([...fa.keys()]).toEqual(
      expect.arrayContaining([
        'customers.jsonl',
        'contacts.jsonl',
        'cases.jsonl',
        'coverage.jsonl',
        'employments.jsonl',
        'case-ownerships.jsonl',
        'handoff-items.jsonl',
      ]),
    );
    for (const [name, bytes] of fa) expect({ name, same: bytes.equals(fb.get(name)!) }).toEqual({ name, same: true });
    const fc = await filesOf(c.dir);
    expect(fc.get('cases.jsonl')!.equals(fa.get('cases.jsonl')!)).toBe(false);
  });

  it('imports through importPath without a rejected row', async () => {
    const { dir, manifest } = await generate(8);
    dirs.push(dir);
    const store = EmbeddedStore.inMemory();
    try {
      await bootstrapSchema(store);
      const report = await importPath(store, path.join(dir, IMPORT_DIR), { strict: true, actor: 'bench-test' });
      expect(report.errors).toEqual([]);
      expect(report.loaded).toBe(true);
      for (const f of report.files)
        expect({ file: f.file, rejected: f.rejected, created: f.created }).toEqual({ file: f.file, rejected: 0, created: f.rows });

      const count = async (cypher: string) => Number((await store.read(cypher))[0].n);
      expect(await count('MATCH (c:Customer) RETURN count(c) AS n')).toBe(manifest.counts.customers);
      expect(await count('MATCH (:Engineer)-[r:COVERS]->(:Customer) RETURN count(r) AS n')).toBe(manifest.counts.coverage);
      expect(await count('MATCH (:Contact)-[r:REPORTS_TO]->(:Contact) RETURN count(r) AS n')).toBeGreaterThan(0);
      // The samples the benchmark drives exist: the busiest engineer covers the most customers.
      const portfolio = await store.read(
        'MATCH (e:Engineer)-[r:COVERS]->(c:Customer) WHERE r.to IS NULL RETURN e.id AS id, count(DISTINCT c) AS n ORDER BY n DESC, id LIMIT 1',
      );
      expect(portfolio[0].id).toBe(manifest.samples.busiestEngineerId);
      const card = manifest.samples.cardCustomerIds[0];
      expect(await count(`MATCH (c:Customer {id: '${card}'})<-[:FOR]-(:HandoffItem) RETURN count(*) AS n`)).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  });
});
