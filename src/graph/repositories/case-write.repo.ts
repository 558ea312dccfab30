import { planStatusChange } from '../../domain/case-status';
import { diffFields, type ChangeOp, type FieldChange } from '../../domain/changes';
import { CaseStatus, CoverageRole } from '../../domain/enums';
import { EventType } from '../../domain/events';
import { newId } from '../../domain/ids';
import { appendEvents } from '../../events/outbox';
import { archivedProblem, beforeProblem, defaultCaseOwner, engineerUnavailable, isLaterThan } from '../../domain/write-rules';
import { badInput, conflict, type FieldProblem } from '../../errors';
import { EDGE_KINDS } from '../kinds';
import type { Props } from '../records';
import type { Store, TxRunner } from '../store';
import { CUSTOMER_OF_CASES, CUSTOMER_OF_DEVICES } from './case.repo';
import { recordChanges } from './change.repo';
import { COVERAGE_OF_CUSTOMERS_AT, coverageRow } from './coverage.repo';
import { edgeKey } from './upsert.repo';
import { lock } from '../invariants';
import {
  assertIdFree,
  canonicalTime,
  changeEntry,
  createNode,
  fieldSpecs,
  linkOf,
  linkTarget,
  nodeKind,
  normalizeFields,
  requireNode,
  setFields,
  setLink,
  storedFields,
  throwIfProblems,
  type WriteMeta,
} from './write.repo';

/**
 * Cases: opening (always with exactly one owner), status changes with their clock fields, and
 * ownership. Ownership is never edited away: a new owner ends the previous OWNED_BY and opens a new one.
 */

export const CURRENT_OWNERS = `
MATCH (k:\`Case\` {id: $caseId})-[o:OWNED_BY]->(e:Engineer)
WHERE o.to IS NULL
RETURN e.id AS engineerId, o.from AS from`;

/** Ends the ownership that holds at $at (begun before it, not ended by then) at $at. */
export const END_OWNERSHIPS = `
MATCH (k:\`Case\` {id: $caseId})-[o:OWNED_BY]->(e:Engineer)
WHERE o.from < datetime($at) AND (o.to IS NULL OR datetime($at) < o.to)
SET o.to = datetime($at)
RETURN e.id AS engineerId`;

/** Ownerships that begin at or after $at and would overlap a new one starting then. */
export const LATER_OWNERSHIPS = `
MATCH (k:\`Case\` {id: $caseId})-[o:OWNED_BY]->(e:Engineer)
WHERE o.from >= datetime($at) AND (o.to IS NULL OR datetime($at) < o.to)
RETURN e.id AS engineerId, o.from AS from`;

// The owner has worked on the case by definition; `key` as the import computes it.
export const CREATE_OWNERSHIP = `
MATCH (k:\`Case\` {id: $caseId})
MATCH (e:Engineer {id: $engineerId})
CREATE (k)-[:OWNED_BY {key: $key, from: datetime($from), assignedBy: $assignedBy}]->(e)
MERGE (e)-[:WORKED_ON]->(k)`;

export const ADD_WORKER = `
MATCH (k:\`Case\` {id: $caseId})
MATCH (e:Engineer {id: $engineerId})
MERGE (e)-[:WORKED_ON]->(k)`;

export const CASE_WORKERS = `
MATCH (k:\`Case\` {id: $caseId})<-[:WORKED_ON]-(e:Engineer)
RETURN e.id AS id`;

/** Which of these contacts work (or worked) at the customer. */
export const CONTACTS_EMPLOYED_AT = `
MATCH (c:Customer {id: $customerId})<-[:WORKS_AT]-(p:Contact)
WHERE p.id IN $ids
RETURN DISTINCT p.id AS id`;

const ownershipKind = () => EDGE_KINDS.find((k) => k.kind === 'case-ownerships')!;
const caseKind = () => nodeKind('Case');

// ---------------------------------------------------------------------------------------------
// Checks shared with interactions and commitments

export async function customerOfCase(tx: TxRunner, caseId: string): Promise<string | null> {
  const [row] = await tx.run(CUSTOMER_OF_CASES, { ids: [caseId] });
  return row ? ((row.c as Props).id as string) : null;
}

/** The case exists (NOT_FOUND) and belongs to the customer (BAD_USER_INPUT). */
export async function caseAtCustomer(
  tx: TxRunner,
  caseId: string,
  customerId: string,
  field: string,
): Promise<{ node: Props; problem: FieldProblem | null }> {
  const node = await requireNode(tx, 'Case', caseId);
  const owner = await customerOfCase(tx, caseId);
  return { node, problem: owner === customerId ? null : { field, reason: `case ${caseId} is not a case of customer ${customerId}` } };
}

