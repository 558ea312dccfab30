import type { AttentionCache } from './attention-cache';
import type { PageBounds } from './page-bounds';
/**
 * The storage port: the only way the rest of Rapport runs Cypher. Both engines (embedded Grafeo and
 * Neo4j) implement it, and both return plain JSON rows: numbers, strings, booleans, null, lists and
 * maps; temporal values as ISO-8601 strings; nodes and relationships as their property maps.
 */
export type Value = null | boolean | number | string | Value[] | { [key: string]: Value };
export type Row = Record<string, Value>;
export type Params = Record<string, unknown>;

export interface TxRunner {
  run(cypher: string, params?: Params): Promise<Row[]>;
}

export interface Store {
  readonly engine: 'embedded' | 'neo4j';
  /** A read-only statement (routed to readers on a Neo4j cluster). */
  read(cypher: string, params?: Params): Promise<Row[]>;
  /** One write statement, committed on its own. */
  write(cypher: string, params?: Params): Promise<Row[]>;
  /**
   * Several statements that commit together or not at all. The work may be retried on transient
   * errors, so it must not have side effects outside the store.
   */
  transaction<T>(work: (tx: TxRunner) => Promise<T>): Promise<T>;
  /** Throws when the store cannot answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
  /**
   * The attention states kept in this process, when this process is the store's only writer (the
   * embedded engine; src/graph/attention-cache.ts). Absent: the attention list reads the states by Cypher.
   */
  attentionCache?(): AttentionCache;
  /** Sort bounds remembered from earlier pages (src/graph/page-bounds.ts). Absent: pages are read whole. */
  pageBounds?(): PageBounds;
}

/** Counts statements sent through a store: used by tests and the benchmark to check batching. */
export class CountingStore implements Store {
  calls = 0;
  readonly statements: string[] = [];
  /** For each statement, how many reads had answered when it was sent: the request's waves (tests). */
  readonly sentAfter: number[] = [];
  private readsAnswered = 0;
  readonly attentionCache?: () => AttentionCache;
  readonly pageBounds?: () => PageBounds;
  constructor(readonly inner: Store) {
    if (inner.attentionCache) this.attentionCache = () => inner.attentionCache!();
    if (inner.pageBounds) this.pageBounds = () => inner.pageBounds!();
  }
  get engine() {
    return this.inner.engine;
  }
  reset() {
    this.calls = 0;
    this.statements.length = 0;
    this.sentAfter.length = 0;
    this.readsAnswered = 0;
  }
  private note(cypher: string) {
    this.calls++;
    if (this.statements.length < 10_000) {
      this.statements.push(cypher);
      this.sentAfter.push(this.readsAnswered);
    }
  }
  read(cypher: string, params?: Params) {
    this.note(cypher);
    return this.inner.read(cypher, params).finally(() => this.readsAnswered++);
  }
  write(cypher: string, params?: Params) {
    this.note(cypher);
    return this.inner.write(cypher, params);
  }
  transaction<T>(work: (tx: TxRunner) => Promise<T>) {
    return this.inner.transaction((tx) =>
      work({
        run: (cypher, params) => {
          this.note(cypher);
          return tx.run(cypher, params);
        },
      }),
    );
  }
  ping() {
    return this.inner.ping();
  }
  close() {
    return this.inner.close();
  }
}
