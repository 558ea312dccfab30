import { compareKeys, type AttentionKey } from '../domain/attention-list';
import type { Row } from './store';

/**
 * The maintained attention states' ranking fields, held in the server process for the embedded
 * engine (issue 15). On a graph of 50,000 customers the list's statements each scanned every
 * (:AttentionState) node — the stale ones, the count, the top of the ranking: about 300 ms together
 * under load, against a target of 60 ms. The embedded engine's data directory is locked to one
 * process, so every state is written by this process, through src/graph/attention-state.ts, inside a
 * write transaction that notes what it wrote (`TouchedSet.stateWrites`); the store applies those
 * writes here after the transaction commits. The states are loaded on first use. Neo4j has no
 * such cache (other processes may write the same graph): its list runs the statements.
 *
 * What is kept: the ranking key (score, name, id), the filters (tier, archived, codes), the validity
 * (at, next, policy) and textUntil; not the flags' texts (the page's rows read theirs).
 */
export interface CachedState {
  id: string;
  name: string;
  tier: string;
  score: number;
  codes: string[];
  archived: boolean;
  /** Epoch milliseconds. */
  at: number;
  next: number;
  textUntil: number | null;
  policy: string;
}

/** What one write transaction did to the states: rows written (as returned by the write), ids deleted. */
export type StateWrite = { rows: Row[] } | { drop: string[] };

/** The fields the cache needs, as every state-writing statement returns them (`RETURN ${STATE_RETURN}`). */
export const STATE_RETURN = `a.id AS id, a.name AS name, a.tier AS tier, a.score AS score, a.codes AS codes, a.archived AS archived,
  a.at AS at, a.next AS next, a.textUntil AS textUntil, a.policy AS policy`;

export const ALL_STATES = `MATCH (a:AttentionState) RETURN ${STATE_RETURN}`;

const time = (v: unknown): number => (typeof v === 'string' ? new Date(v).getTime() : NaN);

export function toCachedState(r: Row): CachedState {
  return {
    id: r.id as string,
    name: (r.name as string) ?? '',
    tier: r.tier as string,
    score: Number(r.score),
    codes: (r.codes as string[]) ?? [],
    archived: r.archived === true,
    at: time(r.at),
    next: time(r.next),
    textUntil: r.textUntil == null ? null : time(r.textUntil),
    policy: r.policy as string,
  };
}

const keyOfState = (s: CachedState): AttentionKey => [s.score, s.name, s.id];
const compareStates = (a: CachedState, b: CachedState) => compareKeys(keyOfState(a), keyOfState(b));

/** Above this many rows in one commit the ranking is sorted again instead of updated row by row. */
const RESORT_ABOVE = 2000;

export class AttentionCache {
  private readonly byId = new Map<string, CachedState>();
  /** Every state, in ranking order (score descending, then name, then id). */
  private ranked: CachedState[] = [];
  private loading: Promise<void> | null = null;
  private loaded = false;
  /** Commits that landed while the states were being read (applied after, in order). */
  private pending: StateWrite[][] = [];

  constructor(private readonly readAll: () => Promise<Row[]>) {}

  /** The cache, loaded (the first call reads every state in one statement). */
  async ready(): Promise<this> {
    this.loading ??= this.load();
    try {
      await this.loading;
    } catch (err) {
      // A failed load is tried again by the next request.
      this.loading = null;
      this.pending = [];
      throw err;
    }
    return this;
  }

  /**
   * Drops what is held: the next use reads every state again. For states written around this process's
   * write path (a test simulating a restart after them); the server never needs it.
   */
  forget(): void {
    this.loading = null;
    this.loaded = false;
    this.pending = [];
    this.byId.clear();
    this.ranked = [];
  }

  get size(): number {
    return this.byId.size;
  }

  /** Every state in ranking order (read-only: do not keep it across an await). */
  get inOrder(): readonly CachedState[] {
    return this.ranked;
  }

