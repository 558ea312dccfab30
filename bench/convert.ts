import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { GrafeoDB, QueryResult } from '@grafeo-db/js';
import { EmbeddedStore } from '../src/graph/embedded-store';
import type { Params, Row, Store, Value } from '../src/graph/store';
import { loadConfig } from '../src/config';
import { currentAt } from '../src/graph/current';
import { escalationPath } from '../src/domain/coverage';
import { OPEN_CASE_STATUSES } from '../src/domain/enums';
import type { Props } from '../src/graph/records';
import * as cov from '../src/graph/repositories/coverage.repo';
import * as cus from '../src/graph/repositories/customer.repo';
import * as hof from '../src/graph/repositories/handoff.repo';
import { nodesByIdCypher } from '../src/graph/repositories/node.repo';
import { OPERATIONS, type OpKey } from './operations';

/**
 * The statement floor of the card and the customer list, in process (issue 15, seventh round):
 *   node dist/bench/convert.js --store DIR [--data bench/data/medium] [--blocks 20] [--calls 30]
 * Opens an imported store (bench/worker.js import ...; use a copy, opening writes its log), records
 * the statements and parameters the port variants of `card` and `customers` send (bench/operations.ts),
 * then measures, in alternating blocks (the order swapped every block, so that other processes' noise
 * falls on both alike):
 *   - each operation through the port, the old read path (`toArray()`, the old converter, the old
 *     parameters copy) against the current `EmbeddedStore.read`;
 *   - each recorded statement the same way;
 *   - the conversion alone of each statement's result (old against new, no engine work).
 * Prints per variant the median over blocks of the block's p50 (ms) and CPU per call (ms, user +
 * system of this process, which includes the engine's threads), with the range over blocks.
 */

// ---- The read path before this round (kept here as the baseline) --------------------------------

function oldPlainParam(v: unknown): unknown {
  if (v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(oldPlainParam);
  if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[k] = oldPlainParam(x);
    return o;
  }
  return v;
}
function oldPlainParams(params: Params | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params ?? {})) out[k] = oldPlainParam(v);
  return out;
}
const OLD_NODE_KEYS = new Set(['_id', '_labels']);
const OLD_EDGE_KEYS = new Set(['_id', '_source', '_target', '_type']);
export function oldFromGrafeoValue(v: unknown): Value {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(oldFromGrafeoValue);
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const isNode = Array.isArray(o._labels) && '_id' in o;
    const isEdge = '_type' in o && '_source' in o && '_target' in o;
    const skip = isNode ? OLD_NODE_KEYS : isEdge ? OLD_EDGE_KEYS : undefined;
    const out: Record<string, Value> = {};
    for (const [k, x] of Object.entries(o)) {
      if (skip?.has(k)) continue;
      out[k] = oldFromGrafeoValue(x);
    }
    return out;
  }
  return String(v);
}
function oldRows(result: QueryResult): Row[] {
  return result.toArray().map((r) => {
    const row: Row = {};
    for (const [k, v] of Object.entries(r)) row[k] = oldFromGrafeoValue(v);
    return row;
  });
}

/** The coverage and contacts statements before this round (map projections and derived columns). */
const OLD_COVERAGE_OF_CUSTOMERS_AT = `
UNWIND $ids AS id
MATCH (c:Customer {id: id})<-[r:COVERS]-(e:Engineer)
WHERE ${currentAt('r')} AND ($role IS NULL OR r.role = $role)
RETURN id AS key, r {.id, .role, .from, .to, .assignedBy} AS r, e.id AS engineerId, c.id AS customerId, e {.id, .name, .nameLatin, .kind, .status, .phone, .email, .skills} AS e
ORDER BY r.from DESC, r.id DESC`;
const OLD_CONTACTS_OF_CUSTOMERS = `
UNWIND $ids AS id
MATCH (c:Customer {id: id})<-[w:WORKS_AT]-(p:Contact)
WHERE $includeFormer OR ${currentAt('w')}
WITH id, c, p, w ORDER BY p.name, p.id
RETURN id AS key, p {.id, .name, .nameLatin, .title, .role, .phone, .email, .status} AS p, w {.from, .to, .title} AS w,
  p.id AS contactId, c.id AS customerId`;
/** The current statement text, its text before this round and how its current rows are read. */
const CHANGED: { now: string; old: string; decode: (rows: Row[]) => Row[] }[] = [
  { now: cov.COVERAGE_OF_CUSTOMERS_AT, old: OLD_COVERAGE_OF_CUSTOMERS_AT, decode: (rows) => rows.map((r) => cov.coverageRow(r)) },
  { now: cus.CONTACTS_OF_CUSTOMERS, old: OLD_CONTACTS_OF_CUSTOMERS, decode: cus.contactRows },
];

const readIds = (store: Store, cypher: string, ids: string[], params: Record<string, unknown> = {}) =>
  ids.length ? store.read(cypher, { ...params, ids }) : Promise.resolve([] as Row[]);
