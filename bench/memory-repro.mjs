// Does the embedded engine's binding keep memory per read? A reproduction without Rapport's code
// (plain @grafeo-db/js) for an upstream report (issue 15: the large graph's RSS grows ~4–6 MB/min
// under reads alone). It builds an in-memory graph, then runs each workload in rounds of identical
// calls, and after each round (JS garbage collected) samples the process's memory. A leak per call
// shows as a steady slope after the first rounds; memory the allocator keeps after a first large
// result shows as a step, then a plateau.
//
// Run: node --expose-gc bench/memory-repro.mjs [--items 20000] [--rounds 20] [--calls 400] [--only big,big8,varied,small,sort,tx]
// (big8 makes 8 reads per call.) RSS is split into anonymous and file-backed memory (/proc/self/status).
import { readFileSync } from 'node:fs';
import grafeo from '@grafeo-db/js';

const { GrafeoDB } = grafeo;
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const ITEMS = Number(arg('items', 20000));
const ROUNDS = Number(arg('rounds', 20));
const CALLS = Number(arg('calls', 400));
const ONLY = arg('only', '').split(',').filter(Boolean);
if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');

const MB = (n) => n / 1048576;
/** RssAnon and RssFile of /proc/self/status, in MB (0 where there is no /proc). */
function rssParts() {
  const out = { anon: 0, file: 0 };
  try {
    for (const line of readFileSync('/proc/self/status', 'utf8').split('\n')) {
      if (line.startsWith('RssAnon:')) out.anon = parseInt(line.slice(8), 10) / 1024;
      if (line.startsWith('RssFile:')) out.file = parseInt(line.slice(8), 10) / 1024;
    }
  } catch {
    // not Linux
  }
  return out;
}
function sample() {
  globalThis.gc();
  const m = process.memoryUsage();
  const parts = rssParts();
  return { rss: MB(m.rss), heap: MB(m.heapUsed), external: MB(m.external), anon: parts.anon, file: parts.file };
}
/** Least-squares slope of ys over xs. */
function slope(xs, ys) {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return den ? num / den : 0;
}

const db = GrafeoDB.create();
const start = sample();
await db.executeCypher('CREATE INDEX item_id IF NOT EXISTS FOR (n:Item) ON (n.id)');
const word = (i) => `name-${((i * 7919) % ITEMS).toString(36).padStart(6, '0')}-${'x'.repeat(i % 17)}`;
for (let from = 0; from < ITEMS; from += 2000) {
  const rows = [];
  for (let i = from; i < Math.min(ITEMS, from + 2000); i++) rows.push({ id: `item-${i}`, name: word(i), kind: i % 3 ? 'A' : 'B' });
  await db.executeCypher('UNWIND $rows AS r CREATE (i:Item) SET i = r', { rows });
  await db.executeCypher(
    `UNWIND $rows AS r MATCH (i:Item {id: r.id})
     UNWIND range(1, 5) AS k
     CREATE (i)<-[:OF {since: datetime('2025-01-01T00:00:00Z'), title: 'T' + toString(k)}]-(:Part {id: r.id + '-' + toString(k), name: r.name + toString(k), phone: '1380000' + toString(k), email: toString(k) + '@example.com', role: 'R', status: 'ACTIVE'})`,
    { rows },
  );
}
const loaded = sample();
console.log(
  `@grafeo-db/js, Node ${process.version}: ${ITEMS} items, ${ITEMS * 5} parts; RSS ${start.rss.toFixed(0)} MB empty, ${loaded.rss.toFixed(0)} MB loaded (heap ${loaded.heap.toFixed(0)} MB)`,
);

const ids = Array.from({ length: 100 }, (_, i) => `item-${(i * 97) % ITEMS}`);
let n = 0;
const WORKLOADS = {
  /** ~500 rows of 7 values each (like a 100-customer list's contacts). */
  big: () =>
    db.executeCypher(
      `UNWIND $ids AS id MATCH (i:Item {id: id})<-[w:OF]-(p:Part) RETURN id AS key, [p.email, p.id, p.name, p.phone, p.role, p.status, w.title] AS p`,
      { ids },
    ),
  /** The same, 8 at a time (like the soak's 8 connections: the engine's worker threads allocate in parallel). */
  big8: () => Promise.all(Array.from({ length: 8 }, () => WORKLOADS.big())).then((all) => ({ rows: () => all.map((r) => r.rows()) })),
  /** The same shape over every item in turn (each call reads other parts). */
  varied: () => {
    const from = (n++ * 100) % ITEMS;
    return db.executeCypher(
      `UNWIND $ids AS id MATCH (i:Item {id: id})<-[w:OF]-(p:Part) RETURN id AS key, [p.email, p.id, p.name, p.phone, p.role, p.status, w.title] AS p`,
      { ids: Array.from({ length: 100 }, (_, k) => `item-${(from + k) % ITEMS}`) },
    );
  },
  /** One row. */
  small: () => db.executeCypher('MATCH (i:Item {id: $id}) RETURN i.name AS name', { id: ids[n++ % ids.length] }),
  /** Filter and sort every item, keep 101 (like a list's page). */
  sort: () =>
    db.executeCypher('MATCH (i:Item) WHERE i.kind = $kind WITH i ORDER BY i.name, i.id LIMIT 101 RETURN i.id AS id', { kind: 'A' }),
  /** The same small read in a read-only transaction, committed. */
  tx: async () => {
    const tx = db.beginTransaction();
    const r = await tx.executeCypher('MATCH (i:Item {id: $id}) RETURN i.name AS name', { id: ids[n++ % ids.length] });
    await tx.commit();
    return r;
  },
};

const results = [];
for (const [name, run] of Object.entries(WORKLOADS)) {
  if (ONLY.length && !ONLY.includes(name)) continue;
  const before = sample();
  const points = [];
  for (let round = 1; round <= ROUNDS; round++) {
    for (let i = 0; i < CALLS; i++) (await run()).rows();
    points.push({ calls: round * CALLS, ...sample() });
  }
  // The slope over the second half (after the first results' step), per 1,000 calls.
  const tail = points.slice(Math.floor(points.length / 2));
  const per1000 = (key) =>
    slope(
      tail.map((p) => p.calls / 1000),
      tail.map((p) => p[key]),
    );
  const last = points[points.length - 1];
  results.push({
    workload: name,
    calls: ROUNDS * CALLS,
    'RSS before MB': +before.rss.toFixed(1),
    'RSS after 1st round MB': +points[0].rss.toFixed(1),
    'RSS at end MB': +last.rss.toFixed(1),
    'RSS slope, 2nd half, MB per 1,000 calls': +per1000('rss').toFixed(3),
    'anonymous / file-backed RSS at end MB': `${last.anon.toFixed(0)} / ${last.file.toFixed(0)}`,
    'heap slope, MB per 1,000 calls': +per1000('heap').toFixed(3),
    'external slope, MB per 1,000 calls': +per1000('external').toFixed(3),
  });
  console.log(`${name}: ${points.map((p) => p.rss.toFixed(0)).join(' ')} MB`);
}
console.table(results);
