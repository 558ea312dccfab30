import DataLoader from 'dataloader';
import type { Params, Row, Store } from './store';

/**
 * Loaders that batch by parent id. Each one runs a single statement for all the ids a request asks
 * for at one depth: the Cypher receives `$ids` (plus fixed parameters) and returns a `key` column
 * naming the parent id. Results come back in key order, as DataLoader requires.
 */
export function manyLoader<T>(
  store: Store,
  cypher: string,
  toValue: (row: Row) => T,
  params: Params = {},
  /** Each parent's values sorted here rather than by the statement (a few per parent, cheaper in JS). */
  order?: (a: T, b: T) => number,
): DataLoader<string, T[]> {
  return new DataLoader<string, T[]>(async (ids) => {
    const rows = await store.read(cypher, Object.assign({}, params, { ids: [...ids] }));
    const grouped = new Map<string, T[]>();
    for (const row of rows) {
      const key = row.key as string;
      let list = grouped.get(key);
      if (!list) grouped.set(key, (list = []));
      list.push(toValue(row));
    }
    if (order) for (const list of grouped.values()) list.sort(order);
    return ids.map((id) => grouped.get(id) ?? []);
  });
}

/** At most one value per id (null when there is none). */
export function oneLoader<T>(store: Store, cypher: string, toValue: (row: Row) => T, params: Params = {}): DataLoader<string, T | null> {
  return new DataLoader<string, T | null>(async (ids) => {
    const rows = await store.read(cypher, Object.assign({}, params, { ids: [...ids] }));
    const byKey = new Map<string, T>();
    for (const row of rows) if (!byKey.has(row.key as string)) byKey.set(row.key as string, toValue(row));
    return ids.map((id) => byKey.get(id) ?? null);
  });
}

/**
 * A family of loaders that differ by arguments (e.g. coverage `at` and `role`): one loader per
 * distinct argument set within the request, so a list of 50 customers asking the same question
 * still costs one statement.
 */
export class LoaderFamily<A, L> {
  private readonly loaders = new Map<string, L>();
  /** `keyOf`: the argument set's identity (default: its JSON). */
  constructor(
    private readonly make: (args: A) => L,
    private readonly keyOf: (args: A) => string = (args) => JSON.stringify(args),
  ) {}
  get(args: A): L {
    const key = this.keyOf(args);
    let loader = this.loaders.get(key);
    if (!loader) this.loaders.set(key, (loader = this.make(args)));
    return loader;
  }
}
