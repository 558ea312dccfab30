import { badInput } from '../errors';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 200;

/** Validates `first` (1..200, default 20) and decodes `after`; errors name the argument. */
export function pageArgs<C>(
  first: number | null | undefined,
  after: string | null | undefined,
  decode: (raw: unknown) => C | null,
): { limit: number; after: C | null } {
  const problems = [];
  const limit = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_PAGE_SIZE) {
    problems.push({ field: 'first', reason: `must be between 0 and ${MAX_PAGE_SIZE}, got ${first}` });
  }
  let cursor: C | null = null;
  if (after) {
    cursor = decodeCursor(after, decode);
    if (cursor === null) problems.push({ field: 'after', reason: 'is not a cursor returned by this connection' });
  }
  if (problems.length) throw badInput(problems);
  return { limit, after: cursor };
}

export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function decodeCursor<C>(text: string, decode: (raw: unknown) => C | null): C | null {
  try {
    return decode(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
  } catch {
    return null;
  }
}

/** A cursor over (name, id) keyset order. */
export const nameIdCursor = (raw: unknown): { name: string; id: string } | null =>
  Array.isArray(raw) && raw.length === 2 && typeof raw[0] === 'string' && typeof raw[1] === 'string' ? { name: raw[0], id: raw[1] } : null;

/** A cursor that is an offset into a list computed in memory. */
export const offsetCursor = (raw: unknown): number | null => (typeof raw === 'number' && Number.isInteger(raw) && raw >= 0 ? raw : null);

/** A request for a page in either direction: `first`/`after` forwards, `last`/`before` backwards. */
export interface PageRequest<C> {
  first: number | null;
  last: number | null;
  after: C | null;
  before: C | null;
}

/**
 * Validates Relay paging arguments for a connection that pages both ways: `first` and `last` are
 * each 0..200 and may not be combined; with neither, the first 20. `after` and `before` must be
 * cursors of this connection (they may be combined: the page lies between them).
 */
export function pageRequest<C>(
  args: { first?: number | null; after?: string | null; last?: number | null; before?: string | null },
  decode: (raw: unknown) => C | null,
): PageRequest<C> {
  const problems: { field: string; reason: string }[] = [];
  const size = (field: 'first' | 'last') => {
    const v = args[field];
    if (v === null || v === undefined) return null;
    if (!Number.isInteger(v) || v < 0 || v > MAX_PAGE_SIZE)
      problems.push({ field, reason: `must be between 0 and ${MAX_PAGE_SIZE}, got ${v}` });
    return v;
  };
  const cursor = (field: 'after' | 'before') => {
    const text = args[field];
    if (!text) return null;
    const c = decodeCursor(text, decode);
    if (c === null) problems.push({ field, reason: 'is not a cursor returned by this connection' });
    return c;
  };
  let first = size('first');
  const last = size('last');
  const after = cursor('after');
  const before = cursor('before');
  if (first !== null && last !== null)
    problems.push({ field: 'last', reason: 'cannot be combined with first: page forwards with first/after or backwards with last/before' });
  if (problems.length) throw badInput(problems);
  if (first === null && last === null) first = DEFAULT_PAGE_SIZE;
  return { first, last, after, before };
}

/**
 * Relay's window over a list that is already in memory: `lower` is the index of the first item
 * after the `after` cursor, `upper` the index of the first item at or past the `before` cursor.
 * hasPreviousPage / hasNextPage say whether the list holds items before / after the page.
 */
export function windowOfList<T, C>(
  list: T[],
  req: PageRequest<C>,
  bounds: { lower: (after: C) => number; upper: (before: C) => number },
  cursorOf: (item: T, index: number) => string,
) {
  const lo = req.after !== null ? Math.max(0, bounds.lower(req.after)) : 0;
  const hi = Math.max(lo, req.before !== null ? Math.min(list.length, bounds.upper(req.before)) : list.length);
  let start = lo;
  let end = hi;
  if (req.first !== null) end = Math.min(end, start + req.first);
  if (req.last !== null) start = Math.max(start, end - req.last);
  const edges = list.slice(start, end).map((node, i) => ({ node, cursor: cursorOf(node, start + i) }));
  return {
    totalCount: list.length,
    edges,
    pageInfo: {
      hasPreviousPage: start > 0,
      hasNextPage: end < list.length,
      startCursor: edges.length ? edges[0].cursor : null,
      endCursor: edges.length ? edges[edges.length - 1].cursor : null,
    },
  };
}

/** Pages a list that is already in memory; its cursors are positions in the list. */
export function pageOfList<T>(
  list: T[],
  first: number | null | undefined,
  after: string | null | undefined,
  last: number | null | undefined = null,
  before: string | null | undefined = null,
) {
  return windowOfList(list, pageRequest({ first, after, last, before }, offsetCursor), { lower: (a) => a + 1, upper: (b) => b }, (_n, i) =>
    encodeCursor(i),
  );
}

/**
 * A Relay page over (name, id) keyset order. `fetched` holds up to `size + 1` nodes read from
 * the cursor outwards (in reverse order when paging backwards); the extra one only says that
 * there is another page in that direction. In the other direction a page exists when a cursor
 * was given (the cursor's own node lies there).
 */
export function nameIdPage<T extends { name: string; id: string }>(
  fetched: T[],
  req: PageRequest<{ name: string; id: string }>,
  totalCount: number,
) {
  const backwards = req.last !== null;
  const size = (backwards ? req.last : req.first) ?? DEFAULT_PAGE_SIZE;
  const taken = fetched.slice(0, size);
  const nodes = backwards ? taken.reverse() : taken;
  const more = fetched.length > size;
  const cursor = (n: T) => encodeCursor([n.name, n.id]);
  const edges = nodes.map((node) => ({ node, cursor: cursor(node) }));
  return {
    totalCount,
    edges,
    pageInfo: {
      hasPreviousPage: (backwards && more) || req.after !== null,
      hasNextPage: (!backwards && more) || req.before !== null,
      startCursor: edges.length ? edges[0].cursor : null,
      endCursor: edges.length ? edges[edges.length - 1].cursor : null,
    },
  };
}

/** Cypher parameters for a (name, id) keyset page (bounds from the cursors, how many to fetch), its size and direction. */
export function nameIdParams(req: PageRequest<{ name: string; id: string }>) {
  const size = req.last ?? req.first ?? DEFAULT_PAGE_SIZE;
  return {
    size,
    backwards: req.last !== null,
    params: {
      afterName: req.after?.name ?? null,
      afterId: req.after?.id ?? null,
      beforeName: req.before?.name ?? null,
      beforeId: req.before?.id ?? null,
      limit: size + 1,
    },
  };
}
