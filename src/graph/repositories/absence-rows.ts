import type { Props } from '../records';
import type { Value } from '../store';
import { ListProjection } from '../list-projection';
import type { AbsenceRecord } from './absence.repo';

/** A row of ABSENCES_OF_ENGINEERS (`key`: the engineer, `a`: the absence, `coverIds`) as a record. */
export function toAbsence(row: Record<string, unknown>): AbsenceRecord {
  const a = row.a as Props;
  return {
    id: a.id as string,
    engineerId: row.key as string,
    from: a.from as string,
    to: (a.to as string) ?? null,
    reason: a.reason as string,
    note: (a.note as string) ?? null,
    handoffId: (a.handoffId as string) ?? null,
    coverIds: ((row.coverIds as string[]) ?? []).filter(Boolean),
  };
}

/**
 * An engineer's absences read beside something else (a coverage row, for the escalation path):
 * `absenceListsOf('e')` gives the lists `absencesFromLists` turns into the records
 * ABSENCES_OF_ENGINEERS gives, in its order. Two flat pattern comprehensions: the embedded engine
 * does not nest them.
 */
export const ABSENCE_FIELDS = new ListProjection(['id', 'from', 'to', 'reason', 'note', 'handoffId']);
export const absenceListsOf = (engineer: string) =>
  `[(${engineer})-[:HAS]->(a:Absence) | ${ABSENCE_FIELDS.of('a')}] AS absences,
  [(${engineer})-[:HAS]->(a:Absence)-[:COVERED_BY]->(cover:Engineer) | [a.id, cover.id]] AS absenceCovers`;

/** The records of `absenceListsOf`'s two lists, ordered as ABSENCES_OF_ENGINEERS orders them (newest first, then id). */
export function absencesFromLists(engineerId: string, absences: Value, covers: Value): AbsenceRecord[] {
  const coverIds = new Map<string, string[]>();
  for (const [absenceId, coverId] of (covers ?? []) as [string, string][]) {
    const list = coverIds.get(absenceId);
    if (list) list.push(coverId);
    else coverIds.set(absenceId, [coverId]);
  }
  return ((absences ?? []) as Value[])
    .map((list) => {
      const a = ABSENCE_FIELDS.toMap(list)!;
      return toAbsence({ key: engineerId, a, coverIds: coverIds.get(a.id as string) ?? [] });
    })
    .sort((x, y) => Date.parse(y.from) - Date.parse(x.from) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}
