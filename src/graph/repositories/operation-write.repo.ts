import { diffFields, type FieldChange } from '../../domain/changes';
import { AuthorisationSide, OperationKind, OperationOutcome, OperationStatus, RecordStatus } from '../../domain/enums';
import { labelOfId, newId } from '../../domain/ids';
import { CUSTOMER_AUTHORITY, DEFAULT_RISK, OUR_AUTHORITY, missingBeforeStart, riskOf, stepProblem } from '../../domain/operations';
import { beforeProblem, engineerUnavailable } from '../../domain/write-rules';
import { AppError, ErrorCode, badInput, conflict, type FieldProblem } from '../../errors';
import { EDGE_KINDS } from '../kinds';
import type { Props } from '../records';
import type { Store, TxRunner } from '../store';
import { CUSTOMER_OF_DEVICES } from './case.repo';
import { caseAtCustomer, contactsAtCustomer } from './case-write.repo';
import { recordChanges } from './change.repo';
import { edgeKey } from './upsert.repo';
import {
  assertIdFree,
  canonicalTime,
  changeEntry,
  createNode,
  linkOf,
  linkTargets,
  addLinks,
  nodeKind,
  normalizeFields,
  requireNode,
  setFields,
  setLink,
  storedFields,
  throwIfProblems,
  type WriteMeta,
} from './write.repo';
import { currentAt } from '../current';

/**
 * Operations on devices (issue 14): plan, authorise (both sides), record the compatibility check,
 * start, complete, roll back. One transaction per mutation; every step writes a change entry on the
 * operation (and on the device when its software version moves).
 */

/** Who authorised the operation, per side (at most one each). */
export const OPERATION_AUTHORISATIONS = `
MATCH (o:Operation {id: $id})-[a:AUTHORISED_BY]->(x)
RETURN a.side AS side, x.id AS byId, a.at AS at`;

/** Starts from the authoriser by label and id (a label-less match would scan every node). */
export const createAuthorisationCypher = (label: 'Contact' | 'Engineer') => `
MATCH (o:Operation {id: $id})
MATCH (x:${label} {id: $byId})
CREATE (o)-[:AUTHORISED_BY {key: $key, side: $side, at: datetime($at)}]->(x)`;

/** The contact's role if he works at the customer at $at. */
export const CONTACT_AT_CUSTOMER = `
MATCH (p:Contact {id: $contactId})-[w:WORKS_AT]->(c:Customer {id: $customerId})
WHERE ${currentAt('w')}
RETURN p.role AS role`;

/** The engineer's coverage roles for the customer at $at. */
export const ENGINEER_ROLES_AT_CUSTOMER = `
MATCH (e:Engineer {id: $engineerId})-[r:COVERS]->(c:Customer {id: $customerId})
WHERE ${currentAt('r')}
RETURN r.role AS role`;

const OPERATION_DEVICE = `
MATCH (o:Operation {id: $id})-[:\`ON\`]->(d:Device)
RETURN d.id AS id`;

const opKind = () => nodeKind('Operation');

async function customerOfDevice(tx: TxRunner, deviceId: string): Promise<string | null> {
  const [row] = await tx.run(CUSTOMER_OF_DEVICES, { ids: [deviceId] });
  return row ? ((row.c as Props).id as string) : null;
}

interface Loaded {
  node: Props;
  deviceId: string;
  customerId: string;
  sides: Map<string, { byId: string; at: string }>;
}

async function loadOperation(tx: TxRunner, id: string): Promise<Loaded> {
  const node = await requireNode(tx, 'Operation', id);
  const [dev] = await tx.run(OPERATION_DEVICE, { id });
  const deviceId = dev.id as string;
  const customerId = (await customerOfDevice(tx, deviceId))!;
  const sides = new Map<string, { byId: string; at: string }>();
  for (const r of await tx.run(OPERATION_AUTHORISATIONS, { id }))
    sides.set(r.side as string, { byId: r.byId as string, at: canonicalTime(r.at as string) });
  return { node, deviceId, customerId, sides };
}

const need = (step: Parameters<typeof stepProblem>[0], op: Props) => {
  const problem = stepProblem(step, op.status as string);
  if (problem) throw conflict(`Operation ${op.id}: ${problem}`, { id: op.id, status: op.status });
};

// ---------------------------------------------------------------------------------------------

export interface PlanOperationCommand {
  id?: string | null;
  deviceId: string;
  kind: string;
  risk?: string | null;
  title?: string | null;
  plannedFrom?: string | null;
  plannedTo?: string | null;
  performedById?: string | null;
  informedIds?: string[] | null;
  caseId?: string | null;
  fromVersion?: string | null;
  toVersion?: string | null;
  note?: string | null;
}

