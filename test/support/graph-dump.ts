import type { Params, Row, Store, TxRunner } from '../../src/graph/store';
import type { GqlResult } from './harness';

/**
 * The whole graph as one canonical string: every node with its labels and properties, each with its
 * outgoing relationships (type, properties, target). Equal strings = nothing changed.
 */
export async function dumpGraph(store: Store, opts: { withoutLabels?: string[] } = {}): Promise<string> {
  const rows = await store.read(
    `MATCH (n) OPTIONAL MATCH (n)-[r]->(m)
     RETURN labels(n) AS labels, properties(n) AS props, type(r) AS rel, properties(r) AS relProps, m.id AS target`,
  );
  const skip = new Set(opts.withoutLabels ?? []);
  return rows
    .filter((r) => !((r.labels as string[]) ?? []).some((l) => skip.has(l)))
    .map((r) => canonical(r))
    .sort()
    .join('\n');
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

/**
 * A store whose transactions fail at the first statement matching `pattern` while armed: used to
 * check that a mutation whose last step fails leaves nothing of its earlier steps behind.
 */
export class FailingStore implements Store {
  armed = false;
  constructor(
    readonly inner: Store,
    private readonly pattern: RegExp,
  ) {}
  get engine() {
    return this.inner.engine;
  }
  read(cypher: string, params?: Params): Promise<Row[]> {
    return this.inner.read(cypher, params);
  }
  write(cypher: string, params?: Params): Promise<Row[]> {
    return this.inner.write(cypher, params);
  }
  transaction<T>(work: (tx: TxRunner) => Promise<T>): Promise<T> {
    return this.inner.transaction((tx) =>
      work({
        run: (cypher, params) => {
          if (this.armed && this.pattern.test(cypher)) throw new Error('injected failure');
          return tx.run(cypher, params);
        },
      }),
    );
  }
  ping() {
    return this.inner.ping();
  }
  async close() {
    // The harness that owns the inner store closes it.
  }
}

/** The first error of a result that must have failed, with its code. */
export function errorOf<T>(res: GqlResult<T>): {
  message: string;
  code: string;
  fields?: { field: string; reason: string }[];
  ext: Record<string, unknown>;
} {
  if (!res.errors?.length) throw new Error(`expected an error, got data ${JSON.stringify(res.data)}`);
  const e = res.errors[0];
  const ext = e.extensions ?? {};
  return { message: e.message, code: String(ext.code), fields: ext.fields as { field: string; reason: string }[] | undefined, ext };
}

export const fieldNames = (e: { fields?: { field: string }[] }): string[] => (e.fields ?? []).map((f) => f.field).sort();
