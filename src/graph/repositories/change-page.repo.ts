import { encodeCursor } from '../../domain/pagination';
import type { Store } from '../store';

/** Reading the change history of one entity, newest first, as Relay pages (keyset on at, seq, id). */

export const CHANGES_PAGE = `
MATCH (c:Change {entityId: $entityId})
WHERE $afterAt IS NULL
   OR c.at < datetime($afterAt)
   OR (c.at = datetime($afterAt) AND (c.seq < $afterSeq OR (c.seq = $afterSeq AND c.id < $afterId)))
RETURN c ORDER BY c.at DESC, c.seq DESC, c.id DESC LIMIT $limit`;

export const CHANGES_COUNT = `
MATCH (c:Change {entityId: $entityId})
RETURN count(c) AS n`;

export interface ChangeRecord {
  id: string;
  at: string;
  actor: string;
  op: string;
  entityId: string;
  entityLabel: string;
  summary?: string | null;
  /** JSON: { field: { before, after } } */
  changes: string;
  seq: number;
}

export interface ChangeCursor {
  at: string;
  seq: number;
  id: string;
}

export const changeCursor = (raw: unknown): ChangeCursor | null =>
  Array.isArray(raw) && raw.length === 3 && typeof raw[0] === 'string' && typeof raw[1] === 'number' && typeof raw[2] === 'string'
    ? { at: raw[0], seq: raw[1], id: raw[2] }
    : null;

const cursorOf = (c: ChangeRecord) => encodeCursor([c.at, c.seq, c.id]);

export async function listChanges(store: Store, entityId: string, page: { limit: number; after: ChangeCursor | null }) {
  const params = {
    entityId,
    afterAt: page.after?.at ?? null,
    afterSeq: page.after?.seq ?? null,
    afterId: page.after?.id ?? null,
    limit: page.limit + 1,
  };
  const [rows, count] = await Promise.all([
    page.limit === 0 ? Promise.resolve([]) : store.read(CHANGES_PAGE, params),
    store.read(CHANGES_COUNT, { entityId }),
  ]);
  const nodes = rows.slice(0, page.limit).map((r) => r.c as unknown as ChangeRecord);
  return {
    totalCount: (count[0]?.n as number) ?? 0,
    edges: nodes.map((node) => ({ node, cursor: cursorOf(node) })),
    pageInfo: {
      hasPreviousPage: page.after !== null,
      hasNextPage: rows.length > page.limit,
      startCursor: nodes.length ? cursorOf(nodes[0]) : null,
      endCursor: nodes.length ? cursorOf(nodes[nodes.length - 1]) : null,
    },
  };
}
