import { AsyncLocalStorage } from 'node:async_hooks';
import { labelOfId } from '../domain/ids';
import type { StateWrite } from './attention-cache';
import type { TxRunner } from './store';

/**
 * What a write transaction touched (issue 15), collected where every write passes: the change
 * history (`recordChanges`) and the outbox (`appendEvents`) note the entities they record, both
 * engine adapters run the work inside `trackWrites` and, before committing, hand the collection to
 * the hooks (the maintained attention state, the search keys). Ids found inside the recorded before/after values
 * (a coverage's engineer, a contact's former customer) count as touched too, so a write need not
 * name every customer it affects; except in the records of REFERENCE_ONLY_RECORDS, whose ids are kept
 * apart as references (`referenced`): the hooks decide what a reference can change.
 */
export class TouchedSet {
  /** Entity ids by node label. */
  readonly byLabel = new Map<string, Set<string>>();
  /**
   * Ids found inside the recorded values of REFERENCE_ONLY_RECORDS, by label: the other ends of the
   * record's links (an interaction's customer, engineer and contacts). Not touched themselves.
   */
  readonly referenced = new Map<string, Set<string>>();
  /** Customers created by this transaction (their first flags are news: FlagRaised; others get a silent first state). */
  readonly createdCustomers = new Set<string>();
  /** The latest "now" of the writes (the request's clock), ISO. */
  at: string | null = null;
  /** A bulk write (import, seed): many customers at once. */
  bulk = false;
  /** Set while the hook runs: what it writes itself is not collected again. */
  closed = false;
  /** The attention states this transaction wrote (src/graph/attention-cache.ts applies them after commit). */
  readonly stateWrites: StateWrite[] = [];
  /**
   * Records this transaction created with their search key already set (`label id`, see
   * upsert.repo.ts createNodes): the search-key hook need not look them up.
   */
  readonly keyed = new Set<string>();

  add(label: string, id: string): void {
    if (this.closed || !id) return;
    let s = this.byLabel.get(label);
    if (!s) this.byLabel.set(label, (s = new Set()));
    s.add(id);
  }

  /** Every well-formed id inside a recorded value (maps, lists, JSON-free plain values). */
  addIdsIn(value: unknown, depth = 0): void {
    if (this.closed || value == null || depth > 6) return;
    if (typeof value === 'string') {
      const label = labelOfId(value);
      if (label) this.add(label, value);
    } else if (Array.isArray(value)) {
      for (const v of value) this.addIdsIn(v, depth + 1);
    } else if (typeof value === 'object') {
      for (const v of Object.values(value as Record<string, unknown>)) this.addIdsIn(v, depth + 1);
    }
  }

  /** Every well-formed id inside a recorded value of a REFERENCE_ONLY_RECORDS record, as a reference. */
  addReferencesIn(value: unknown, depth = 0): void {
    if (this.closed || value == null || depth > 6) return;
    if (typeof value === 'string') {
      const label = labelOfId(value);
      if (!label) return;
      let s = this.referenced.get(label);
      if (!s) this.referenced.set(label, (s = new Set()));
      s.add(value);
    } else if (Array.isArray(value)) {
      for (const v of value) this.addReferencesIn(v, depth + 1);
    } else if (typeof value === 'object') {
      for (const v of Object.values(value as Record<string, unknown>)) this.addReferencesIn(v, depth + 1);
    }
  }

  noteTime(at: string | null | undefined): void {
    if (this.closed || !at) return;
    if (!this.at || at > this.at) this.at = at;
  }

  get empty(): boolean {
    return this.byLabel.size === 0 && this.referenced.size === 0;
  }
}

/**
 * Records whose before/after values name other entities only as the other ends of the record's own
 * links, and whose links every rule reads from the customer's side (issue 15): the ids in their
 * values go to `TouchedSet.referenced`, not `byLabel`. The attention state then recomputes a referenced
 * customer (the record was, or is now, that customer's) and a referenced case's customer, but does not
 * fan out from a referenced engineer or contact: an engineer's load (ENGINEER_OVERLOADED) counts his
 * coverage only, and no rule reads a customer's interactions, cases or promises from an engineer's or
 * a contact's side (src/graph/repositories/attention.repo.ts loads them from the customer:
 * `(c)<-[:FOR]-(i:Interaction)`, `(c)<-[:FOR]-(k:Case)`, `(c)<-[:TO]-(m:Commitment)`). Without this, an
 * interaction's engineer brought every customer he covers, owns a case of or worked on (dozens to
 * hundreds) into the write. Not listed, and so fanned out from: coverages (the engineer's load),
 * contacts (reporting lines, employment), operations, handoffs, absences, engineers, customers.
 */
export const REFERENCE_ONLY_RECORDS: ReadonlySet<string> = new Set(['Interaction', 'Case', 'Commitment']);

const current = new AsyncLocalStorage<TouchedSet>();

/** The collection of the transaction this code runs in (undefined outside a write transaction). */
export const touchedSet = (): TouchedSet | undefined => current.getStore();

export type BeforeCommit = (tx: TxRunner, touched: TouchedSet) => Promise<void>;
const beforeCommit = new Map<string, BeforeCommit>();

/**
 * Installs a hook that runs, inside every write transaction, after its work and before its commit
 * (the maintained attention state, the pinyin search keys). Hooks run in the order they were
 * installed; installing a name again replaces its hook, `null` removes it.
 */
export function setBeforeCommit(name: string, hook: BeforeCommit | null): void {
  if (hook) beforeCommit.set(name, hook);
  else beforeCommit.delete(name);
}

/**
 * Runs a transaction's work with a fresh collection, then the hooks in the same transaction.
 * `collected` receives the collection (the embedded store applies its state writes after commit).
 */
export async function trackWrites<T>(
  tx: TxRunner,
  work: (tx: TxRunner) => Promise<T>,
  collected?: (touched: TouchedSet) => void,
): Promise<T> {
  const touched = new TouchedSet();
  collected?.(touched);
  const result = await current.run(touched, () => work(tx));
  if (beforeCommit.size && !touched.empty) {
    touched.closed = true;
    for (const hook of [...beforeCommit.values()]) await current.run(touched, () => hook(tx, touched));
  }
  return result;
}
