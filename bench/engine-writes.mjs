// How fast the embedded engine itself writes (plain @grafeo-db/js, no Rapport code): the floor
// under the import's 50,000 nodes+relationships per second (issue 15). It times, in a fresh
// in-memory database with id indexes:
//   - nodes created by `UNWIND $rows AS row CREATE` with each row a map (`row.id`) or a list
//     (`row[0]`: what the import sends since the eleventh round), and by the database's own
//     `batchCreateNodesWithProps` (outside any transaction: the import cannot use it, a batch must
//     commit or roll back as one);
//   - relationships created by `UNWIND … MATCH (a {id}) MATCH (b {id}) CREATE (a)-[:R {…}]->(b)`;
//   - two write statements one after the other, at once in one transaction, and at once in two
//     transactions: whether the engine runs writes in parallel.
// Run: node bench/engine-writes.mjs [--rows 20000] [--rounds 3]
import grafeo from '@grafeo-db/js';

const { GrafeoDB } = grafeo;
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROWS = arg('rows', 20000);
const ROUNDS = arg('rounds', 3);
const CHUNK = 2000;
const FIELDS = ['id', 'name', 'tier', 'city', 'createdAt', 'updatedAt', 'phone', 'key', 'region'];

const mapRows = (prefix) =>
  Array.from({ length: ROWS }, (_, i) => ({
    id: `${prefix}-${i}`,
    name: `Customer ${i} GmbH`,
    tier: 'KEY',
    city: 'Berlin',
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    phone: '+49 30 1234567',
    key: `customer ${i}`,
    region: 'reg-1',
  }));
const listRows = (prefix) => mapRows(prefix).map((r) => FIELDS.map((f) => r[f]));
const BY_MAP = `UNWIND $rows AS row CREATE (n:Item {${FIELDS.map((f) => `${f}: row.${f}`).join(', ')}})`;
const BY_LIST = `UNWIND $rows AS row CREATE (n:Item {${FIELDS.map((f, i) => `${f}: row[${i}]`).join(', ')}})`;

/** Wall time and this process's CPU time (every thread) of `fn`, in ms. */
async function timed(fn) {
  const cpu = process.cpuUsage();
  const t = performance.now();
  await fn();
  const c = process.cpuUsage(cpu);
  return { wall: performance.now() - t, cpu: (c.user + c.system) / 1000 };
}
async function inChunks(db, text, rows) {
  for (let k = 0; k < rows.length; k += CHUNK) {
    const tx = db.beginTransaction();
    await tx.executeCypher(text, { rows: rows.slice(k, k + CHUNK) });
    tx.commit();
  }
}
const perSecond = (n, ms) => Math.round(n / (ms / 1000)).toLocaleString('en');

const results = [];
for (let round = 1; round <= ROUNDS; round++) {
  const db = GrafeoDB.create();
  await db.executeCypher('CREATE INDEX item_id IF NOT EXISTS FOR (n:Item) ON (n.id)');
  const row = (what, n, t) => results.push({ round, what, 'per second (wall)': perSecond(n, t.wall), 'CPU ms': Math.round(t.cpu) });
  row('nodes, map rows, in transactions of 2,000', ROWS, await timed(() => inChunks(db, BY_MAP, mapRows(`m${round}`))));
  row('nodes, list rows, in transactions of 2,000', ROWS, await timed(() => inChunks(db, BY_LIST, listRows(`l${round}`))));
  row(
    'nodes, batchCreateNodesWithProps (no transaction)',
    ROWS,
    await timed(async () => {
      const rows = mapRows(`b${round}`);
      for (let k = 0; k < rows.length; k += CHUNK) await db.batchCreateNodesWithProps(['Item'], rows.slice(k, k + CHUNK));
    }),
  );
  const edges = Array.from({ length: ROWS * 3 }, (_, i) => [
    `m${round}-${(i * 7) % ROWS}`,
    `l${round}-${(i * 13) % ROWS}`,
    'PRIMARY',
    '2026-01-01',
  ]);
  row(
    'relationships, MATCH + MATCH + CREATE, list rows',
    edges.length,
    await timed(() =>
      inChunks(
        db,
        'UNWIND $rows AS row MATCH (a:Item {id: row[0]}) MATCH (b:Item {id: row[1]}) CREATE (a)-[:R {role: row[2], from: row[3]}]->(b)',
        edges,
      ),
    ),
  );
  // Two statements of 4,000 nodes each: in sequence, at once in one transaction, at once in two.
  const two = (p) => [listRows(`${p}a${round}`).slice(0, 4000), listRows(`${p}b${round}`).slice(0, 4000)];
  const [s1, s2] = two('s');
  row(
    'two statements in sequence, one transaction',
    8000,
    await timed(async () => {
      const tx = db.beginTransaction();
      await tx.executeCypher(BY_LIST, { rows: s1 });
      await tx.executeCypher(BY_LIST, { rows: s2 });
      tx.commit();
    }),
  );
  const [p1, p2] = two('p');
  row(
    'two statements at once, one transaction',
    8000,
    await timed(async () => {
      const tx = db.beginTransaction();
      await Promise.all([tx.executeCypher(BY_LIST, { rows: p1 }), tx.executeCypher(BY_LIST, { rows: p2 })]);
      tx.commit();
    }),
  );
  const [t1, t2] = two('t');
  row(
    'two statements at once, two transactions',
    8000,
    await timed(async () => {
      const a = db.beginTransaction();
      const b = db.beginTransaction();
      await Promise.all([a.executeCypher(BY_LIST, { rows: t1 }), b.executeCypher(BY_LIST, { rows: t2 })]);
      a.commit();
      b.commit();
    }),
  );
  db.close();
}
console.log(`@grafeo-db/js, Node ${process.version}, ${ROWS.toLocaleString('en')} rows per kind, ${ROUNDS} rounds (each a fresh database)`);
console.table(results);