/** The device exists (NOT_FOUND) and is installed at the customer (BAD_USER_INPUT). */
async function deviceAtCustomer(tx: TxRunner, deviceId: string, customerId: string): Promise<FieldProblem | null> {
  await requireNode(tx, 'Device', deviceId);
  const [row] = await tx.run(CUSTOMER_OF_DEVICES, { ids: [deviceId] });
  const at = row ? ((row.c as Props).id as string) : null;
  return at === customerId ? null : { field: 'deviceId', reason: `device ${deviceId} is not installed at customer ${customerId}` };
}

/** The contacts exist (NOT_FOUND) and work at the customer (BAD_USER_INPUT naming the others). */
export async function contactsAtCustomer(tx: TxRunner, ids: string[], customerId: string, field: string): Promise<FieldProblem | null> {
  if (!ids.length) return null;
  for (const id of new Set(ids)) await requireNode(tx, 'Contact', id);
  const rows = await tx.run(CONTACTS_EMPLOYED_AT, { customerId, ids });
  const employed = new Set(rows.map((r) => r.id as string));
  const strangers = [...new Set(ids)].filter((id) => !employed.has(id));
  return strangers.length
    ? { field, reason: `${strangers.join(', ')} ${strangers.length > 1 ? 'do' : 'does'} not work at customer ${customerId}` }
    : null;
}

async function currentOwners(tx: TxRunner, caseId: string): Promise<{ engineerId: string; from: string }[]> {
  const rows = await tx.run(CURRENT_OWNERS, { caseId });
  return rows.map((r) => ({ engineerId: r.engineerId as string, from: canonicalTime(r.from as string) }));
}

async function startOwnership(tx: TxRunner, caseId: string, engineerId: string, from: string, meta: WriteMeta) {
  const key = edgeKey(ownershipKind(), { caseId, engineerId, from });
  await tx.run(CREATE_OWNERSHIP, { caseId, engineerId, from, key, assignedBy: meta.actor });
}

/** Inside the caller's transaction: the current ownership ends at `at` and `engineerId`'s begins. */
export async function moveOwnership(tx: TxRunner, caseId: string, engineerId: string, at: string, meta: WriteMeta) {
  // Rule 3 (docs/rules.md): one owner at a time. An ownership that begins at or after `at` (a
  // scheduled change) cannot be ended there: refuse rather than overlap it.
  await lock(tx, 'Case', [caseId]);
  const [later] = await tx.run(LATER_OWNERSHIPS, { caseId, at });
  if (later) {
    throw conflict(
      `Case ${caseId} passes to ${later.engineerId as string} from ${canonicalTime(later.from as string)}, not before ${at}: ` +
        'another change of owner was written meanwhile or is scheduled. Read the case again and retry.',
      { caseId, ownerId: later.engineerId as string, from: canonicalTime(later.from as string) },
    );
  }
  const ended = await tx.run(END_OWNERSHIPS, { caseId, at });
  await startOwnership(tx, caseId, engineerId, at, meta);
  const customerId = await customerOfCase(tx, caseId);
  const fromEngineerId = (ended[0]?.engineerId as string) ?? null;
  await appendEvents(
    tx,
    [
      {
        type: EventType.CaseOwnerChanged,
        at,
        customerId,
        subjectIds: [caseId, engineerId, ...(fromEngineerId ? [fromEngineerId] : [])],
        payload: { caseId, customerId, fromEngineerId, toEngineerId: engineerId, at },
      },
      // The case's customer is recomputed; the two owners' other customers are not concerned.
    ],
    { subjectsAsReferences: true },
  );
}

// ---------------------------------------------------------------------------------------------

export interface OpenCaseCommand {
  id?: string | null;
  number?: string | null;
  title: string;
  kind: string;
  severity: string;
  customerId: string;
  deviceId?: string | null;
  raisedById?: string | null;
  ownerId?: string | null;
  openedAt?: string | null;
}

