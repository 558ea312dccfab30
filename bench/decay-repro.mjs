// Minimal reproduction for an upstream report (plain @grafeo-db/js 0.6.0, no Rapport code):
// `UNWIND ... MATCH (c {id: id}) OPTIONAL MATCH (c)<-[:R]-(e)` gets slower with the number of
// UNRELATED nodes in the graph (here :AccessLog), because the OPTIONAL MATCH is planned as a LeftJoin
// whose right side is `NodeScan (c:*)` (every node), see the EXPLAIN printed at the end. A plain MATCH
// and a pattern comprehension are unaffected. Run: node bench/decay-repro.mjs
import grafeo from '@grafeo-db/js';
const { GrafeoDB } = grafeo;
const db = GrafeoDB.create();
for (const l of ['Customer', 'Engineer', 'AccessLog'])
  await db.executeCypher(`CREATE INDEX ${l.toLowerCase()}_id IF NOT EXISTS FOR (n:${l}) ON (n.id)`);
const cust = Array.from({ length: 33 }, (_, i) => ({ id: `cus-${i}`, name: `C${i}` }));
await db.executeCypher('UNWIND $rows AS r CREATE (c:Customer) SET c = r', { rows: cust });
await db.executeCypher('UNWIND range(0, 19) AS i CREATE (:Engineer {id: "eng-" + toString(i)})');
await db.executeCypher(
  `UNWIND $ids AS id MATCH (c:Customer {id: id}) MATCH (e:Engineer {id: 'eng-' + toString(toInteger(substring(id, 4)) % 20)}) CREATE (e)-[:COVERS {role: 'PRIMARY'}]->(c)`,
  { ids: cust.map((c) => c.id) },
);
const ids = cust.map((c) => c.id);
const Q = {
  opt_labelled: `UNWIND $ids AS id MATCH (c:Customer {id: id}) OPTIONAL MATCH (c)<-[r:COVERS]-(e:Engineer) RETURN id, e.id`,
  opt_unlabelled: `UNWIND $ids AS id MATCH (c:Customer {id: id}) OPTIONAL MATCH (c)<-[r:COVERS]-(e) RETURN id, e.id`,
  match_labelled: `UNWIND $ids AS id MATCH (c:Customer {id: id}) MATCH (c)<-[r:COVERS]-(e:Engineer) RETURN id, e.id`,
  match_one_pattern: `UNWIND $ids AS id MATCH (c:Customer {id: id})<-[r:COVERS]-(e:Engineer) RETURN id, e.id`,
  single_id_opt: `MATCH (c:Customer {id: 'cus-1'}) OPTIONAL MATCH (c)<-[r:COVERS]-(e:Engineer) RETURN e.id`,
  comprehension: `UNWIND $ids AS id MATCH (c:Customer {id: id}) RETURN id, [(c)<-[r:COVERS]-(e:Engineer) | e.id] AS es`,
};
async function time(label) {
  const out = {};
  for (const [k, q] of Object.entries(Q)) {
    const p = { ids };
    for (let i = 0; i < 10; i++) (await db.executeCypher(q, p)).toArray();
    const t = [];
    for (let i = 0; i < 60; i++) {
      const s = performance.now();
      (await db.executeCypher(q, p)).toArray();
      t.push(performance.now() - s);
    }
    t.sort((a, b) => a - b);
    out[k] = +t[30].toFixed(3);
  }
  console.log(label, out);
}
await time('fresh');
const rows = Array.from({ length: 5000 }, (_, i) => i);
for (let done = 0; done < 110000; done += 5000)
  await db.executeCypher(`UNWIND $rows AS i CREATE (a:AccessLog {id: 'acc-' + toString($base + i)})`, { rows, base: done });
await time('+110k AccessLog');
const q = `UNWIND $ids AS id MATCH (c:Customer {id: id}) OPTIONAL MATCH (c)<-[r:COVERS]-(e:Engineer) RETURN id, e.id`;
try {
  const r = await db.executeCypher('EXPLAIN ' + q, { ids });
  console.log(JSON.stringify(r.toArray()).slice(0, 2000));
} catch (e) {
  console.log('explain', e.message);
}
