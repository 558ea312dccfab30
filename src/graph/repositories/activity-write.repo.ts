import { diffFields, type FieldChange } from '../../domain/changes';
import { CommitmentStatus } from '../../domain/enums';
import { newId } from '../../domain/ids';
import { archivedProblem, engineerUnavailable, isLaterThan, periodProblem } from '../../domain/write-rules';
import { badInput, conflict, type FieldProblem } from '../../errors';
import type { FieldSpec } from '../kinds';
import type { Props } from '../records';
import type { Store } from '../store';
import { ADD_WORKER, CASE_WORKERS, caseAtCustomer, contactsAtCustomer } from './case-write.repo';
import { recordChanges } from './change.repo';
import {
  addLinks,
  assertIdFree,
  canonicalTime,
  changeEntry,
  createNode,
  linkOf,
  nodeKind,
  normalizeFields,
  requireNode,
  setFields,
  setLink,
  throwIfProblems,
  withoutNulls,
  type WriteMeta,
} from './write.repo';

/** What happened with a customer: interactions (visits, calls, ...) and commitments (promises). */

export interface LogInteractionCommand {
  id?: string | null;
  engineerId: string;
  customerId: string;
  contactIds: string[];
  caseId?: string | null;
  channel: string;
  at: string;
  summary: string;
}

/**
 * Logs an interaction. When it is about a case and reached the customer's people, the case's
 * `lastCustomerUpdateAt` moves forward to it (never back), and the engineer counts as having worked
 * on the case.
 */
export async function logInteraction(store: Store, cmd: LogInteractionCommand, meta: WriteMeta): Promise<Props> {
  const kind = nodeKind('Interaction');
  const id = cmd.id ?? newId('int');
  const { row, problems } = normalizeFields(kind, kind.fields, { id, at: cmd.at, channel: cmd.channel, summary: cmd.summary });
  throwIfProblems(problems);
  const at = row.at as string;
  const contactIds = [...new Set(cmd.contactIds)];

  return store.transaction(async (tx) => {
    await assertIdFree(tx, 'Interaction', id);
    await requireNode(tx, 'Engineer', cmd.engineerId);
    const customer = await requireNode(tx, 'Customer', cmd.customerId);
    const checks: (FieldProblem | null)[] = [
      archivedProblem({ id: cmd.customerId, status: customer.status }, 'customerId', 'customer'),
      await contactsAtCustomer(tx, contactIds, cmd.customerId, 'contactIds'),
    ];
    const kase = cmd.caseId ? await caseAtCustomer(tx, cmd.caseId, cmd.customerId, 'caseId') : null;
    checks.push(kase?.problem ?? null);
    throwIfProblems(checks);

    const node = await createNode(tx, kind, id, row);
    await setLink(tx, 'Interaction', linkOf(kind, 'customerId'), id, cmd.customerId);
    await setLink(tx, 'Interaction', linkOf(kind, 'engineerId'), id, cmd.engineerId);
    await addLinks(tx, 'Interaction', linkOf(kind, 'contactIds'), id, contactIds);
    const after = { ...row, customerId: cmd.customerId, engineerId: cmd.engineerId, contactIds, caseId: cmd.caseId ?? null };
    const entries = [
      changeEntry(
        meta,
        { id, label: 'Interaction' },
        'CREATE',
        diffFields(null, withoutNulls(after)),
        `${row.channel} ${id} with ${cmd.customerId} by ${cmd.engineerId}`,
      ),
    ];

    if (cmd.caseId && kase) {
      await setLink(tx, 'Interaction', linkOf(kind, 'caseId'), id, cmd.caseId);
      const caseChanges: Record<string, FieldChange> = {};
      const previous = kase.node.lastCustomerUpdateAt ? canonicalTime(kase.node.lastCustomerUpdateAt as string) : null;
      if (contactIds.length && isLaterThan(at, previous)) {
        await setFields(tx, nodeKind('Case'), cmd.caseId, { lastCustomerUpdateAt: at });
        caseChanges.lastCustomerUpdateAt = { before: previous, after: at };
      }
      const workers = (await tx.run(CASE_WORKERS, { caseId: cmd.caseId })).map((r) => r.id as string);
      if (!workers.includes(cmd.engineerId)) {
        await tx.run(ADD_WORKER, { caseId: cmd.caseId, engineerId: cmd.engineerId });
        caseChanges.workedOnIds = { before: [...workers].sort(), after: [...workers, cmd.engineerId].sort() };
      }
      if (Object.keys(caseChanges).length) {
        entries.push(
          changeEntry(meta, { id: cmd.caseId, label: 'Case' }, 'UPDATE', caseChanges, `Case ${cmd.caseId}: interaction ${id} at ${at}`),
        );
      }
    }
    await recordChanges(tx, entries);
    return node;
  });
}

