import { randomBytes } from 'node:crypto';
import type { ChangeEntry } from '../../domain/changes';
import type { TxRunner } from '../store';
import { touchedSet } from '../write-tracking';

/**
 * Change records are (:Change) nodes keyed by entityId (indexed). `changes` is stored as a JSON
 * string: Neo4j properties cannot hold maps. Record them in the same transaction as the write.
 */
export const RECORD_CHANGES = `
UNWIND $rows AS row
CREATE (:Change {id: row.id, at: datetime(row.at), actor: row.actor, entityId: row.entityId,
  entityLabel: row.entityLabel, op: row.op, changes: row.changes, summary: row.summary, seq: row.seq})`;

export const CHANGES_OF_ENTITY = `
MATCH (c:Change {entityId: $entityId})
RETURN c ORDER BY c.at DESC, c.seq DESC, c.id DESC`;

let counter = 0;

export async function recordChanges(tx: TxRunner, entries: ChangeEntry[]): Promise<void> {
  if (!entries.length) return;
  const touched = touchedSet();
  for (const e of entries) {
    touched?.add(e.entityLabel, e.entityId);
    if (e.entityLabel === 'Customer' && e.op === 'CREATE') touched?.createdCustomers.add(e.entityId);
    touched?.addIdsIn(e.changes);
    touched?.noteTime(e.at);
  }
  const rows = entries.map((e) => ({
    id: `chg_${Date.now().toString(36)}${randomBytes(6).toString('hex')}`,
    at: e.at,
    actor: e.actor,
    entityId: e.entityId,
    entityLabel: e.entityLabel,
    op: e.op,
    changes: JSON.stringify(e.changes),
    summary: e.summary ?? null,
    // Orders changes written within one millisecond.
    seq: ++counter,
  }));
  await tx.run(RECORD_CHANGES, { rows });
}
