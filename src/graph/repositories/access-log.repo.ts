import type { AccessRead } from '../../auth/personal-data';
import { newId } from '../../domain/ids';
import { encodeCursor } from '../../domain/pagination';
import type { Store } from '../store';

/**
 * The access log: one (:AccessLog) node per unmasked read of personal data, keyed by entityId and
 * actor (both indexed). A request's reads are written in one statement. MERGE by id keeps the write
 * idempotent when a transaction function retries it.
 */
export const RECORD_ACCESS = `
UNWIND $rows AS row
MERGE (a:AccessLog {id: row.id})
SET a.at = datetime(row.at), a.actor = row.actor, a.keyId = row.keyId, a.entityId = row.entityId,
  a.entityLabel = row.entityLabel, a.field = row.field, a.operation = row.operation,
  a.requestId = row.requestId, a.seq = row.seq`;

// Each variant starts from an indexed property when a filter gives one (the embedded planner does
// not reorder patterns); the keyset continues after the cursor, newest first.
const MATCH = {
  entity: 'MATCH (a:AccessLog {entityId: $entityId})',
  actor: 'MATCH (a:AccessLog {actor: $actor})',
  all: 'MATCH (a:AccessLog)',
};
type Variant = keyof typeof MATCH;

const ACTOR = '($actor IS NULL OR a.actor = $actor)';
const AFTER = `($afterAt IS NULL
   OR a.at < datetime($afterAt)
   OR (a.at = datetime($afterAt) AND (a.seq < $afterSeq OR (a.seq = $afterSeq AND a.id < $afterId))))`;

const pageCypher = (v: Variant) => `${MATCH[v]}
WHERE ${ACTOR} AND ${AFTER}
RETURN a ORDER BY a.at DESC, a.seq DESC, a.id DESC LIMIT $limit`;
const countCypher = (v: Variant) => `${MATCH[v]}
WHERE ${ACTOR}
RETURN count(a) AS n`;

export const ACCESS_PAGE: Record<Variant, string> = { entity: pageCypher('entity'), actor: pageCypher('actor'), all: pageCypher('all') };
export const ACCESS_COUNT: Record<Variant, string> = { entity: countCypher('entity'), actor: countCypher('actor'), all: countCypher('all') };

export interface AccessLogRecord {
  id: string;
  at: string;
  actor: string;
  keyId?: string | null;
  entityId: string;
  entityLabel: string;
  field: string;
  operation: string;
  requestId: string;
  seq: number;
}

export interface AccessCursor {
  at: string;
  seq: number;
  id: string;
}

export const accessCursor = (raw: unknown): AccessCursor | null =>
  Array.isArray(raw) && raw.length === 3 && typeof raw[0] === 'string' && typeof raw[1] === 'number' && typeof raw[2] === 'string'
    ? { at: raw[0], seq: raw[1], id: raw[2] }
    : null;

const cursorOf = (a: AccessLogRecord) => encodeCursor([a.at, a.seq, a.id]);

let counter = 0;

/** Writes a request's unmasked reads in one statement (nothing when there are none). */
export async function recordAccess(store: Store, reads: AccessRead[]): Promise<void> {
  if (!reads.length) return;
  const rows = reads.map((r) => ({
    id: newId('acc'),
    at: r.at,
    actor: r.actor,
    keyId: r.keyId,
    entityId: r.entityId,
    entityLabel: r.entityLabel,
    field: r.field,
    operation: r.operation,
    requestId: r.requestId,
    // Orders reads recorded within one millisecond.
    seq: ++counter,
  }));
  await store.write(RECORD_ACCESS, { rows });
}

export async function listAccessLog(
  store: Store,
  filter: { entityId: string | null; actor: string | null },
  page: { limit: number; after: AccessCursor | null },
) {
  const which: Variant = filter.entityId ? 'entity' : filter.actor ? 'actor' : 'all';
  const params = {
    entityId: filter.entityId,
    actor: filter.actor,
    afterAt: page.after?.at ?? null,
    afterSeq: page.after?.seq ?? null,
    afterId: page.after?.id ?? null,
    limit: page.limit + 1,
  };
  const [rows, count] = await Promise.all([
    page.limit === 0 ? Promise.resolve([]) : store.read(ACCESS_PAGE[which], params),
    store.read(ACCESS_COUNT[which], params),
  ]);
  const nodes = rows.slice(0, page.limit).map((r) => r.a as unknown as AccessLogRecord);
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
