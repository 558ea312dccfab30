import { createHash } from 'node:crypto';
import { EventType, type NewEvent } from '../domain/events';
import { flagChanges, flagTransitions } from '../domain/flag-transitions';
import { evaluateFlags, FLAG_WEIGHTS, severityScore, type Flag } from '../domain/flags';
import type { CustomerTier } from '../domain/enums';
import { DEFAULT_POLICY, type SlaPolicy } from '../domain/sla-policy';
import { appendEvents } from '../events/outbox';
import { STATE_RETURN } from './attention-cache';
import { loadSnapshots } from './repositories/attention.repo';
import type { Row, Store, TxRunner } from './store';
import { setBeforeCommit, touchedSet, type TouchedSet } from './write-tracking';

/**
 * The attention list as maintained state (issue 15). Each customer has one (:AttentionState {id})
 * node holding its flags (JSON, as the API returns them), codes, severity score, the fields the list
 * filters and sorts on (name, tier, region ids, archived), the instant it was computed (`at`), the
 * instant its flags can next change by time alone (`next`) and the fingerprint of the SLA policy used.
 *
 * Kept exact by:
 * - every write transaction: the touched entities (src/graph/write-tracking.ts) are mapped to the
 *   customers whose flags can depend on them (AFFECTED below), which are recomputed before commit;
 * - the clock (src/events/clock.ts): customers whose `next` has come are recomputed every minute;
 * - reads: a state is used only for `at <= now < next` under the request's policy; other customers
 *   are assessed in full on the request (so the list is exact at any `now`, only slower).
 * A change of flags appends FlagRaised / FlagCleared events in the same transaction.
 */

/** Chunk of customers recomputed in one batch of snapshot statements. */
export const RECOMPUTE_CHUNK = 500;

const fingerprints = new WeakMap<SlaPolicy, string>();
export function policyFingerprint(policy: SlaPolicy): string {
  let fp = fingerprints.get(policy);
  if (!fp) {
    fp = createHash('sha256').update(JSON.stringify(policy)).digest('hex').slice(0, 16);
    fingerprints.set(policy, fp);
  }
  return fp;
}

let writePolicy: SlaPolicy = DEFAULT_POLICY;
/** The policy write transactions recompute with (the server's; a state under another policy is not used). */
export function setAttentionPolicy(policy: SlaPolicy): void {
  writePolicy = policy;
}

/** Whether write transactions keep the states under this policy (a sweep under it keeps them, too). */
export const writesUse = (policy: SlaPolicy): boolean => policyFingerprint(policy) === policyFingerprint(writePolicy);

/**
 * The customers whose flags can depend on an entity, by its label (the rules in src/domain/flags.ts
 * read these paths). A customer brings along the customers of every engineer who covers or covered
 * it: their primaries' load (ENGINEER_OVERLOADED) counts it.
 */
