import * as attention from '../src/graph/repositories/attention.repo';
import * as cas from '../src/graph/repositories/case.repo';
import * as change from '../src/graph/repositories/change.repo';
import * as cov from '../src/graph/repositories/coverage.repo';
import * as cus from '../src/graph/repositories/customer.repo';
import * as hof from '../src/graph/repositories/handoff.repo';
import * as hofWrite from '../src/graph/repositories/handoff-write.repo';
import * as ppl from '../src/graph/repositories/people.repo';
import type { Params, Row, Store, TxRunner } from '../src/graph/store';
import type { AttentionCache } from '../src/graph/attention-cache';
import type { PageBounds } from '../src/graph/page-bounds';

/**
 * A store wrapper that times every statement, by statement: where an operation's time goes on the
 * storage side. Statements are named by the repository constant that holds them when there is one.
 */

const NAMES = new Map<string, string>();
for (const [file, mod] of Object.entries({
  'attention.repo': attention,
  'case.repo': cas,
  'change.repo': change,
  'coverage.repo': cov,
  'customer.repo': cus,
  'handoff.repo': hof,
  'handoff-write.repo': hofWrite,
  'people.repo': ppl,
})) {
  for (const [name, value] of Object.entries(mod))
    if (typeof value === 'string' && /\b(MATCH|UNWIND|CREATE|MERGE)\b/.test(value)) NAMES.set(value, `${file} ${name}`);
}

/** The repository name of a statement, or a short form of its text. */
export function statementName(cypher: string): string {
  const known = NAMES.get(cypher);
  if (known) return known;
  const byId = /^UNWIND \$ids AS id MATCH \(n:`(\w+)` \{id: id\}\) RETURN id AS key, n$/.exec(cypher.trim());
  if (byId) return `node.repo nodesByIdCypher(${byId[1]})`;
  return cypher.replace(/\s+/g, ' ').trim().slice(0, 100);
}

export interface StatementTime {
  statement: string;
  calls: number;
  totalMs: number;
  meanMs: number;
}

export class TimingStore implements Store {
  private readonly times = new Map<string, { calls: number; ms: number }>();
  /** The embedded store's attention cache, passed through (the server's list uses it). */
  readonly attentionCache?: () => AttentionCache;
  readonly pageBounds?: () => PageBounds;
  constructor(private readonly inner: Store) {
    if (inner.attentionCache) this.attentionCache = () => inner.attentionCache!();
    if (inner.pageBounds) this.pageBounds = () => inner.pageBounds!();
  }
  get engine() {
    return this.inner.engine;
  }
  private async timed(cypher: string, run: () => Promise<Row[]>): Promise<Row[]> {
    const t = performance.now();
    try {
      return await run();
    } finally {
      const ms = performance.now() - t;
      const s = this.times.get(cypher) ?? { calls: 0, ms: 0 };
      s.calls++;
      s.ms += ms;
      this.times.set(cypher, s);
    }
  }
  read(cypher: string, params?: Params) {
    return this.timed(cypher, () => this.inner.read(cypher, params));
  }
  write(cypher: string, params?: Params) {
    return this.timed(cypher, () => this.inner.write(cypher, params));
  }
  transaction<T>(work: (tx: TxRunner) => Promise<T>) {
    return this.inner.transaction((tx) => work({ run: (cypher, params) => this.timed(cypher, () => tx.run(cypher, params)) }));
  }
  ping() {
    return this.inner.ping();
  }
  close() {
    return this.inner.close();
  }
  reset() {
    this.times.clear();
  }
  /** Statements by total time, merged by name (an import's per-kind statements stay apart). */
  top(n = 10): StatementTime[] {
    const merged = new Map<string, { calls: number; ms: number }>();
    for (const [cypher, s] of this.times) {
      const name = statementName(cypher);
      const m = merged.get(name) ?? { calls: 0, ms: 0 };
      m.calls += s.calls;
      m.ms += s.ms;
      merged.set(name, m);
    }
    return [...merged]
      .sort((a, b) => b[1].ms - a[1].ms)
      .slice(0, n)
      .map(([statement, s]) => ({
        statement,
        calls: s.calls,
        totalMs: Math.round(s.ms),
        meanMs: Math.round((s.ms / s.calls) * 1000) / 1000,
      }));
  }
  totalMs(): number {
    let t = 0;
    for (const s of this.times.values()) t += s.ms;
    return Math.round(t);
  }
}