  /** Whether the state can be used at `t` under the policy (the list's validity). */
  static valid(s: CachedState, t: number, policy: string): boolean {
    return s.policy === policy && s.at <= t && t < s.next;
  }

  /** States not valid at `t` (due, computed after `t`, or under another policy): the sweep recomputes them. */
  due(t: number, policy: string, limit: number): string[] {
    const out: string[] = [];
    for (const s of this.ranked) {
      if (!AttentionCache.valid(s, t, policy)) out.push(s.id);
      if (out.length >= limit) break;
    }
    return out;
  }

  /**
   * The rows the unfiltered list shows first (the first `k` valid flagged states) whose text has
   * ticked at `t`: the sweep refreshes them, so a first page rarely assesses anything on the request.
   */
  headTicked(t: number, policy: string, k: number): string[] {
    const out: string[] = [];
    let seen = 0;
    for (const s of this.ranked) {
      if (seen >= k) break;
      if (s.archived || !(s.score > 0) || !AttentionCache.valid(s, t, policy)) continue;
      seen++;
      if (s.textUntil === null || s.textUntil <= t) out.push(s.id);
    }
    return out;
  }

  /** The earliest instant after `t` at which a state falls due or a head row's text ticks (Infinity: none). */
  nextInstant(t: number, policy: string, k: number): number {
    let next = Infinity;
    let seen = 0;
    for (const s of this.ranked) {
      if (s.policy !== policy) continue;
      if (s.next > t && s.next < next) next = s.next;
      if (seen < k && !s.archived && s.score > 0 && s.at <= t && t < s.next) {
        seen++;
        if (s.textUntil !== null && s.textUntil > t && s.textUntil < next) next = s.textUntil;
      }
    }
    return next;
  }

  private async load(): Promise<void> {
    const rows = await this.readAll();
    this.byId.clear();
    for (const r of rows) {
      const s = toCachedState(r);
      this.byId.set(s.id, s);
    }
    this.ranked = [...this.byId.values()].sort(compareStates);
    this.loaded = true;
    // A commit between the read's snapshot and now is applied again: writes carry whole rows, so a
    // write the snapshot already saw is applied twice to the same effect.
    const pending = this.pending;
    this.pending = [];
    for (const writes of pending) this.apply(writes);
  }

  /** A committed transaction's state writes (called by the store right after its commit). */
  applyCommitted(writes: StateWrite[]): void {
    if (!writes.length || !this.loading) return; // not loaded yet: the load will read the committed states
    if (!this.loaded) this.pending.push(writes);
    else this.apply(writes);
  }

  private apply(writes: StateWrite[]): void {
    const changed = writes.reduce((n, w) => n + ('rows' in w ? w.rows.length : w.drop.length), 0);
    if (changed > RESORT_ABOVE) {
      for (const w of writes) {
        if ('rows' in w) for (const r of w.rows) this.byId.set(r.id as string, toCachedState(r));
        else for (const id of w.drop) this.byId.delete(id);
      }
      this.ranked = [...this.byId.values()].sort(compareStates);
      return;
    }
    for (const w of writes) {
      if ('rows' in w) {
        for (const r of w.rows) {
          const s = toCachedState(r);
          this.remove(s.id);
          this.byId.set(s.id, s);
          this.ranked.splice(this.position(s), 0, s);
        }
      } else for (const id of w.drop) this.remove(id);
    }
  }

  private remove(id: string): void {
    const old = this.byId.get(id);
    if (!old) return;
    this.byId.delete(id);
    const i = this.position(old);
    if (this.ranked[i] === old) this.ranked.splice(i, 1);
    else {
      // Not where its key says (cannot happen while keys are unique): find it the slow way.
      const j = this.ranked.indexOf(old);
      if (j >= 0) this.ranked.splice(j, 1);
    }
  }

  /** The first index whose state does not rank before `s`. */
  private position(s: CachedState): number {
    let lo = 0;
    let hi = this.ranked.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareStates(this.ranked[mid], s) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