const byKey = (rows: Row[]) => {
  const m = new Map<string, Row[]>();
  for (const r of rows) {
    const k = r.key as string;
    let list = m.get(k);
    if (!list) m.set(k, (list = []));
    list.push(r);
  }
  return m;
};

/** bench/operations.ts's directCustomers before this round (the old statements, rows used as read). */
async function oldDirectCustomers(store: Store, vars: Record<string, unknown>, { now }: { now: Date }) {
  const at = now.toISOString();
  const page = await cus.listCustomers(store, {}, { first: vars.first as number, last: null, after: null, before: null }, at);
  const ids = page.edges.map((e) => e.node.id);
  const [coverage, contacts] = await Promise.all([
    readIds(store, OLD_COVERAGE_OF_CUSTOMERS_AT, ids, { at, role: null }),
    readIds(store, OLD_CONTACTS_OF_CUSTOMERS, ids, { includeFormer: false, at }),
  ]);
  const covBy = byKey(coverage);
  const conBy = byKey(contacts);
  return {
    totalCount: page.totalCount,
    edges: page.edges.map((e) => ({
      ...e,
      node: { ...e.node, coverage: covBy.get(e.node.id) ?? [], contacts: (conBy.get(e.node.id) ?? []).map((r) => r.p) },
    })),
  };
}

/** bench/operations.ts's directCard before this round. */
async function oldDirectCard(store: Store, vars: Record<string, unknown>, { now }: { now: Date }) {
  const id = vars.id as string;
  const at = now.toISOString();
  const [customer] = await readIds(store, nodesByIdCypher('Customer'), [id]);
  if (!customer) return null;
  const coverageP = readIds(store, OLD_COVERAGE_OF_CUSTOMERS_AT, [id], { at, role: null });
  const contactsP = readIds(store, OLD_CONTACTS_OF_CUSTOMERS, [id], { includeFormer: false, at });
  const casesP = readIds(store, cus.CASES_OF_CUSTOMERS_WITH_STATUS, [id], { statuses: [...OPEN_CASE_STATUSES].sort() }).then((rows) =>
    rows.map((r) => {
      const current = ((r.owners as Props[]) ?? []).find((o) => o.to == null);
      return { ...(r.k as Props), owner: current ? current.e : null };
    }),
  );
  const handoffP = readIds(store, hof.LAST_HANDOFF_OF_CUSTOMERS, [id]).then(async (rows) => {
    const h = rows[0]?.h as Props | undefined;
    if (!h) return null;
    const mine = new Set(((rows[0].itemCustomers as Props[]) ?? []).filter((x) => (x.c as Props).id === id).map((x) => x.item as string));
    const items = ((rows[0].items as Props[]) ?? []).filter((i) => i.status === 'OPEN' && mine.has(i.id as string));
    return { ...h, openItems: items.sort((a, b) => Number(a.seq ?? Infinity) - Number(b.seq ?? Infinity)) };
  });
  const [coverage, contacts, openCases, lastHandoff] = await Promise.all([coverageP, contactsP, casesP, handoffP]);
  const current = coverage.map((r) => ({ ...cov.toCoverage(r), engineer: r.e as Props }));
  const path = escalationPath(current.map((c) => ({ role: c.role, engineer: c.engineer as never })));
  return { ...(customer.n as Props), coverage: current, escalationPath: path, contacts: contacts.map((r) => r.p), openCases, lastHandoff };
}

// ---- Measurement ---------------------------------------------------------------------------------

const args = process.argv.slice(2);
const arg = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

interface Variant {
  name: string;
  run: () => Promise<unknown> | unknown;
}
interface Case {
  title: string;
  variants: Variant[];
}
type Tally = Record<string, { p50: number[]; cpu: number[] }>;

async function block(v: Variant, calls: number): Promise<{ p50: number; cpu: number }> {
  const times: number[] = [];
  const c0 = cpuMs();
  for (let i = 0; i < calls; i++) {
    const t0 = performance.now();
    await v.run();
    times.push(performance.now() - t0);
  }
  return { p50: median(times), cpu: (cpuMs() - c0) / calls };
}

async function measure(c: Case, blocks: number, calls: number): Promise<Tally> {
  const tally: Tally = {};
  for (const v of c.variants) {
    tally[v.name] = { p50: [], cpu: [] };
    await block(v, Math.max(5, calls >> 1)); // warm-up
  }
  for (let b = 0; b < blocks; b++) {
    const order = b % 2 ? [...c.variants].reverse() : c.variants;
    for (const v of order) {
      const r = await block(v, calls);
      tally[v.name].p50.push(r.p50);
      tally[v.name].cpu.push(r.cpu);
    }
  }
  return tally;
}

const fmt = (xs: number[]) => `${median(xs).toFixed(3)} (${Math.min(...xs).toFixed(3)}–${Math.max(...xs).toFixed(3)})`;

function report(c: Case, t: Tally) {
  process.stdout.write(`\n${c.title}\n`);
  for (const v of c.variants) {
    process.stdout.write(`  ${v.name.padEnd(10)} p50 ${fmt(t[v.name].p50)} ms   cpu/call ${fmt(t[v.name].cpu)} ms\n`);
  }
}