export const AFFECTED: Record<string, string> = {
  Customer: `
UNWIND $ids AS id
MATCH (c:Customer {id: id})
RETURN [id] + [(c)<-[:COVERS]-(:Engineer)-[:COVERS]->(o:Customer) | o.id] AS ids`,
  Engineer: `
UNWIND $ids AS id
MATCH (e:Engineer {id: id})
RETURN [(e)-[:COVERS]->(c:Customer) | c.id]
  + [(e)<-[:OWNED_BY]-(:\`Case\`)-[:FOR]->(c:Customer) | c.id]
  + [(e)-[:WORKED_ON]->(:\`Case\`)-[:FOR]->(c:Customer) | c.id]
  + [(e)-[:PROMISED]->(:Commitment)-[:TO]->(c:Customer) | c.id]
  + [(e)<-[:PERFORMED_BY]-(:Operation)-[:\`ON\`]->(:Device)-[:INSTALLED_AT]->(c:Customer) | c.id] AS ids`,
  Contact: `
UNWIND $ids AS id
MATCH (p:Contact {id: id})
RETURN [(p)-[:WORKS_AT]->(c:Customer) | c.id]
  + [(p)<-[:\`WITH\`]-(:Interaction)-[:FOR]->(c:Customer) | c.id]
  + [(p)<-[:\`WITH\`]-(:Interaction)-[:ABOUT]->(:\`Case\`)-[:FOR]->(c:Customer) | c.id]
  + [(p)<-[:INFORMS]-(:Operation)-[:\`ON\`]->(:Device)-[:INSTALLED_AT]->(c:Customer) | c.id]
  + [(p)<-[:REPORTS_TO]-(:Contact)<-[:INFORMS]-(:Operation)-[:\`ON\`]->(:Device)-[:INSTALLED_AT]->(c:Customer) | c.id] AS ids`,
  Case: `
UNWIND $ids AS id
MATCH (k:\`Case\` {id: id})
RETURN [(k)-[:FOR]->(c:Customer) | c.id] AS ids`,
  Interaction: `
UNWIND $ids AS id
MATCH (i:Interaction {id: id})
RETURN [(i)-[:FOR]->(c:Customer) | c.id] + [(i)-[:ABOUT]->(:\`Case\`)-[:FOR]->(c:Customer) | c.id] AS ids`,
  Commitment: `
UNWIND $ids AS id
MATCH (m:Commitment {id: id})
RETURN [(m)-[:TO]->(c:Customer) | c.id] AS ids`,
  Device: `
UNWIND $ids AS id
MATCH (d:Device {id: id})
RETURN [(d)-[:INSTALLED_AT]->(c:Customer) | c.id] AS ids`,
  Operation: `
UNWIND $ids AS id
MATCH (o:Operation {id: id})
RETURN [(o)-[:\`ON\`]->(:Device)-[:INSTALLED_AT]->(c:Customer) | c.id] AS ids`,
  Handoff: `
UNWIND $ids AS id
MATCH (h:Handoff {id: id})
RETURN [(h)-[:INCLUDES]->(:HandoffItem)-[:FOR]->(c:Customer) | c.id] + [(h)-[:FROM]->(:Engineer)-[:COVERS]->(c:Customer) | c.id] AS ids`,
  HandoffItem: `
UNWIND $ids AS id
MATCH (i:HandoffItem {id: id})
RETURN [(i)-[:FOR]->(c:Customer) | c.id] AS ids`,
  Absence: `
UNWIND $ids AS id
MATCH (a:Absence {id: id})
RETURN [(a)<-[:HAS]-(:Engineer)-[:COVERS]->(c:Customer) | c.id] AS ids`,
};

/**
 * What a reference found in an interaction's, case's or commitment's recorded values can change
 * (REFERENCE_ONLY_RECORDS in write-tracking.ts): the referenced customer itself (the record was or is
 * now its own), a referenced case's customer, a referenced interaction's or commitment's customer. A
 * referenced engineer or contact changes no other customer's flags through these records.
 */
const AFFECTED_BY_REFERENCE: Record<string, string | 'self'> = {
  Customer: 'self',
  Case: AFFECTED.Case,
  Interaction: AFFECTED.Interaction,
  Commitment: AFFECTED.Commitment,
};

/**
 * The customers a transaction's touched entities can change the flags of (run inside it, after the writes).
 * With `stopAbove`, the search stops as soon as more than that many are found (a partial set: only its
 * size is known to be over the limit); below it the answer is the same whole set.
 */
