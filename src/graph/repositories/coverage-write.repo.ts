import { endProblem } from '../../domain/coverage-rules';
import { coverageChanged } from '../../domain/event-builders';
import { checkCoverage, coveragesOf, lock, spansOf } from '../invariants';
import { newId } from '../../domain/ids';
import { appendEvents } from '../../events/outbox';
import { withIntroductions } from '../../events/introduction';
import { validateRecord } from '../../domain/record-validation';
import { archivedProblem, engineerUnavailable } from '../../domain/write-rules';
import { badInput, conflict, notFound } from '../../errors';
import { EDGE_KINDS } from '../kinds';
import type { CoverageRecord } from '../records';
import type { Store, TxRunner } from '../store';
import { recordChanges } from './change.repo';
import { COVERAGE_BY_ID, toCoverage } from './coverage.repo';
import { canonicalTime, changeEntry, requireNode, throwIfProblems, type WriteMeta } from './write.repo';

/**
 * Coverage writes. History is never overwritten: ending a coverage sets `to`, a new assignment is a
 * new COVERS relationship. Change entries go on the customer, whose card this is.
 */

// `key` = id: the bulk import merges coverage on `key`, so re-importing an export never duplicates it.
export const CREATE_COVERAGE = `
MATCH (c:Customer {id: $customerId})
MATCH (e:Engineer {id: $engineerId})
CREATE (e)-[r:COVERS {id: $id, key: $id, role: $role, from: datetime($from)}]->(c)
SET r.to = datetime($to), r.assignedBy = $assignedBy
RETURN r, e.id AS engineerId, c.id AS customerId`;

export const END_COVERAGE = `
MATCH (c:Customer {id: $customerId})<-[r:COVERS {id: $id}]-(e:Engineer)
SET r.to = datetime($to)
RETURN r, e.id AS engineerId, c.id AS customerId`;

export interface AssignCoverageCommand {
  id?: string | null;
  engineerId: string;
  customerId: string;
  role: string;
  from?: string | null;
  to?: string | null;
  replaceCurrent?: boolean | null;
}

const coverageKind = () => EDGE_KINDS.find((k) => k.kind === 'coverage')!;

const asValue = (c: CoverageRecord) => ({
  id: c.id,
  engineerId: c.engineerId,
  role: c.role,
  from: canonicalTime(c.from),
  to: c.to ? canonicalTime(c.to) : null,
});

async function coverageById(tx: TxRunner, id: string): Promise<CoverageRecord | null> {
  const [row] = await tx.run(COVERAGE_BY_ID, { ids: [id] });
  return row ? toCoverage(row) : null;
}

async function end(tx: TxRunner, c: CoverageRecord, at: string): Promise<CoverageRecord> {
  const [row] = await tx.run(END_COVERAGE, { customerId: c.customerId, id: c.id, to: at });
  return toCoverage(row);
}

export async function assignCoverage(store: Store, cmd: AssignCoverageCommand, meta: WriteMeta): Promise<CoverageRecord> {
  const id = cmd.id ?? newId('cov');
  const from = cmd.from ?? meta.now;
  // The coverage field specs (role, from, to after from, id format) are the import's too.
  const { row, problems } = validateRecord(coverageKind(), {
    id,
    engineerId: cmd.engineerId,
    customerId: cmd.customerId,
    role: cmd.role,
    from,
    ...(cmd.to ? { to: cmd.to } : {}),
  });
  throwIfProblems(problems);
  const next = { engineerId: cmd.engineerId, role: cmd.role, from: row.from as string, to: (row.to as string | null) ?? null };

  return store.transaction(async (tx) => {
    await lock(tx, 'Customer', [cmd.customerId]);
    const engineer = await requireNode(tx, 'Engineer', cmd.engineerId);
    const customer = await requireNode(tx, 'Customer', cmd.customerId);
    throwIfProblems([
      engineerUnavailable({ id: cmd.engineerId, status: engineer.status }, 'engineerId'),
      archivedProblem({ id: cmd.customerId, status: customer.status }, 'customerId', 'customer'),
    ]);
    if (cmd.id && (await coverageById(tx, cmd.id))) throw conflict(`Coverage ${cmd.id} already exists`, { id: cmd.id });

    const existing = await coveragesOf(tx, cmd.customerId);
    const plan = checkCoverage(spansOf(existing), next, cmd.customerId, Boolean(cmd.replaceCurrent));

    const entries = [];
    for (const span of plan.toEnd) {
      const old = existing.find((c) => c.id === span.id)!;
      const ended = await end(tx, old, next.from);
      entries.push(
        changeEntry(
          meta,
          { id: cmd.customerId, label: 'Customer' },
          'UNLINK',
          { coverage: { before: span, after: asValue(ended) } },
          `${span.role} coverage ${span.id} (${span.engineerId}) ended at ${next.from}, replaced by ${id}`,
        ),
      );
    }
    const [created] = await tx.run(CREATE_COVERAGE, { ...next, id, customerId: cmd.customerId, assignedBy: meta.actor });
    const coverage = toCoverage(created);
    entries.push(
      changeEntry(
        meta,
        { id: cmd.customerId, label: 'Customer' },
        'LINK',
        { coverage: { before: null, after: asValue(coverage) } },
        `${next.role} coverage ${id}: ${next.engineerId} from ${next.from}${next.to ? ` to ${next.to}` : ''}`,
      ),
    );
    await recordChanges(tx, entries);
    const replaced = plan.toEnd.find((span) => span.role === next.role);
    await appendEvents(
      tx,
      await withIntroductions(
        tx,
        [
          coverageChanged(cmd.customerId, next.role, replaced?.engineerId ?? null, next.engineerId, next.from, {
            at: meta.now,
            coverageId: id,
            until: next.to,
            endedCoverageIds: plan.toEnd.map((span) => span.id),
          }),
        ],
        meta.now,
      ),
    );
    return coverage;
  });
}

export async function endCoverage(store: Store, cmd: { coverageId: string; at?: string | null }, meta: WriteMeta): Promise<CoverageRecord> {
  const at = cmd.at ?? meta.now;
  return store.transaction(async (tx) => {
    const found = await coverageById(tx, cmd.coverageId);
    if (!found) throw notFound('Coverage', cmd.coverageId);
    // Read again under the customer's lock: a concurrent end may have committed meanwhile.
    await lock(tx, 'Customer', [found.customerId]);
    const coverage = (await coverageById(tx, cmd.coverageId))!;
    const problem = endProblem(asValue(coverage), at);
    if (problem && 'field' in problem) throw badInput([problem.field]);
    if (problem) throw conflict(`Coverage ${coverage.id} already ended at ${canonicalTime(problem.ended)}`, { coverageId: coverage.id });
    const ended = await end(tx, coverage, at);
    await recordChanges(tx, [
      changeEntry(
        meta,
        { id: coverage.customerId, label: 'Customer' },
        'UNLINK',
        { coverage: { before: asValue(coverage), after: asValue(ended) } },
        `${coverage.role} coverage ${coverage.id} (${coverage.engineerId}) ended at ${at}`,
      ),
    ]);
    await appendEvents(tx, [
      coverageChanged(coverage.customerId, coverage.role, coverage.engineerId, null, canonicalTime(at), {
        at: meta.now,
        endedCoverageIds: [coverage.id],
      }),
    ]);
    return ended;
  });
}