export async function planOperation(store: Store, cmd: PlanOperationCommand, meta: WriteMeta): Promise<Props> {
  const kind = opKind();
  const id = cmd.id ?? newId('opr');
  const { row, problems } = normalizeFields(kind, kind.fields, {
    id,
    kind: cmd.kind,
    risk: cmd.risk ?? DEFAULT_RISK[cmd.kind as OperationKind] ?? null,
    status: OperationStatus.PLANNED,
    title: cmd.title,
    plannedFrom: cmd.plannedFrom,
    plannedTo: cmd.plannedTo,
    fromVersion: cmd.fromVersion,
    toVersion: cmd.toVersion,
    note: cmd.note,
  });
  if (row.plannedFrom && row.plannedTo)
    problems.push(beforeProblem(row.plannedTo as string, row.plannedFrom as string, 'plannedTo', 'plannedFrom') as FieldProblem);
  if (cmd.kind === OperationKind.UPGRADE && !cmd.toVersion?.trim())
    problems.push({ field: 'toVersion', reason: 'is required for an UPGRADE' });
  throwIfProblems(problems);

  return store.transaction(async (tx) => {
    await assertIdFree(tx, 'Operation', id);
    const device = await requireNode(tx, 'Device', cmd.deviceId);
    const customerId = await customerOfDevice(tx, cmd.deviceId);
    const checks: (FieldProblem | null)[] = [];
    if (device.status === RecordStatus.ARCHIVED) checks.push({ field: 'deviceId', reason: `device ${cmd.deviceId} is ARCHIVED` });
    if (cmd.performedById) {
      const e = await requireNode(tx, 'Engineer', cmd.performedById);
      checks.push(engineerUnavailable({ id: cmd.performedById, status: e.status }, 'performedById'));
    }
    if (customerId) {
      checks.push(await contactsAtCustomer(tx, cmd.informedIds ?? [], customerId, 'informedIds'));
      if (cmd.caseId) checks.push((await caseAtCustomer(tx, cmd.caseId, customerId, 'caseId')).problem);
    }
    throwIfProblems(checks);
    // The version the device runs now is where an upgrade starts from, unless the planner says otherwise.
    if (row.fromVersion == null && device.softwareVersion != null) row.fromVersion = device.softwareVersion;

    const node = await createNode(tx, kind, id, row);
    await setLink(tx, 'Operation', linkOf(kind, 'deviceId'), id, cmd.deviceId);
    if (cmd.performedById) await setLink(tx, 'Operation', linkOf(kind, 'performedById'), id, cmd.performedById);
    if (cmd.caseId) await setLink(tx, 'Operation', linkOf(kind, 'caseId'), id, cmd.caseId);
    const informed = [...new Set(cmd.informedIds ?? [])];
    await addLinks(tx, 'Operation', linkOf(kind, 'informedIds'), id, informed);
    const after = {
      ...row,
      deviceId: cmd.deviceId,
      performedById: cmd.performedById ?? null,
      caseId: cmd.caseId ?? null,
      informedIds: informed,
    };
    await recordChanges(tx, [
      changeEntry(
        meta,
        { id, label: 'Operation' },
        'CREATE',
        diffFields(null, after),
        `Operation ${id} (${row.kind}, ${row.risk}) planned on ${cmd.deviceId}`,
      ),
    ]);
    return node;
  });
}

/**
 * Records who authorised the operation. The side follows from the id: a contact (con_) authorises
 * for the customer and must work there in a SUPERVISOR, MANAGER or EXECUTIVE role; an engineer (eng_)
 * authorises for us and must cover the customer as SERVICE_MANAGER or PRODUCT_LEAD at that time.
 */
