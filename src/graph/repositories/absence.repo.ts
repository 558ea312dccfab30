import { newId } from '../../domain/ids';
import { endProblem } from '../../domain/coverage-rules';
import { overlaps } from '../../domain/coverage';
import { periodProblem } from '../../domain/write-rules';
import { badInput, conflict, notFound } from '../../errors';
import { lock } from '../invariants';
import type { Store, TxRunner } from '../store';
import { toAbsence } from './absence-rows';
import { recordChanges } from './change.repo';
import { canonicalTime, changeEntry, requireNode, throwIfProblems, type WriteMeta } from './write.repo';

export { toAbsence };

/**
 * Vacations and leave: dated periods of an engineer, `(Engineer)-[:HAS]->(Absence)-[:COVERED_BY]->(Engineer)`.
 * Created by a VACATION handoff's completion or directly (recordAbsence); during one, the
 * escalation path skips the engineer and names the cover.
 */
export interface AbsenceRecord {
  id: string;
  engineerId: string;
  from: string;
  to: string | null;
  reason: string;
  note?: string | null;
  handoffId?: string | null;
  coverIds: string[];
}

export const ABSENCE_REASONS = ['VACATION', 'LEAVE', 'TRAINING', 'OTHER'] as const;

export const ABSENCES_OF_ENGINEERS = `
UNWIND $ids AS id
MATCH (e:Engineer {id: id})-[:HAS]->(a:Absence)
// A pattern comprehension, not OPTIONAL MATCH: see SNAPSHOT_COVERAGE in attention.repo.ts.
RETURN id AS key, a, [(a)-[:COVERED_BY]->(cover:Engineer) | cover.id] AS coverIds ORDER BY a.from DESC, a.id`;

const ABSENCE_BY_ID = `
MATCH (a:Absence {id: $id})<-[:HAS]-(e:Engineer)
OPTIONAL MATCH (a)-[:COVERED_BY]->(cover:Engineer)
RETURN e.id AS key, a, collect(cover.id) AS coverIds`;

const CREATE_ABSENCE = `
MATCH (e:Engineer {id: $engineerId})
CREATE (e)-[:HAS]->(a:Absence {id: $id, from: datetime($from), reason: $reason, createdBy: $actor})
SET a.to = datetime($to), a.note = $note, a.handoffId = $handoffId
WITH a
UNWIND $coverIds AS coverId
MATCH (c:Engineer {id: coverId})
CREATE (a)-[:COVERED_BY]->(c)
RETURN count(*) AS n`;

const END_ABSENCE = `
MATCH (a:Absence {id: $id})
SET a.to = datetime($to)
RETURN a`;

export interface RecordAbsenceCommand {
  engineerId: string;
  from: string;
  to?: string | null;
  reason: string;
  coverIds?: string[] | null;
  note?: string | null;
  handoffId?: string | null;
}

/** Inside the caller's transaction: one engineer's absences never overlap; the cover is someone else. */
export async function writeAbsence(tx: TxRunner, cmd: RecordAbsenceCommand, meta: WriteMeta): Promise<AbsenceRecord> {
  await lock(tx, 'Engineer', [cmd.engineerId]);
  await requireNode(tx, 'Engineer', cmd.engineerId);
  const coverIds = [...new Set(cmd.coverIds ?? [])];
  throwIfProblems([
    periodProblem(cmd.from, cmd.to ?? null),
    coverIds.includes(cmd.engineerId) ? { field: 'coverEngineerIds', reason: `${cmd.engineerId} cannot cover his own absence` } : null,
    ABSENCE_REASONS.includes(cmd.reason as (typeof ABSENCE_REASONS)[number])
      ? null
      : { field: 'reason', reason: `must be one of ${ABSENCE_REASONS.join(', ')}` },
  ]);
  for (const id of coverIds) await requireNode(tx, 'Engineer', id);
  const existing = (await tx.run(ABSENCES_OF_ENGINEERS, { ids: [cmd.engineerId] })).map(toAbsence);
  const clash = existing.find((a) => overlaps(a, { from: cmd.from, to: cmd.to ?? null }));
  if (clash) {
    throw conflict(
      `${cmd.engineerId} is already absent in that period: absence ${clash.id} (${clash.reason} from ${canonicalTime(clash.from)}${clash.to ? ` to ${canonicalTime(clash.to)}` : ''})`,
      { absenceId: clash.id },
    );
  }
  const id = newId('abs');
  await tx.run(CREATE_ABSENCE, {
    id,
    engineerId: cmd.engineerId,
    from: cmd.from,
    to: cmd.to ?? null,
    reason: cmd.reason,
    note: cmd.note ?? null,
    handoffId: cmd.handoffId ?? null,
    coverIds,
    actor: meta.actor,
  });
  await recordChanges(tx, [
    changeEntry(
      meta,
      { id: cmd.engineerId, label: 'Engineer' },
      'LINK',
      { absence: { before: null, after: { id, reason: cmd.reason, from: cmd.from, to: cmd.to ?? null, coverIds } } },
      `${cmd.reason} absence ${id} from ${cmd.from}${cmd.to ? ` to ${cmd.to}` : ''}${coverIds.length ? `, covered by ${coverIds.join(', ')}` : ''}`,
    ),
  ]);
  const [row] = await tx.run(ABSENCE_BY_ID, { id });
  return toAbsence(row);
}

export function recordAbsence(store: Store, cmd: RecordAbsenceCommand, meta: WriteMeta): Promise<AbsenceRecord> {
  return store.transaction((tx) => writeAbsence(tx, cmd, meta));
}

export async function endAbsence(store: Store, cmd: { id: string; at?: string | null }, meta: WriteMeta): Promise<AbsenceRecord> {
  const at = cmd.at ?? meta.now;
  return store.transaction(async (tx) => {
    const [found] = await tx.run(ABSENCE_BY_ID, { id: cmd.id });
    if (!found) throw notFound('Absence', cmd.id);
    await lock(tx, 'Engineer', [found.key as string]);
    const absence = toAbsence((await tx.run(ABSENCE_BY_ID, { id: cmd.id }))[0]);
    const problem = endProblem(absence, at);
    if (problem && 'field' in problem) throw badInput([problem.field]);
    if (problem) throw conflict(`Absence ${absence.id} already ended at ${canonicalTime(problem.ended)}`, { absenceId: absence.id });
    await tx.run(END_ABSENCE, { id: cmd.id, to: at });
    await recordChanges(tx, [
      changeEntry(
        meta,
        { id: absence.engineerId, label: 'Engineer' },
        'UNLINK',
        { absence: { before: { id: absence.id, to: absence.to }, after: { id: absence.id, to: at } } },
        `${absence.reason} absence ${absence.id} ended at ${at}`,
      ),
    ]);
    const [row] = await tx.run(ABSENCE_BY_ID, { id: cmd.id });
    return toAbsence(row);
  });
}
