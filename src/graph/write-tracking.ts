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
 * name every customer it affects.
 */
export class TouchedSet {
  /** Entity ids by node label. */
  readonly byLabel = new Map<string, Set<string>>();
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

  noteTime(at: string | null | undefined): void {
    if (this.closed || !at) return;
    if (!this.at || at > this.at) this.at = at;
  }

  get empty(): boolean {
    return this.byLabel.size === 0;
  }
}

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
