import { randomBytes } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { ChangeEntry } from '../../domain/changes';
import type { TxRunner } from '../store';
import { REFERENCE_ONLY_RECORDS, touchedSet } from '../write-tracking';
import { LABELS } from '../bootstrap';

type StoredLabel = (typeof LABELS)[number];

/**
 * Change records are (:Change) nodes keyed by entityId (indexed). `changes` is stored as a JSON
 * string: Neo4j properties cannot hold maps. Record them in the same transaction as the write.
 */
export const RECORD_CHANGES = `
UNWIND $rows AS row
CREATE (:Change {id: row.id, at: datetime(row.at), actor: row.actor, entityId: row.entityId,
  entityLabel: row.entityLabel, op: row.op, changes: row.changes, summary: row.summary, seq: row.seq})`;

let counter = 0;

/** What every write transaction's change records tell the maintained state (write-tracking.ts). */
function noteTouched(entries: ChangeEntry[]): void {
  const touched = touchedSet();
  if (!touched) return;
  for (const e of entries) {
    touched.add(e.entityLabel, e.entityId);
    if (e.entityLabel === 'Customer' && e.op === 'CREATE') touched.createdCustomers.add(e.entityId);
    if (REFERENCE_ONLY_RECORDS.has(e.entityLabel)) touched.addReferencesIn(e.changes);
    else touched.addIdsIn(e.changes);
    touched.noteTime(e.at);
  }
}

export async function recordChanges(tx: TxRunner, entries: ChangeEntry[]): Promise<void> {
  if (!entries.length) return;
  noteTouched(entries);
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

/**
 * A bulk import batch's change records, kept as one `(:ChangeBatch)` node (issue 15). One `Change`
 * node per imported record made the change history most of the store: on the medium benchmark graph
 * 199k `Change` nodes were 80 % of the data directory and two thirds of the memory at rest. The
 * batch holds its entries as one compressed JSON list; each entity the batch touched (a record, or the anchor
 * of a relationship: the customer of a coverage) lists the batch in `_changeBatches`, so
 * `changes(entityId)` reads them by id, without a scan, and answers exactly as before (one entry per
 * record, with its fields and its file line).
 */
export const RECORD_CHANGE_BATCH = `
CREATE (:ChangeBatch {id: $id, at: datetime($at), actor: $actor, seq: $seq, size: $size, entries: $entries})`;

/**
 * A batch's entries are stored compressed (raw deflate of their JSON, in base64: both engines store
 * strings): an import's history repeats every field of every created record, 111 MB of JSON for the
 * medium benchmark graph, 6.4 MB deflated. Reading one batch back takes ~1 ms.
 */
export const packBatchEntries = (entries: BatchEntry[]): string => deflateRawSync(Buffer.from(JSON.stringify(entries))).toString('base64');
export const unpackBatchEntries = (packed: string): BatchEntry[] =>
  JSON.parse(inflateRawSync(Buffer.from(packed, 'base64')).toString('utf8')) as BatchEntry[];

/** `label` comes from the entries' labels, checked against the stored labels. */
export const LINK_CHANGE_BATCH = (label: StoredLabel) => `
UNWIND $ids AS id
MATCH (n:\`${label}\` {id: id})
SET n._changeBatches = coalesce(n._changeBatches, []) + [$batch]`;

/** One entry of a batch, as stored in its JSON list (short keys: a batch holds thousands). */
export interface BatchEntry {
  e: string;
  l: string;
  o: ChangeEntry['op'];
  a: string;
  t: string;
  c: ChangeEntry['changes'];
  s: string | null;
}

/** A new change batch's id (to create records that list it before the batch is recorded). */
export const newChangeBatchId = (): string => `chb_${Date.now().toString(36)}${randomBytes(6).toString('hex')}`;

export interface ChangeBatchOptions {
  /** The batch's id (default: a new one). */
  id?: string;
  /** Records of one label that already list the batch (created with it, see upsertKind's changeBatch). */
  linked?: { label: string; ids: ReadonlySet<string> };
  /** The entries already packed (packChangeBatch, e.g. while the batch's records were being written). */
  packed?: string;
}

/** A batch's entries as stored: compressed JSON (see packBatchEntries). */
export const packChangeBatch = (entries: ChangeEntry[]): string =>
  packBatchEntries(
    entries.map((e) => ({
      e: e.entityId,
      l: e.entityLabel,
      o: e.op,
      a: e.actor,
      t: e.at,
      c: e.changes,
      s: e.summary ?? null,
    })),
  );

export async function recordChangeBatch(tx: TxRunner, entries: ChangeEntry[], opts: ChangeBatchOptions = {}): Promise<void> {
  if (!entries.length) return;
  noteTouched(entries);
  const byLabel = new Map<StoredLabel, Set<string>>();
  const { linked } = opts;
  for (const e of entries) {
    const label = LABELS.find((l) => l === e.entityLabel);
    if (!label) throw new Error(`change record for an unknown label ${e.entityLabel}`);
    if (linked && label === linked.label && linked.ids.has(e.entityId)) continue;
    let ids = byLabel.get(label);
    if (!ids) byLabel.set(label, (ids = new Set()));
    ids.add(e.entityId);
  }
  const id = opts.id ?? newChangeBatchId();
  const at = entries.reduce((latest, e) => (e.at > latest ? e.at : latest), entries[0].at);
  await tx.run(RECORD_CHANGE_BATCH, {
    id,
    at,
    actor: entries[0].actor,
    seq: ++counter,
    size: entries.length,
    entries: opts.packed ?? packChangeBatch(entries),
  });
  for (const [label, ids] of byLabel) await tx.run(LINK_CHANGE_BATCH(label), { ids: [...ids], batch: id });
}