export async function authoriseOperation(
  store: Store,
  cmd: { id: string; byId: string; at?: string | null },
  meta: WriteMeta,
): Promise<Props> {
  const at = canonicalTime(cmd.at ?? meta.now);
  const label = labelOfId(cmd.byId);
  if (label !== 'Contact' && label !== 'Engineer')
    throw badInput([{ field: 'byId', reason: 'must be a contact (customer side) or an engineer (our side)' }]);
  const side = label === 'Contact' ? AuthorisationSide.CUSTOMER : AuthorisationSide.OURS;

  return store.transaction(async (tx) => {
    const op = await loadOperation(tx, cmd.id);
    need('authorise', op.node);
    await requireNode(tx, label, cmd.byId);
    const existing = op.sides.get(side);
    if (existing) throw conflict(`Operation ${cmd.id} is already authorised on the ${side} side by ${existing.byId}`, { id: cmd.id, side });
    if (side === AuthorisationSide.CUSTOMER) {
      const [row] = await tx.run(CONTACT_AT_CUSTOMER, { contactId: cmd.byId, customerId: op.customerId, at });
      if (!row) throw badInput([{ field: 'byId', reason: `contact ${cmd.byId} does not work at customer ${op.customerId}` }]);
      if (!CUSTOMER_AUTHORITY.includes(row.role as never)) {
        throw badInput([
          {
            field: 'byId',
            reason: `contact ${cmd.byId} is ${row.role}: only ${CUSTOMER_AUTHORITY.join(', ')} may authorise for the customer`,
          },
        ]);
      }
    } else {
      const roles = (await tx.run(ENGINEER_ROLES_AT_CUSTOMER, { engineerId: cmd.byId, customerId: op.customerId, at })).map(
        (r) => r.role as string,
      );
      if (!roles.some((r) => OUR_AUTHORITY.includes(r as never))) {
        throw badInput([
          { field: 'byId', reason: `engineer ${cmd.byId} does not cover customer ${op.customerId} as ${OUR_AUTHORITY.join(' or ')}` },
        ]);
      }
    }
    const edgeKind = EDGE_KINDS.find(
      (k) => k.kind === (side === AuthorisationSide.CUSTOMER ? 'operation-customer-authorisations' : 'operation-our-authorisations'),
    )!;
    const key = edgeKey(edgeKind, { operationId: cmd.id, [edgeKind.to.field]: cmd.byId, side });
    await tx.run(createAuthorisationCypher(label), { id: cmd.id, byId: cmd.byId, side, at, key });
    const field = side === AuthorisationSide.CUSTOMER ? 'customerAuthorisedById' : 'ourAuthorisedById';
    await recordChanges(tx, [
      changeEntry(
        meta,
        { id: cmd.id, label: 'Operation' },
        'LINK',
        { [field]: { before: null, after: cmd.byId } },
        `Operation ${cmd.id} authorised (${side}) by ${cmd.byId} at ${at}`,
      ),
    ]);
    return op.node;
  });
}

export async function recordCompatibilityCheck(
  store: Store,
  cmd: { id: string; checkedById: string; fromVersion?: string | null; toVersion?: string | null; at?: string | null },
  meta: WriteMeta,
): Promise<Props> {
  const kind = opKind();
  const at = canonicalTime(cmd.at ?? meta.now);
  return store.transaction(async (tx) => {
    const op = await loadOperation(tx, cmd.id);
    need('check', op.node);
    await requireNode(tx, 'Engineer', cmd.checkedById);
    const stored = storedFields(kind, op.node);
    const values: Record<string, unknown> = { compatibilityCheckedBy: cmd.checkedById, compatibilityCheckedAt: at };
    if (cmd.fromVersion !== undefined && cmd.fromVersion !== null) values.fromVersion = cmd.fromVersion.trim();
    if (cmd.toVersion !== undefined && cmd.toVersion !== null) values.toVersion = cmd.toVersion.trim();
    const from = (values.fromVersion ?? stored.fromVersion) as string | null;
    const to = (values.toVersion ?? stored.toVersion) as string | null;
    if (!from || !to) throw badInput([{ field: from ? 'toVersion' : 'fromVersion', reason: 'a compatibility check names both versions' }]);
    const node = await setFields(tx, kind, cmd.id, values);
    const changes = diffFields(Object.fromEntries(Object.keys(values).map((k) => [k, stored[k]])), values);
    await recordChanges(tx, [
      changeEntry(
        meta,
        { id: cmd.id, label: 'Operation' },
        'UPDATE',
        changes,
        `Operation ${cmd.id}: compatibility ${from} → ${to} checked by ${cmd.checkedById}`,
      ),
    ]);
    return node;
  });
}

/** Adds customer contacts to those the operation informs (they must work at the device's customer). */
export async function informContacts(store: Store, cmd: { id: string; contactIds: string[] }, meta: WriteMeta): Promise<Props> {
  const ids = [...new Set(cmd.contactIds)];
  if (!ids.length) throw badInput([{ field: 'contactIds', reason: 'is empty' }]);
  return store.transaction(async (tx) => {
    const op = await loadOperation(tx, cmd.id);
    need('inform', op.node);
    throwIfProblems([await contactsAtCustomer(tx, ids, op.customerId, 'contactIds')]);
    const link = linkOf(opKind(), 'informedIds');
    const before = await linkTargets(tx, 'Operation', link, cmd.id);
    const added = ids.filter((x) => !before.includes(x));
    if (!added.length) return op.node;
    await addLinks(tx, 'Operation', link, cmd.id, added);
    const after = [...before, ...added].sort();
    await recordChanges(tx, [
      changeEntry(
        meta,
        { id: cmd.id, label: 'Operation' },
        'LINK',
        { informedIds: { before, after } },
        `Operation ${cmd.id}: informed ${added.join(', ')}`,
      ),
    ]);
    return op.node;
  });
}