export interface MakeCommitmentCommand {
  id?: string | null;
  engineerId: string;
  customerId: string;
  caseId?: string | null;
  text: string;
  dueAt: string;
  madeAt?: string | null;
}

export async function makeCommitment(store: Store, cmd: MakeCommitmentCommand, meta: WriteMeta): Promise<Props> {
  const kind = nodeKind('Commitment');
  const id = cmd.id ?? newId('com');
  const { row, problems } = normalizeFields(kind, kind.fields, {
    id,
    text: cmd.text,
    dueAt: cmd.dueAt,
    status: CommitmentStatus.OPEN,
    madeAt: cmd.madeAt ?? meta.now,
  });
  throwIfProblems(problems);
  throwIfProblems([periodProblem(row.madeAt as string, row.dueAt as string, 'dueAt', 'madeAt')]);

  return store.transaction(async (tx) => {
    await assertIdFree(tx, 'Commitment', id);
    const engineer = await requireNode(tx, 'Engineer', cmd.engineerId);
    const customer = await requireNode(tx, 'Customer', cmd.customerId);
    const kase = cmd.caseId ? await caseAtCustomer(tx, cmd.caseId, cmd.customerId, 'caseId') : null;
    throwIfProblems([
      engineerUnavailable({ id: cmd.engineerId, status: engineer.status }, 'engineerId'),
      archivedProblem({ id: cmd.customerId, status: customer.status }, 'customerId', 'customer'),
      kase?.problem,
    ]);
    const node = await createNode(tx, kind, id, row);
    await setLink(tx, 'Commitment', linkOf(kind, 'customerId'), id, cmd.customerId);
    await setLink(tx, 'Commitment', linkOf(kind, 'engineerId'), id, cmd.engineerId);
    if (cmd.caseId) await setLink(tx, 'Commitment', linkOf(kind, 'caseId'), id, cmd.caseId);
    const after = { ...row, customerId: cmd.customerId, engineerId: cmd.engineerId, caseId: cmd.caseId ?? null };
    await recordChanges(tx, [
      changeEntry(
        meta,
        { id, label: 'Commitment' },
        'CREATE',
        diffFields(null, withoutNulls(after)),
        `${cmd.engineerId} promised ${cmd.customerId}: due ${row.dueAt}`,
      ),
    ]);
    return node;
  });
}

// Not part of the import's record kind: a resolution note only comes through the API.
const RESOLUTION_NOTE: FieldSpec = { name: 'resolutionNote', type: 'text', max: 2000 };
const RESOLUTIONS: string[] = [CommitmentStatus.KEPT, CommitmentStatus.BROKEN, CommitmentStatus.CANCELLED];

/** Closes an OPEN commitment as KEPT, BROKEN or CANCELLED; a closed one cannot be resolved again. */
export async function resolveCommitment(
  store: Store,
  cmd: { id: string; status: string; note?: string | null },
  meta: WriteMeta,
): Promise<Props> {
  if (!RESOLUTIONS.includes(cmd.status)) throw badInput([{ field: 'status', reason: `must be one of ${RESOLUTIONS.join(', ')}` }]);
  const kind = nodeKind('Commitment');
  const withNote = { ...kind, fields: [...kind.fields, RESOLUTION_NOTE] };
  const { row, problems } = normalizeFields(withNote, [RESOLUTION_NOTE], { resolutionNote: cmd.note ?? null });
  throwIfProblems(problems.map((p) => ({ ...p, field: 'note' })));
  return store.transaction(async (tx) => {
    const current = await requireNode(tx, 'Commitment', cmd.id);
    if (current.status !== CommitmentStatus.OPEN)
      throw conflict(`Commitment ${cmd.id} is already ${String(current.status)}`, { id: cmd.id });
    const values = { status: cmd.status, resolvedAt: meta.now, resolutionNote: row.resolutionNote ?? null };
    const before = { status: current.status, resolvedAt: current.resolvedAt ?? null, resolutionNote: current.resolutionNote ?? null };
    const node = await setFields(tx, withNote, cmd.id, values);
    await recordChanges(tx, [
      changeEntry(meta, { id: cmd.id, label: 'Commitment' }, 'UPDATE', diffFields(before, values), `Commitment ${cmd.id} ${cmd.status}`),
    ]);
    return node;
  });
}