export async function openCase(store: Store, cmd: OpenCaseCommand, meta: WriteMeta): Promise<Props> {
  const kind = caseKind();
  const id = cmd.id ?? newId('cas');
  const { row, problems } = normalizeFields(kind, kind.fields, {
    id,
    number: cmd.number,
    title: cmd.title,
    kind: cmd.kind,
    severity: cmd.severity,
    status: CaseStatus.OPEN,
    openedAt: cmd.openedAt ?? meta.now,
  });
  throwIfProblems(problems);
  const openedAt = row.openedAt as string;

  return store.transaction(async (tx) => {
    await assertIdFree(tx, 'Case', id);
    const customer = await requireNode(tx, 'Customer', cmd.customerId);
    const checks: (FieldProblem | null)[] = [archivedProblem({ id: cmd.customerId, status: customer.status }, 'customerId', 'customer')];
    if (cmd.deviceId) checks.push(await deviceAtCustomer(tx, cmd.deviceId, cmd.customerId));
    if (cmd.raisedById) checks.push(await contactsAtCustomer(tx, [cmd.raisedById], cmd.customerId, 'raisedById'));
    let ownerId = cmd.ownerId ?? null;
    if (ownerId) {
      const owner = await requireNode(tx, 'Engineer', ownerId);
      checks.push(engineerUnavailable({ id: ownerId, status: owner.status }, 'ownerId'));
    } else {
      const rows = await tx.run(COVERAGE_OF_CUSTOMERS_AT, { ids: [cmd.customerId], at: meta.now, role: CoverageRole.PRIMARY });
      const choice = defaultCaseOwner(
        cmd.customerId,
        rows.map((r) => coverageRow(r).e as { id: string; status?: unknown }),
      );
      if ('field' in choice) checks.push(choice);
      else ownerId = choice.engineerId;
    }
    throwIfProblems(checks);

    const node = await createNode(tx, kind, id, row);
    await setLink(tx, 'Case', linkOf(kind, 'customerId'), id, cmd.customerId);
    if (cmd.deviceId) await setLink(tx, 'Case', linkOf(kind, 'deviceId'), id, cmd.deviceId);
    if (cmd.raisedById) await setLink(tx, 'Case', linkOf(kind, 'raisedById'), id, cmd.raisedById);
    await startOwnership(tx, id, ownerId!, openedAt, meta);
    const after = { ...row, customerId: cmd.customerId, deviceId: cmd.deviceId ?? null, raisedById: cmd.raisedById ?? null, ownerId };
    await recordChanges(tx, [
      changeEntry(
        meta,
        { id, label: 'Case' },
        'CREATE',
        diffFields(null, after),
        `Case ${id} opened for ${cmd.customerId}, owned by ${ownerId}`,
      ),
    ]);
    return node;
  });
}

export interface UpdateCaseCommand {
  id: string;
  title?: string | null;
  number?: string | null;
  kind?: string | null;
  severity?: string | null;
  status?: string | null;
  reason?: string | null;
  customerUpdated?: boolean | null;
  deviceId?: string | null;
  raisedById?: string | null;
  at?: string | null;
}

const PLAIN = ['title', 'number', 'kind', 'severity'];

export async function updateCase(store: Store, cmd: UpdateCaseCommand, meta: WriteMeta, op: ChangeOp = 'UPDATE'): Promise<Props> {
  const kind = caseKind();
  const sent = PLAIN.filter((f) => (cmd as unknown as Record<string, unknown>)[f] !== undefined);
  const { row, problems } = normalizeFields(kind, fieldSpecs(kind, sent), cmd as unknown as Record<string, unknown>);
  if (cmd.status === null) problems.push({ field: 'status', reason: 'is required' });
  throwIfProblems(problems);
  const at = cmd.at ?? meta.now;

  return store.transaction(async (tx) => {
    const current = await requireNode(tx, 'Case', cmd.id);
    if (current.status === CaseStatus.ARCHIVED) throw conflict(`Case ${cmd.id} is ARCHIVED and cannot be changed`, { id: cmd.id });
    const stored = storedFields(kind, current);
    const checks: (FieldProblem | null)[] = [beforeProblem(at, stored.openedAt as string, 'at', 'the time the case was opened')];
    const values: Record<string, unknown> = { ...row };

    let reopened = false;
    if (cmd.status) {
      const plan = planStatusChange(stored as { status: string }, cmd.status as CaseStatus, { at, reason: cmd.reason });
      if (!plan.ok) throw badInput([plan.problem]);
      Object.assign(values, plan.fields);
      reopened = plan.reopened;
      // Experience counts reopened cases against whoever resolved them (domain/experts.ts).
      if (reopened) values.reopenCount = Number(stored.reopenCount ?? 0) + 1;
      // An open case always has an owner: a reopen needs one to land on.
      if (reopened && !(await currentOwners(tx, cmd.id)).length) {
        checks.push({
          field: 'status',
          reason: `case ${cmd.id} has no current owner: assign one with assignCaseOwner before reopening it`,
        });
      }
    }
    if (cmd.customerUpdated && isLaterThan(at, stored.lastCustomerUpdateAt as string | null)) values.lastCustomerUpdateAt = at;

    const changes: Record<string, FieldChange> = diffFields(Object.fromEntries(Object.keys(values).map((k) => [k, stored[k]])), values);
    const customerId = await customerOfCase(tx, cmd.id);
    const links: [string, string | null][] = [];
    for (const field of ['deviceId', 'raisedById'] as const) {
      if (cmd[field] === undefined) continue;
      const link = linkOf(kind, field);
      const before = await linkTarget(tx, 'Case', link, cmd.id);
      const after = cmd[field] ?? null;
      if (before === after) continue;
      if (after && customerId) {
        checks.push(
          field === 'deviceId' ? await deviceAtCustomer(tx, after, customerId) : await contactsAtCustomer(tx, [after], customerId, field),
        );
      }
      links.push([field, after]);
      changes[field] = { before, after };
    }
    throwIfProblems(checks);
    if (!Object.keys(changes).length) return current;

    const node = await setFields(
      tx,
      kind,
      cmd.id,
      Object.fromEntries(
        Object.keys(changes)
          .filter((k) => k in values)
          .map((k) => [k, values[k]]),
      ),
    );
    for (const [field, target] of links) await setLink(tx, 'Case', linkOf(kind, field), cmd.id, target);
    const move = changes.status ? `status ${changes.status.before} → ${changes.status.after}` : null;
    const summary = [
      `Case ${cmd.id} ${reopened ? 'reopened' : 'updated'}`,
      move,
      cmd.reason?.trim() ? `reason: ${cmd.reason.trim()}` : null,
    ]
      .filter(Boolean)
      .join('; ');
    await recordChanges(tx, [changeEntry(meta, { id: cmd.id, label: 'Case' }, op, changes, summary)]);
    return node;
  });
}

