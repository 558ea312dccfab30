import type { Params, Row, Store, TxRunner } from '../src/graph/store';

const TIMESTAMP = /^\d{4}-\d\d-\d\dT/;

/**
 * A store whose reads are answered from memory after their first run (writes pass through): what is
 * left of a request's cost is the server's own (bench/overhead.ts, bench/exec-ab.ts). Timestamps
 * ("now" of each request) are left out of the key: the same statement for the same ids.
 */
export class ReplayStore implements Store {
  private readonly rows = new Map<string, Row[]>();
  constructor(private readonly inner: Store) {}
  get engine() {
    return this.inner.engine;
  }
  async read(cypher: string, params?: Params): Promise<Row[]> {
    const key = `${cypher}\u0000${JSON.stringify(params ?? {}, (_k, v: unknown) => (typeof v === 'string' && TIMESTAMP.test(v) ? '' : v))}`;
    const hit = this.rows.get(key);
    if (hit) return hit;
    const rows = await this.inner.read(cypher, params);
    this.rows.set(key, rows);
    return rows;
  }
  write(cypher: string, params?: Params) {
    return this.inner.write(cypher, params);
  }
  transaction<T>(work: (tx: TxRunner) => Promise<T>) {
    return this.inner.transaction(work);
  }
  ping() {
    return this.inner.ping();
  }
  close() {
    return this.inner.close();
  }
}