export async function affectedCustomers(tx: TxRunner, touched: TouchedSet, stopAbove = Infinity): Promise<string[]> {
  const out = new Set<string>();
  const over = () => out.size > stopAbove;
  // Without a limit, one statement per label; with one, chunks, so that the search can stop early.
  const chunk = Number.isFinite(stopAbove) ? AFFECTED_CHUNK : Infinity;
  const resolve = async (cypher: string | undefined, ids: Set<string>) => {
    if (!cypher) return;
    const all = [...ids];
    for (let i = 0; i < all.length && !over(); i += chunk) {
      const part = chunk === Infinity ? all : all.slice(i, i + chunk);
      for (const row of await tx.run(cypher, { ids: part })) for (const id of (row.ids as string[]) ?? []) if (id) out.add(id);
    }
  };
  const referenced: [string | 'self', Set<string>][] = [];
  for (const [label, ids] of touched.referenced) {
    const how = AFFECTED_BY_REFERENCE[label];
    // Already fanned out from as touched: nothing more to find.
    const rest = new Set([...ids].filter((id) => !touched.byLabel.get(label)?.has(id)));
    if (!rest.size) continue;
    // Referenced customers need no statement: counted first (the set is the same in any order).
    if (how === 'self') for (const id of rest) out.add(id);
    else referenced.push([how, rest]);
  }
  // Touched customers first: each is affected itself, the cheapest statement (the order changes nothing else).
  const labels = [...touched.byLabel].sort(([a], [b]) => Number(b === 'Customer') - Number(a === 'Customer'));
  for (const [label, ids] of labels) {
    if (over()) break;
    if (label === 'Customer' && chunk !== Infinity) {
      // The touched customers that exist are affected themselves (AFFECTED.Customer's `[id]`): often
      // over the limit already, without the fan-out through their engineers.
      for (const row of await tx.run(EXISTING_CUSTOMERS, { ids: [...ids] })) out.add(row.id as string);
      if (over()) break;
    }
    await resolve(AFFECTED[label], ids);
  }
  for (const [how, ids] of referenced) if (!over()) await resolve(how, ids);
  return [...out].sort();
}

const EXISTING_CUSTOMERS = `
UNWIND $ids AS id
MATCH (c:Customer {id: id})
RETURN id`;

/** Ids per affected-customers statement when the search may stop early (a bulk write, see maintainTouched). */
const AFFECTED_CHUNK = 250;

/** Whether the store holds any attention state (inside the transaction: the hook is what writes them). */
export const ANY_STATE = `MATCH (a:AttentionState) RETURN a.id AS id LIMIT 1`;

/**
 * Instants after $at that the snapshot does not show (it loads what is current at $at): planned
 * interactions, ownership, employment and coverage periods (also of the engineers who cover the
 * customer: their load) starting or ending, handoffs taking effect, devices entering the expiring window.
 */
export const FUTURE_INSTANTS = `
UNWIND $ids AS id
MATCH (c:Customer {id: id})
RETURN id AS key,
  [(c)<-[:FOR]-(i:Interaction) WHERE i.at > datetime($at) | i.at]
  + [(c)<-[:FOR]-(:\`Case\`)<-[:ABOUT]-(i:Interaction) WHERE i.at > datetime($at) | i.at]
  + [(c)<-[:FOR]-(:HandoffItem)<-[:INCLUDES]-(h:Handoff) WHERE h.effectiveAt > datetime($at) | h.effectiveAt]
  + [(c)<-[:INSTALLED_AT]-(d:Device) WHERE d.maintenanceUntil > datetime($expiringBefore) | d.maintenanceUntil] AS instants,
  [(c)<-[:FOR]-(:\`Case\`)-[o:OWNED_BY]->(:Engineer) WHERE o.from > datetime($at) OR o.to > datetime($at) | [o.from, o.to]]
  + [(c)<-[w:WORKS_AT]-(:Contact) WHERE w.from > datetime($at) OR w.to > datetime($at) | [w.from, w.to]]
  + [(c)<-[:COVERS]-(:Engineer)-[r:COVERS]->(:Customer) WHERE r.from > datetime($at) OR r.to > datetime($at) | [r.from, r.to]] AS periods`;

export const PREVIOUS_STATES = `
UNWIND $ids AS id
MATCH (a:AttentionState {id: id})
RETURN a.id AS id, a.flags AS flags, a.at AS at`;

/**
 * Writes the states: SET on the existing ones, CREATE for the others (found by PREVIOUS_STATES). Not
 * MERGE: after UNWIND ... MATCH the embedded engine does not use the id index for it.
 */
const STATE_SET = `a.name = c.name, a.tier = c.tier, a.archived = (coalesce(c.status, 'ACTIVE') = 'ARCHIVED'), a.regionIds = regionIds,
  a.score = row.score, a.codes = row.codes, a.flags = row.flags,
  a.at = datetime(row.at), a.next = datetime(row.next), a.textUntil = datetime(row.textUntil), a.policy = row.policy`;