export function archiveCase(store: Store, id: string, meta: WriteMeta): Promise<Props> {
  return updateCase(store, { id, status: CaseStatus.ARCHIVED }, meta, 'ARCHIVE');
}

/**
 * Hands a case to an engineer at `at`: the current OWNED_BY gets `to = at`, a new one starts, and
 * the engineer is recorded as having worked on it — all in one transaction.
 */
export async function assignCaseOwner(
  store: Store,
  cmd: { caseId: string; engineerId: string; at?: string | null },
  meta: WriteMeta,
): Promise<Props> {
  const at = cmd.at ?? meta.now;
  return store.transaction(async (tx) => {
    await lock(tx, 'Case', [cmd.caseId]);
    const kase = await requireNode(tx, 'Case', cmd.caseId);
    if (kase.status === CaseStatus.ARCHIVED) throw conflict(`Case ${cmd.caseId} is ARCHIVED and cannot be changed`, { id: cmd.caseId });
    const engineer = await requireNode(tx, 'Engineer', cmd.engineerId);
    const owners = await currentOwners(tx, cmd.caseId);
    const checks: (FieldProblem | null)[] = [
      engineerUnavailable({ id: cmd.engineerId, status: engineer.status }, 'engineerId'),
      beforeProblem(at, canonicalTime(kase.openedAt as string), 'at', 'the time the case was opened'),
    ];
    if (owners.length === 1 && owners[0].engineerId === cmd.engineerId) {
      throwIfProblems(checks);
      return kase;
    }
    throwIfProblems(checks);
    // One owner at a time (docs/rules.md): the new ownership must begin after the open one did.
    for (const o of owners) {
      if (new Date(at) > new Date(o.from)) continue;
      if (cmd.at != null) throw badInput([{ field: 'at', reason: `must be after the current ownership began (${o.from})` }]);
      // No `at` was sent: another change of owner committed meanwhile (or one is scheduled), so say that.
      throw conflict(
        `Case ${cmd.caseId} was given to ${o.engineerId} from ${o.from}, not before this request's time (${at}): ` +
          'another change of owner was written meanwhile or is scheduled. Read the case again and retry.',
        { caseId: cmd.caseId, ownerId: o.engineerId, from: o.from },
      );
    }
    await moveOwnership(tx, cmd.caseId, cmd.engineerId, at, meta);
    const before = owners.length === 0 ? null : owners.length === 1 ? owners[0].engineerId : owners.map((o) => o.engineerId);
    await recordChanges(tx, [
      changeEntry(
        meta,
        { id: cmd.caseId, label: 'Case' },
        'LINK',
        { ownerId: { before, after: cmd.engineerId } },
        `Case ${cmd.caseId} owned by ${cmd.engineerId} from ${at}${before ? ` (was ${[before].flat().join(', ')})` : ''}`,
      ),
    ]);
    return kase;
  });
}
