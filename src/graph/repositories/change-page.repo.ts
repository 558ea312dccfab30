import { encodeCursor } from '../../domain/pagination';
import { labelOfId, type NodeLabel } from '../../domain/ids';
import type { Store } from '../store';
import { unpackBatchEntries } from './change.repo';

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

/** The import batches that recorded changes of this entity (ids listed on the entity itself). */
export const CHANGE_BATCHES_OF = (label: NodeLabel) => `
MATCH (n:\`${label}\` {id: $entityId})
UNWIND coalesce(n._changeBatches, []) AS bid
MATCH (b:ChangeBatch {id: bid})
RETURN b.id AS id, b.seq AS seq, b.entries AS entries`;

/** The entity's entries of its import batches, as change records (id: the batch's id and the entry's position). */
async function batchChanges(store: Store, entityId: string): Promise<ChangeRecord[]> {
  const label = labelOfId(entityId);
  if (!label) return [];
  const out: ChangeRecord[] = [];
  for (const b of await store.read(CHANGE_BATCHES_OF(label), { entityId })) {
    const entries = unpackBatchEntries(b.entries as string);
    entries.forEach((e, k) => {
      if (e.e !== entityId) return;
      out.push({
        id: `${b.id as string}.${String(k).padStart(6, '0')}`,
        at: e.t,
        actor: e.a,
        op: e.o,
        entityId,
        entityLabel: e.l,
        summary: e.s,
        changes: JSON.stringify(e.c),
        seq: b.seq as number,
      });
    });
  }
  return out;
}

const time = (at: string) => Date.parse(at);
/** Newest first: at, then seq, then id, all descending (the keyset of CHANGES_PAGE). */
const newestFirst = (a: ChangeRecord, b: ChangeRecord) =>
  time(b.at) - time(a.at) || b.seq - a.seq || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
/** The record comes after the cursor in that order. */
const isAfter = (c: ChangeRecord, cursor: ChangeCursor) => newestFirst({ ...c, ...cursor }, c) < 0;

export async function listChanges(store: Store, entityId: string, page: { limit: number; after: ChangeCursor | null }) {
  const params = {
    entityId,
    afterAt: page.after?.at ?? null,
    afterSeq: page.after?.seq ?? null,
    afterId: page.after?.id ?? null,
    limit: page.limit + 1,
  };
  const [rows, count, batched] = await Promise.all([
    page.limit === 0 ? Promise.resolve([]) : store.read(CHANGES_PAGE, params),
    store.read(CHANGES_COUNT, { entityId }),
    batchChanges(store, entityId),
  ]);
  // The single records' page and the batches' entries after the cursor, merged in the keyset's order.
  const after = page.after;
  const merged = [
    ...rows.map((r) => r.c as unknown as ChangeRecord),
    ...(page.limit === 0 ? [] : batched.filter((c) => !after || isAfter(c, after))),
  ].sort(newestFirst);
  const nodes = merged.slice(0, page.limit);
  return {
    totalCount: ((count[0]?.n as number) ?? 0) + batched.length,
    edges: nodes.map((node) => ({ node, cursor: cursorOf(node) })),
    pageInfo: {
      hasPreviousPage: page.after !== null,
      hasNextPage: merged.length > page.limit,
      startCursor: nodes.length ? cursorOf(nodes[0]) : null,
      endCursor: nodes.length ? cursorOf(nodes[nodes.length - 1]) : null,
    },
  };
}
