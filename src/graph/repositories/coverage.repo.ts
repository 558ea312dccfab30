import type { CoverageRecord } from '../records';
import type { Row } from '../store';
import { currentAt } from '../current';

/**
 * Coverage is the COVERS relationship. It is current at T when from <= T and (to is null or T < to).
 * `$at` is an ISO string; `$role` may be null (every role).
 */
const CURRENT_AT = `${currentAt('r')} AND ($role IS NULL OR r.role = $role)`;

/** The coverage and engineer properties the types read (map projections, not whole nodes). */
const COVERAGE_PROJECTION = 'r {.id, .role, .from, .to, .assignedBy} AS r';
export const ENGINEER_PROJECTION = 'e {.id, .name, .nameLatin, .kind, .status, .phone, .email, .skills} AS e';

export const COVERAGE_OF_CUSTOMERS_AT = `
UNWIND $ids AS id
MATCH (c:Customer {id: id})<-[r:COVERS]-(e:Engineer)
WHERE ${CURRENT_AT}
RETURN id AS key, ${COVERAGE_PROJECTION}, e.id AS engineerId, c.id AS customerId, ${ENGINEER_PROJECTION}
ORDER BY r.from DESC, r.id DESC`;

export const COVERAGE_HISTORY_OF_CUSTOMERS = `
UNWIND $ids AS id
MATCH (c:Customer {id: id})<-[r:COVERS]-(e:Engineer)
RETURN id AS key, ${COVERAGE_PROJECTION}, e.id AS engineerId, c.id AS customerId, ${ENGINEER_PROJECTION}
ORDER BY r.from DESC, r.id DESC`;

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