export const UPDATE_STATES = `
UNWIND $rows AS row
MATCH (c:Customer {id: row.id})
MATCH (a:AttentionState {id: row.id})
WITH row, c, a, [(c)-[:LOCATED_IN]->(g:Region) | g.id] AS regionIds
SET ${STATE_SET}
RETURN ${STATE_RETURN}`;

export const CREATE_STATES = `
UNWIND $rows AS row
MATCH (c:Customer {id: row.id})
WITH row, c, [(c)-[:LOCATED_IN]->(g:Region) | g.id] AS regionIds
CREATE (a:AttentionState {id: row.id})
SET ${STATE_SET}
RETURN ${STATE_RETURN}`;

export const DROP_STATES = `
UNWIND $ids AS id
MATCH (a:AttentionState {id: id})
DELETE a`;

/**
 * Every statement that writes states goes through these two, which note the writes in the
 * transaction's collection: the embedded store applies them to its cache after the commit.
 */
async function writeStates(tx: TxRunner, cypher: string, rows: Row[]): Promise<void> {
  const written = await tx.run(cypher, { rows });
  touchedSet()?.stateWrites.push({ rows: written });
}

async function dropStates(tx: TxRunner, ids: string[]): Promise<void> {
  await tx.run(DROP_STATES, { ids });
  touchedSet()?.stateWrites.push({ drop: ids });
}

/** Snapshot reads inside a transaction, one at a time (a transaction runs one statement at a time). */
function txReader(tx: TxRunner): Store {
  let chain: Promise<unknown> = Promise.resolve();
  const read = (cypher: string, params?: Record<string, unknown>) => {
    const next = chain.then(() => tx.run(cypher, params));
    chain = next.catch(() => undefined);
    return next;
  };
  return { read } as unknown as Store;
}

const DAY_MS = 24 * 3_600_000;

export interface RecomputeOptions {
  /**
   * Of the customers without a previous state, those whose first flags are news (FlagRaised for each):
   * customers created by the transaction. The others (data written around the API, the first build)
   * get their first state silently.
   */
  newCustomers?: ReadonlySet<string>;
}

/**
 * Recomputes these customers' state at `now` in the caller's transaction and appends FlagRaised /
 * FlagCleared for what changed. Returns the number of events appended.
 */
export async function recomputeCustomers(
  tx: TxRunner,
  ids: readonly string[],
  now: Date,
  policy: SlaPolicy,
  opts: RecomputeOptions = {},
): Promise<number> {
  if (!ids.length) return 0;
  const touched = touchedSet();
  const wasClosed = touched?.closed ?? false;
  if (touched) touched.closed = true;
  try {
    let events = 0;
    for (let i = 0; i < ids.length; i += RECOMPUTE_CHUNK)
      events += await recomputeChunk(tx, ids.slice(i, i + RECOMPUTE_CHUNK), now, policy, opts);
    return events;
  } finally {
    if (touched) touched.closed = wasClosed;
  }
}