async function main() {
  const dir = arg('store', '');
  if (!dir) throw new Error('--store DIR (an imported store; use a copy)');
  const data = path.resolve(arg('data', path.join('bench', 'data', 'medium')));
  const blocks = Number(arg('blocks', '20'));
  const calls = Number(arg('calls', '30'));
  const only = arg('only', '');
  const manifest = JSON.parse(readFileSync(path.join(data, 'manifest.json'), 'utf8')) as {
    samples: { cardCustomerIds: string[] };
  };
  const ids = manifest.samples.cardCustomerIds;
  const config = loadConfig();
  const store = EmbeddedStore.open(dir);
  // The engine handle, for the old read path (the bench only).
  const db = (store as unknown as { db: GrafeoDB }).db;
  const oldStore: Store = {
    engine: 'embedded',
    read: async (cypher, params) => oldRows(await store.gate.read(() => db.executeCypher(cypher, oldPlainParams(params)))),
    write: () => Promise.reject(new Error('read only')),
    transaction: () => Promise.reject(new Error('read only')),
    ping: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
  const ctx = () => ({ now: new Date(), policy: config.policy });
  const samples = { cardCustomerIds: ids } as never;
  const op = (key: OpKey, s: Store, n: () => number) => () => OPERATIONS[key].direct(s, OPERATIONS[key].variables(n(), samples), ctx());
  const oldOp = (key: 'card' | 'customers', n: () => number) => () =>
    (key === 'card' ? oldDirectCard : oldDirectCustomers)(oldStore, OPERATIONS[key].variables(n(), samples), ctx());
  let nOld = 0;
  let nNew = 0;
  // Both variants give the same answers (checked once here, on every sample customer).
  for (let i = 0; i < ids.length; i++) {
    const [a, b] = [await oldOp('card', () => i)(), await op('card', store, () => i)()];
    if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`the card of ${ids[i]} differs between old and new`);
  }
  const [ca, cb] = [await oldOp('customers', () => 0)(), await op('customers', store, () => 0)()];
  if (JSON.stringify(ca) !== JSON.stringify(cb)) throw new Error('the customer list differs between old and new');

  // The statements each operation sends, with their parameters (the card: its first sample customer).
  const recorded: { op: OpKey; cypher: string; params: Params }[] = [];
  for (const key of ['customers', 'card'] as const) {
    const recorder: Store = {
      ...oldStore,
      read: (cypher, params) => (recorded.push({ op: key, cypher, params: params ?? {} }), store.read(cypher, params)),
    };
    await OPERATIONS[key].direct(recorder, OPERATIONS[key].variables(0, { cardCustomerIds: ids } as never), ctx());
  }

  const cases: Case[] = [
    {
      title: 'customers(first: 100) + coverage + contacts, through the port (4 statements)',
      variants: [
        { name: 'old', run: oldOp('customers', () => nOld++) },
        { name: 'new', run: op('customers', store, () => nNew++) },
      ],
    },
    {
      title: `customer card through the port (rotating over ${ids.length} sample customers)`,
      variants: [
        { name: 'old', run: oldOp('card', () => nOld++) },
        { name: 'new', run: op('card', store, () => nNew++) },
      ],
    },
  ];
  for (const r of recorded) {
    const short = r.cypher.replace(/\s+/g, ' ').trim().slice(0, 70);
    const rows = (await store.read(r.cypher, r.params)).length;
    // A statement changed in this round: the old text, read as before, against the new text and its decoding.
    const changed = CHANGED.find((c) => c.now === r.cypher);
    const oldCypher = changed?.old ?? r.cypher;
    const decode = changed ? changed.decode : (xs: Row[]) => xs;
    cases.push({
      title: `[${r.op}] ${short}… (${rows} rows${changed ? ', statement changed' : ''}), read`,
      variants: [
        { name: 'old', run: () => oldStore.read(oldCypher, r.params) },
        { name: 'new', run: async () => decode(await store.read(r.cypher, r.params)) },
      ],
    });
    if (rows >= 10) {
      // The conversion alone, on results fetched once (no engine work timed).
      const oldResult = await db.executeCypher(oldCypher, oldPlainParams(r.params));
      const newResult = await db.executeCypher(r.cypher, oldPlainParams(r.params));
      cases.push({
        title: `[${r.op}] ${short}… (${rows} rows), conversion only`,
        variants: [
          { name: 'old', run: () => oldRows(oldResult) },
          { name: 'new', run: () => decode(EmbeddedStore.rows(newResult)) },
        ],
      });
    }
  }

  const load = os.loadavg();
  process.stdout.write(
    `store ${dir}, ${blocks} blocks of ${calls} calls per variant, ${new Date().toISOString()}, load average ${load.map((x) => x.toFixed(2)).join(' ')}\n`,
  );
  for (const c of cases) {
    if (only && !c.title.includes(only)) continue;
    report(c, await measure(c, blocks, calls));
  }
  const after = os.loadavg();
  process.stdout.write(`\nload average at the end ${after.map((x) => x.toFixed(2)).join(' ')}\n`);
  await store.close();
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
