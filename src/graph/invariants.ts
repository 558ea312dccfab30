import { randomUUID } from 'node:crypto';
import { describeClash, planCoverage, type CoverageSpan, type CoveragePlan } from '../domain/coverage-rules';
import { sharedCustomers } from '../domain/invariants';
import { conflict } from '../errors';
import type { CoverageRecord } from './records';
import type { TxRunner } from './store';
import { toCoverage } from './repositories/coverage.repo';
import { canonicalTime } from './repositories/write.repo';

/**
 * The door every write goes through (see docs/rules.md and src/domain/invariants.ts). Each function
 * runs INSIDE the caller's transaction, after `lock`, so that the check and the write commit
 * together: the embedded engine serialises writers; on Neo4j the SET takes the node's write lock,
 * which a second transaction waits for and then sees the first one's writes.
 */

export type Lockable = 'Customer' | 'Engineer' | 'Case' | 'Handoff' | 'HandoffItem';

const lockCypher = (label: Lockable) => `
UNWIND $ids AS id
MATCH (n:\`${label}\` {id: id})
SET n._lock = $txId
REMOVE n._lock
RETURN count(n) AS n`;

/** Takes the write lock of these nodes (sorted, so two transactions never wait on each other in a circle). */
export async function lock(tx: TxRunner, label: Lockable, ids: readonly string[]): Promise<void> {
  const unique = [...new Set(ids)].sort();
  if (unique.length) await tx.run(lockCypher(label), { ids: unique, txId: randomUUID() });
}

/** All coverage of one customer, for the overlap rules (a customer has a handful, not thousands). */
export const COVERAGES_OF_CUSTOMER = `
MATCH (c:Customer {id: $customerId})<-[r:COVERS]-(e:Engineer)
RETURN r, e.id AS engineerId, c.id AS customerId`;

const asSpan = (c: CoverageRecord): CoverageSpan => ({
  id: c.id,
  engineerId: c.engineerId,
  role: c.role,
  from: canonicalTime(c.from),
  to: c.to ? canonicalTime(c.to) : null,
});

export async function coveragesOf(tx: TxRunner, customerId: string): Promise<CoverageRecord[]> {
  return (await tx.run(COVERAGES_OF_CUSTOMER, { customerId })).map(toCoverage);
}

/** The same for many customers in one statement (the import checks a batch's rows at once). */
export const COVERAGES_OF_CUSTOMERS = `
UNWIND $ids AS id
MATCH (c:Customer {id: id})<-[r:COVERS]-(e:Engineer)
RETURN r {.id, .role, .from, .to, .assignedBy} AS r, e.id AS engineerId, c.id AS customerId`;

export async function coveragesOfCustomers(tx: Pick<TxRunner, 'run'>, customerIds: string[]): Promise<Map<string, CoverageRecord[]>> {
  const out = new Map<string, CoverageRecord[]>(customerIds.map((id) => [id, []]));
  if (!customerIds.length) return out;
  for (const row of await tx.run(COVERAGES_OF_CUSTOMERS, { ids: customerIds })) out.get(row.customerId as string)?.push(toCoverage(row));
  return out;
}

/**
 * Rules 1 and 2 for one new (or re-imported) coverage: the plan of what `replaceCurrent` ends, or a
 * CONFLICT naming the coverage in the way. `existing` = the customer's coverages (the caller may add
 * rows it has planned in the same transaction); a row with the same id is the one being replaced.
 */
export function checkCoverage(
  existing: CoverageSpan[],
  next: Omit<CoverageSpan, 'id'> & { id?: string },
  customerId: string,
  replaceCurrent: boolean,
): CoveragePlan {
  const others = next.id ? existing.filter((e) => e.id !== next.id) : existing;
  const plan = planCoverage(others, next, replaceCurrent);
  if (plan.conflicts.length) {
    const first = plan.conflicts[0];
    throw conflict(describeClash(first, next, customerId, replaceCurrent), {
      coverageId: first.id,
      engineerId: first.engineerId,
      conflicts: plan.conflicts.map((c) => c.id),
    });
  }
  return plan;
}

export const spansOf = (records: CoverageRecord[]): CoverageSpan[] => records.map(asSpan);

const OPEN_HANDOFFS_OF = `
MATCH (e:Engineer {id: $engineerId})<-[:FROM]-(h:Handoff)
WHERE h.status IN ['PLANNED', 'IN_PROGRESS']
RETURN h.id AS id, h.assignments AS assignments, h.effectiveAt AS effectiveAt`;

/**
 * A second handoff of the same engineer: refused while an open (PLANNED or IN_PROGRESS) one hands
 * over any of the same customers, with a CONFLICT naming it. Handoffs of different customers may
 * run side by side. (Run after `lock(tx, 'Engineer', [outgoing])`.)
 */
export async function refuseOverlappingHandoff(tx: TxRunner, outgoingId: string, customerIds: string[]): Promise<void> {
  const rows = await tx.run(OPEN_HANDOFFS_OF, { engineerId: outgoingId });
  for (const r of rows) {
    const theirs = (JSON.parse((r.assignments as string) ?? '[]') as { customerId: string }[]).map((a) => a.customerId);
    const shared = sharedCustomers(theirs, customerIds);
    if (shared.length) {
      throw conflict(
        `${outgoingId} already has an open handoff, ${r.id as string} (effective ${canonicalTime(r.effectiveAt as string)}), for ${shared.join(', ')}: ` +
          'complete or cancel it before starting another for the same customers',
        { handoffId: r.id as string, customerIds: shared },
      );
    }
  }
}