async function recomputeChunk(tx: TxRunner, ids: string[], now: Date, policy: SlaPolicy, opts: RecomputeOptions): Promise<number> {
  const at = now.toISOString();
  const snapshots = await loadSnapshots(txReader(tx), ids, now, policy);
  const expiringBefore = new Date(now.getTime() + policy.thresholds.maintenanceExpiringDays * DAY_MS).toISOString();
  const future = new Map<string, string[]>();
  for (const r of await tx.run(FUTURE_INSTANTS, { ids, at, expiringBefore })) {
    const periods = ((r.periods as (string | null)[][]) ?? []).flat();
    future.set(
      r.key as string,
      [...((r.instants as string[]) ?? []), ...periods].filter((x): x is string => typeof x === 'string'),
    );
  }
  const previous = new Map<string, Flag[]>();
  const fromTheFuture = new Set<string>();
  for (const r of await tx.run(PREVIOUS_STATES, { ids })) {
    previous.set(r.id as string, JSON.parse((r.flags as string) ?? '[]') as Flag[]);
    // A state computed after `now` (a clock set back, a request in the past) is corrected without events:
    // events tell what changed going forward in time.
    if (new Date(r.at as string).getTime() > now.getTime()) fromTheFuture.add(r.id as string);
  }

  const fp = policyFingerprint(policy);
  const rows: Row[] = [];
  const events: NewEvent[] = [];
  for (const id of ids) {
    const s = snapshots.get(id);
    if (!s) continue;
    const flags = evaluateFlags(s.snapshot, policy, now);
    const score = severityScore(flags, s.customer.tier as CustomerTier);
    // `next`: the codes (score, ranking, events) may change; `textUntil`: a raised flag's count ticks.
    const { codes: next, text: textUntil } = flagTransitions(s.snapshot, flags, policy, now, future.get(id) ?? []);
    rows.push({ id, score, codes: flags.map((f) => f.code), flags: JSON.stringify(flags), at, next, textUntil, policy: fp });
    const before = previous.get(id);
    if ((!before && !opts.newCustomers?.has(id)) || fromTheFuture.has(id)) continue;
    const { raised, cleared } = flagChanges(before ?? [], flags);
    for (const f of raised) events.push(flagEvent(EventType.FlagRaised, id, f, score, at));
    for (const f of cleared) events.push(flagEvent(EventType.FlagCleared, id, f, score, at));
  }
  const gone = ids.filter((id) => !snapshots.has(id) && previous.has(id));
  if (gone.length) await dropStates(tx, gone);
  const updates = rows.filter((r) => previous.has(r.id as string));
  const creates = rows.filter((r) => !previous.has(r.id as string));
  if (updates.length) await writeStates(tx, UPDATE_STATES, updates);
  if (creates.length) await writeStates(tx, CREATE_STATES, creates);
  if (events.length) await appendEvents(tx, events);
  return events.length;
}

function flagEvent(type: EventType, customerId: string, flag: Flag, score: number, at: string): NewEvent {
  return {
    type,
    at,
    customerId,
    subjectIds: [customerId],
    payload: { customerId, code: flag.code, weight: FLAG_WEIGHTS[flag.code], message: flag.message, evidence: flag.evidence, score },
  };
}

/**
 * Above this many affected customers a bulk write (import batch, seed) drops their states instead of
 * recomputing them in its transaction: the list stays exact (a request assesses every candidate while
 * states are missing) and the import's end, or the clock within a minute, builds them again.
 */
export const BULK_RECOMPUTE_LIMIT = 200;

/** The hook every write transaction runs before it commits (installed once, at import). */
async function maintainTouched(tx: TxRunner, touched: TouchedSet): Promise<void> {
  // A bulk write into a store that holds no state (a first import, a seed): above the limit the states
  // would be dropped, and there are none to drop, so the affected customers are only counted up to
  // the limit (issue 15, seventh round: their full fan-out was a fifth of a first import's time).
  // At or below it they are all found and recomputed, as before.
  const nothingToDrop = touched.bulk && (await tx.run(ANY_STATE)).length === 0;
  const ids = await affectedCustomers(tx, touched, nothingToDrop ? BULK_RECOMPUTE_LIMIT : Infinity);
  if (!ids.length) return;
  if (touched.bulk && ids.length > BULK_RECOMPUTE_LIMIT) {
    if (!nothingToDrop) await dropStates(tx, ids);
    return;
  }
  await recomputeCustomers(tx, ids, touched.at ? new Date(touched.at) : new Date(), writePolicy, {
    newCustomers: touched.createdCustomers,
  });
}
setBeforeCommit('attention', maintainTouched);

/** Builds the missing states and recomputes the due ones now, under the write policy (the end of an import, a seed). */
export const rebuildAttention = (store: Store, now = new Date()) => sweepAttention(store, writePolicy, now);

// ---- the clock's part: states that are due, missing or under another policy ----

export const DUE_STATES = `
MATCH (a:AttentionState)
WHERE a.next <= datetime($at) OR a.at > datetime($at) OR a.policy <> $policy
RETURN a.id AS id
LIMIT 5000`;

export const COUNT_CUSTOMERS = `MATCH (c:Customer) RETURN count(c) AS n`;
export const COUNT_STATES = `MATCH (a:AttentionState) RETURN count(a) AS n`;