export async function startOperation(store: Store, cmd: { id: string; at?: string | null }, meta: WriteMeta): Promise<Props> {
  const kind = opKind();
  const at = canonicalTime(cmd.at ?? meta.now);
  return store.transaction(async (tx) => {
    const op = await loadOperation(tx, cmd.id);
    need('start', op.node);
    const missing = missingBeforeStart({
      id: cmd.id,
      kind: op.node.kind as string,
      risk: op.node.risk as string | null,
      status: op.node.status as string,
      compatibilityCheckedAt: op.node.compatibilityCheckedAt as string | null,
      authorisedSides: [...op.sides.keys()],
    });
    if (missing.length) {
      throw new AppError(
        ErrorCode.CONFLICT,
        `Operation ${cmd.id} (${op.node.kind}, ${riskOf(op.node as never)} risk) cannot start without ${missing.join(' and ')}`,
        {
          id: cmd.id,
          missing,
        },
      );
    }
    return transition(tx, kind, op, { status: OperationStatus.IN_PROGRESS, startedAt: at }, meta, `Operation ${cmd.id} started at ${at}`);
  });
}

export async function completeOperation(
  store: Store,
  cmd: { id: string; outcome?: string | null; at?: string | null; note?: string | null },
  meta: WriteMeta,
): Promise<Props> {
  const kind = opKind();
  const at = canonicalTime(cmd.at ?? meta.now);
  const outcome = cmd.outcome ?? OperationOutcome.SUCCESS;
  return store.transaction(async (tx) => {
    const op = await loadOperation(tx, cmd.id);
    need('complete', op.node);
    throwIfProblems([beforeProblem(at, canonicalTime(op.node.startedAt as string), 'at', 'the time the operation started')]);
    const values: Record<string, unknown> = { status: OperationStatus.DONE, doneAt: at, outcome };
    if (cmd.note?.trim()) values.note = cmd.note.trim();
    const node = await transition(tx, kind, op, values, meta, `Operation ${cmd.id} done (${outcome}) at ${at}`);
    // A successful upgrade or patch moves the device to the new version.
    if (
      (op.node.kind === OperationKind.UPGRADE || op.node.kind === OperationKind.PATCH) &&
      outcome === OperationOutcome.SUCCESS &&
      op.node.toVersion
    ) {
      await setDeviceVersion(tx, op.deviceId, op.node.toVersion as string, meta, `upgraded by operation ${cmd.id}`);
    }
    return node;
  });
}

export async function rollBackOperation(
  store: Store,
  cmd: { id: string; reason: string; at?: string | null },
  meta: WriteMeta,
): Promise<Props> {
  const kind = opKind();
  const at = canonicalTime(cmd.at ?? meta.now);
  const reason = cmd.reason?.trim();
  if (!reason) throw badInput([{ field: 'reason', reason: 'is required' }]);
  return store.transaction(async (tx) => {
    const op = await loadOperation(tx, cmd.id);
    need('rollBack', op.node);
    throwIfProblems([beforeProblem(at, canonicalTime(op.node.startedAt as string), 'at', 'the time the operation started')]);
    const node = await transition(
      tx,
      kind,
      op,
      { status: OperationStatus.ROLLED_BACK, rolledBackAt: at, note: reason },
      meta,
      `Operation ${cmd.id} rolled back at ${at}: ${reason}`,
    );
    if (
      op.node.status === OperationStatus.DONE &&
      op.node.fromVersion &&
      op.node.outcome === OperationOutcome.SUCCESS &&
      (op.node.kind === OperationKind.UPGRADE || op.node.kind === OperationKind.PATCH)
    ) {
      await setDeviceVersion(tx, op.deviceId, op.node.fromVersion as string, meta, `rolled back by operation ${cmd.id}`);
    }
    return node;
  });
}

async function transition(
  tx: TxRunner,
  kind: ReturnType<typeof opKind>,
  op: Loaded,
  values: Record<string, unknown>,
  meta: WriteMeta,
  summary: string,
): Promise<Props> {
  const stored = storedFields(kind, op.node);
  const node = await setFields(tx, kind, op.node.id as string, values);
  const changes: Record<string, FieldChange> = diffFields(Object.fromEntries(Object.keys(values).map((k) => [k, stored[k]])), values);
  await recordChanges(tx, [changeEntry(meta, { id: op.node.id as string, label: 'Operation' }, 'UPDATE', changes, summary)]);
  return node;
}

async function setDeviceVersion(tx: TxRunner, deviceId: string, version: string, meta: WriteMeta, why: string) {
  const kind = nodeKind('Device');
  const device = await requireNode(tx, 'Device', deviceId);
  if (device.softwareVersion === version) return;
  await setFields(tx, kind, deviceId, { softwareVersion: version });
  await recordChanges(tx, [
    changeEntry(
      meta,
      { id: deviceId, label: 'Device' },
      'UPDATE',
      { softwareVersion: { before: device.softwareVersion ?? null, after: version } },
      `Device ${deviceId} ${why}`,
    ),
  ]);
}
