import { nameIdPage, nameIdParams, type PageRequest } from '../../domain/pagination';
import { readBoundedPage } from '../page-bounds';
import type { Params, Store } from '../store';

/**
 * A list in (name, id) order with keyset pagination (the customers, the engineers), built from the
 * filters actually given: each combination is one fixed text. A catch-all `$x IS NULL OR ...` is
 * evaluated for every row on the embedded engine (an `EXISTS` subquery per row) even when `$x` is null.
 */
export interface NameList {
  /** The list's name in the remembered bounds' keys (src/graph/page-bounds.ts). */
  list: string;
  /** The variable the statement binds for a row (`c`, `e`). */
  v: string;
  /** The `MATCH` (and any `WITH`) the list starts from. */
  start: string;
  /** The filters given, as conditions on `v` (cheapest and most selective first). */
  conditions: string[];
  /** What a row returns, as `v`: only the properties the type reads, never whole nodes. */
  projection: string;
}

const whereOf = (conditions: string[]) => (conditions.length ? `\nWHERE ${conditions.join('\n  AND ')}` : '');

/**
 * A page in name order between the cursors, or the same read backwards (last/before: the rows nearest
 * the `before` cursor, last first). With `bound`, only names up to `$bound` (from it, backwards) are
 * sorted. Sorted and limited before the projection, so only the page's rows are converted.
 */
export function namePageCypher(l: NameList, keyset: { after: boolean; before: boolean; bound: boolean }, backwards: boolean): string {
  const { v } = l;
  const where: string[] = [];
  // First: the cheapest test, which drops most rows (the embedded engine tests in the order written).
  if (keyset.bound) where.push(backwards ? `${v}.name >= $bound` : `${v}.name <= $bound`);
  where.push(...l.conditions);
  if (keyset.after) where.push(`(${v}.name > $afterName OR (${v}.name = $afterName AND ${v}.id > $afterId))`);
  if (keyset.before) where.push(`(${v}.name < $beforeName OR (${v}.name = $beforeName AND ${v}.id < $beforeId))`);
  const dir = backwards ? ' DESC' : '';
  return `${l.start}${whereOf(where)}
WITH ${v} ORDER BY ${v}.name${dir}, ${v}.id${dir} LIMIT $limit
RETURN ${l.projection} AS ${v}`;
}

/** How many rows pass the filters (no sorting, no cursors). */
export function nameCountCypher(l: NameList): string {
  return `${l.start}${whereOf(l.conditions)}
RETURN count(${l.v}) AS n`;
}

/**
 * A page with its total count, in two statements run together. The page is read through the store's
 * remembered bounds; `params` are the filters' parameters, and `ignore` names those that do not
 * change which rows pass (the request's clock), so pages that differ only in them share a bound.
 */
export async function readNamePage<T extends { name: string; id: string }>(
  store: Store,
  l: NameList,
  page: PageRequest<{ name: string; id: string }>,
  params: Params,
  ignore: string[] = [],
) {
  const keyset = nameIdParams(page);
  const all = { ...params, ...keyset.params };
  const shape = { after: keyset.params.afterName !== null, before: keyset.params.beforeName !== null };
  const sameList = Object.fromEntries(Object.entries(all).filter(([k]) => !ignore.includes(k)));
  const [rows, count] = await Promise.all([
    keyset.size === 0
      ? Promise.resolve([])
      : readBoundedPage(store.pageBounds?.(), {
          key: `${l.list}${keyset.backwards ? '<' : '>'}${nameCountCypher(l)}${JSON.stringify(sameList)}`,
          limit: keyset.params.limit,
          bounded: (bound) => store.read(namePageCypher(l, { ...shape, bound: true }, keyset.backwards), { ...all, bound }),
          whole: () => store.read(namePageCypher(l, { ...shape, bound: false }, keyset.backwards), all),
          keyOf: (row) => (row[l.v] as { name: string }).name,
        }),
    store.read(nameCountCypher(l), all),
  ]);
  return nameIdPage(
    rows.map((r) => r[l.v] as unknown as T),
    page,
    (count[0]?.n as number) ?? 0,
  );
}