export const ALL_CUSTOMER_IDS = `MATCH (c:Customer) RETURN c.id AS id`;
export const ALL_STATE_IDS = `MATCH (a:AttentionState) RETURN a.id AS id`;

/** True when every customer has a state and every state a customer (the read path may use them). */
export async function statesComplete(store: Pick<Store, 'read' | 'attentionCache'>): Promise<boolean> {
  const cache = store.attentionCache?.();
  const [[c], states] = await Promise.all([
    store.read(COUNT_CUSTOMERS),
    // The embedded store's cache holds every state (src/graph/attention-cache.ts).
    cache ? cache.ready().then((x) => x.size) : store.read(COUNT_STATES).then(([a]) => Number(a?.n ?? 0)),
  ]);
  return Number(c?.n ?? 0) === states;
}

export type SweepResult = { customers: number; events: number };

const running = new WeakMap<Store, Promise<SweepResult>>();

/**
 * One attention sweep at a time per store: a call while one runs joins it (its result, at its `now`)
 * instead of starting another. The clock's ticks and the attention list's catch-up share it: on the
 * large benchmark graph a sweep outlived the clock's minute and the ticks overlapped, each
 * recomputing the same due customers while requests assessed everything meanwhile.
 */
export function sharedSweep(store: Store, policy: SlaPolicy, now: Date): { result: Promise<SweepResult>; joined: boolean } {
  const current = running.get(store);
  if (current) return { result: current, joined: true };
  const result = sweepAttention(store, policy, now).finally(() => running.delete(store));
  running.set(store, result);
  return { result, joined: false };
}

/** Whether a sweep runs on this store now. */
export const sweepRunning = (store: Store): boolean => running.has(store);

/**
 * The clock's sweep (at start and every minute): recomputes customers whose next transition has come
 * (or whose state was computed under another policy) and builds missing states (first start, data
 * written around the API), and states computed after `now` (a clock set back). Returns how many customers were recomputed and the events raised.
 */
export async function sweepAttention(store: Store, policy: SlaPolicy, now: Date): Promise<SweepResult> {
  let customers = 0;
  let events = 0;
  if (!(await statesComplete(store))) {
    const [customerRows, stateRows] = await Promise.all([store.read(ALL_CUSTOMER_IDS), store.read(ALL_STATE_IDS)]);
    const customerIds = new Set(customerRows.map((r) => r.id as string));
    const stateIds = new Set(stateRows.map((r) => r.id as string));
    const orphans = [...stateIds].filter((id) => !customerIds.has(id));
    if (orphans.length) await store.transaction((tx) => dropStates(tx, orphans));
    const ids = [...customerIds].filter((id) => !stateIds.has(id)).sort();
    for (let i = 0; i < ids.length; i += RECOMPUTE_CHUNK) {
      const chunk = ids.slice(i, i + RECOMPUTE_CHUNK);
      events += await store.transaction((tx) => recomputeCustomers(tx, chunk, now, policy));
      customers += chunk.length;
    }
  }
  const fp = policyFingerprint(policy);
  const cache = await store.attentionCache?.().ready();
  for (;;) {
    const due = cache
      ? cache.due(now.getTime(), fp, 5000)
      : (await store.read(DUE_STATES, { at: now.toISOString(), policy: fp })).map((r) => r.id as string);
    if (!due.length) break;
    for (let i = 0; i < due.length; i += RECOMPUTE_CHUNK) {
      const chunk = due.slice(i, i + RECOMPUTE_CHUNK);
      events += await store.transaction((tx) => recomputeCustomers(tx, chunk, now, policy));
      customers += chunk.length;
    }
    if (due.length < 5000) break;
  }
  // The first rows of the list with a ticked text (hours and days counted in messages): refreshed here
  // rather than assessed by every request that shows them (with the embedded store's cache only).
  const ticked = cache ? cache.headTicked(now.getTime(), fp, HEAD_ROWS) : [];
  if (ticked.length) {
    events += await store.transaction((tx) => recomputeCustomers(tx, ticked, now, policy));
    customers += ticked.length;
  }
  return { customers, events };
}

/** How many rows at the top of the unfiltered list the sweep keeps with current texts (five pages of 50). */
export const HEAD_ROWS = 250;
