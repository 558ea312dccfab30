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
  Array.isArray(raw) && raw.length === 2 && typeof raw[0] === 'string' && typeof raw[1] === 'string'
    ? { name: raw[0], id: raw[1] }
    : null;

/** A cursor that is an offset into a list computed in memory. */
export const offsetCursor = (raw: unknown): number | null =>
  typeof raw === 'number' && Number.isInteger(raw) && raw >= 0 ? raw : null;

/** Slices a list that is already in memory into a page. */
export function pageOfList<T>(list: T[], first: number | null | undefined, after: string | null | undefined) {
  const { limit, after: offset } = pageArgs(first, after, offsetCursor);
  const start = offset === null ? 0 : offset + 1;
  const slice = list.slice(start, start + limit);
  return {
    totalCount: list.length,
    edges: slice.map((node, i) => ({ node, cursor: encodeCursor(start + i) })),
    pageInfo: {
      hasNextPage: start + limit < list.length,
      endCursor: slice.length ? encodeCursor(start + slice.length - 1) : null,
    },
  };
}

/**
 * A Relay page over (name, id) keyset order from `limit + 1` fetched nodes: the extra one only
 * says that there is a next page.
 */
export function nameIdPage<T extends { name: string; id: string }>(fetched: T[], limit: number, totalCount: number) {
  const nodes = fetched.slice(0, limit);
  const cursor = (n: T) => encodeCursor([n.name, n.id]);
  return {
    totalCount,
    edges: nodes.map((node) => ({ node, cursor: cursor(node) })),
    pageInfo: { hasNextPage: fetched.length > limit, endCursor: nodes.length ? cursor(nodes[nodes.length - 1]) : null },
  };
}
