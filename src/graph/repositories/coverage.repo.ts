import type { CoverageRecord } from '../records';
import type { Row } from '../store';
import { currentAt } from '../current';
import { ListProjection } from '../list-projection';
import { absenceListsOf } from './absence-rows';

/**
 * Coverage is the COVERS relationship. It is current at T when from <= T and (to is null or T < to).
 * `$at` is an ISO string; `$role` may be null (every role).
 */
const CURRENT_AT = `${currentAt('r')} AND ($role IS NULL OR r.role = $role)`;

/**
 * The coverage and engineer properties the types read, as lists of values (cheaper than map
 * projections on the embedded engine, see ListProjection); `coverageRow` turns a row back into
 * `{key, r, engineerId, customerId, e}` with `r` and `e` maps. A query may ask for fewer
 * (`coverageOfCustomersAtCypher`).
 */
export const COVERAGE_FIELDS = new ListProjection(['id', 'role', 'from', 'to', 'assignedBy']);
export const ENGINEER_FIELDS = new ListProjection(['id', 'name', 'nameLatin', 'kind', 'status', 'phone', 'email', 'skills']);
/** The coverage's (`r`) and engineer's (`e`) properties a statement returns. */
export interface CoverageFields {
  r: ListProjection;
  e: ListProjection;
  /** Each row also carries its engineer's absences (the escalation path's), every property read. */
  absences?: boolean;
}
const coverageReturn = (r: ListProjection, e: ListProjection) => `RETURN id AS key, ${r.of('r')} AS r, ${e.of('e')} AS e`;
const COVERAGE_RETURN = coverageReturn(COVERAGE_FIELDS, ENGINEER_FIELDS);

/** Every property the types read. */
export const ALL_COVERAGE_FIELDS: CoverageFields = { r: COVERAGE_FIELDS, e: ENGINEER_FIELDS };
/**
 * Every property, and each row's engineer's absences with their covers (`absencesFromLists`): the
 * escalation path's coverage, so that it needs no second statement for the absences (issue 15).
 */
export const COVERAGE_WITH_ABSENCES: CoverageFields = { r: COVERAGE_FIELDS, e: ENGINEER_FIELDS, absences: true };

/** The identity of a CoverageFields (statement texts, loader keys). */
export const coverageFieldsName = (f: CoverageFields) => `${f.r.name}|${f.e.name}${f.absences ? '|absences' : ''}`;

/** Whether these fields are every property of the coverage and the engineer (a whole engineer, which the request's engineer loader may hold). */
export const readsEveryProperty = (f: CoverageFields) => f.r === COVERAGE_FIELDS && f.e === ENGINEER_FIELDS;

const coverageTexts = new Map<string, string>();

/**
 * Coverage current at $at ($role null: every role), newest first, with the coverage's `r` and the
 * engineer's `e` properties (default: every one the types read), and with `absences` the
 * engineer's absences too. Read its rows with `coverageRow` and the same projections. The ordering
 * reads `from` and `id`, selected or not.
 */
export function coverageOfCustomersAtCypher(fields: CoverageFields = ALL_COVERAGE_FIELDS): string {
  const name = coverageFieldsName(fields);
  let text = coverageTexts.get(name);
  if (text === undefined) {
    text = `
UNWIND $ids AS id
MATCH (c:Customer {id: id})<-[r:COVERS]-(e:Engineer)
WHERE ${CURRENT_AT}
WITH id, r, e ORDER BY r.from DESC, r.id DESC
${coverageReturn(fields.r, fields.e)}${fields.absences ? `,\n  ${absenceListsOf('e')}` : ''}`;
    coverageTexts.set(name, text);
  }
  return text;
}

/** Every property the types read (see coverageOfCustomersAtCypher). */
export const COVERAGE_OF_CUSTOMERS_AT = coverageOfCustomersAtCypher();
export const COVERAGE_WITH_ABSENCES_OF_CUSTOMERS_AT = coverageOfCustomersAtCypher(COVERAGE_WITH_ABSENCES);

/** Read its rows with `coverageRow`. */
export const COVERAGE_HISTORY_OF_CUSTOMERS = `
UNWIND $ids AS id
MATCH (c:Customer {id: id})<-[r:COVERS]-(e:Engineer)
WITH id, r, e ORDER BY r.from DESC, r.id DESC
${COVERAGE_RETURN}`;

/** A row of COVERAGE_OF_CUSTOMERS_AT or COVERAGE_HISTORY_OF_CUSTOMERS as `{key, r, engineerId, customerId, e}`. */
export function coverageRow(row: Row, r: ListProjection = COVERAGE_FIELDS, e: ListProjection = ENGINEER_FIELDS): Row {
  const engineer = e.toMap(row.e);
  return { key: row.key, r: r.toMap(row.r), engineerId: engineer?.id ?? null, customerId: row.key, e: engineer };
}

export const PORTFOLIO_OF_ENGINEERS_AT = `
UNWIND $ids AS id
MATCH (e:Engineer {id: id})-[r:COVERS]->(c:Customer)
WHERE ${CURRENT_AT}
RETURN id AS key, r, e.id AS engineerId, c.id AS customerId, c
ORDER BY c.name, c.id`;

export const COVERAGE_BY_ID = `
UNWIND $ids AS id
MATCH (e:Engineer)-[r:COVERS {id: id}]->(c:Customer)
RETURN id AS key, r, e.id AS engineerId, c.id AS customerId`;

export function toCoverage(row: Row): CoverageRecord {
  const r = row.r as Record<string, unknown>;
  return {
    id: r.id as string,
    role: r.role as string,
    from: r.from as string,
    to: (r.to as string | undefined) ?? null,
    assignedBy: (r.assignedBy as string | undefined) ?? null,
    engineerId: row.engineerId as string,
    customerId: row.customerId as string,
  };
}
