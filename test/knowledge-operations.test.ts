import {
  AttentionByFlagDocument,
  AuthoriseOperationDocument,
  CompleteOperationDocument,
  CustomerOperationsDocument,
  InformOperationContactsDocument,
  OperationChangesDocument,
  OperationFlagsDocument,
  PlanOperationDocument,
  RecordCompatibilityCheckDocument,
  RollBackOperationDocument,
  StartOperationDocument,
} from './generated/graphql';
import { Role } from '../src/auth/roles';
import { testEngines } from './support/engines';
import { GraphBuilder } from './support/fixtures';
import { dumpGraph, errorOf, fieldNames } from './support/graph-dump';
import { Harness } from './support/harness';

const NOW = new Date('2025-11-01T00:00:00.000Z');
const T = (day: number, hour = 0) => new Date(Date.UTC(2025, 9, day, hour)).toISOString();
const LONG_AGO = '2020-01-01T00:00:00Z';

/**
 * Change control on devices (issue 14): a customer with on-duty staff reporting to a supervisor, a
 * manager, our service manager and primary, and a partner engineer who performs the work.
 */
function fixture(): GraphBuilder {
  return new GraphBuilder()
    .region({ id: 'reg_x', name: 'Province X', kind: 'PROVINCE' })
    .region({ id: 'reg_y', name: 'Province Y', kind: 'PROVINCE' })
    .partner({ id: 'par_p', name: 'Partner Co' })
    .customer({ id: 'cus_op', name: 'Operator', tier: 'KEY', regionId: 'reg_x' })
    .customer({ id: 'cus_other', name: 'Other operator', tier: 'STANDARD', regionId: 'reg_x' })
    .device({ id: 'dev_op', serial: 'OP-1', model: 'OSN 8800', softwareVersion: 'V100R010', customerId: 'cus_op' })
    .device({ id: 'dev_op2', serial: 'OP-2', model: 'OSN 1800', softwareVersion: 'V100R003', customerId: 'cus_op' })
    .contact({ id: 'con_sup', name: 'Supervisor', role: 'SUPERVISOR' })
    .contact({ id: 'con_duty', name: 'On duty', role: 'ON_DUTY', reportsToId: 'con_sup' })
    .contact({ id: 'con_mgr', name: 'Manager', role: 'MANAGER' })
    .contact({ id: 'con_elsewhere', name: 'Elsewhere', role: 'MANAGER' })
    .employment({ contactId: 'con_sup', customerId: 'cus_op', from: LONG_AGO })
    .employment({ contactId: 'con_duty', customerId: 'cus_op', from: LONG_AGO })
    .employment({ contactId: 'con_mgr', customerId: 'cus_op', from: LONG_AGO })
    .employment({ contactId: 'con_elsewhere', customerId: 'cus_other', from: LONG_AGO })
    .engineer({ id: 'eng_sm', name: 'Service manager', kind: 'EMPLOYEE' })
    .engineer({ id: 'eng_prim', name: 'Primary', kind: 'EMPLOYEE' })
    .engineer({ id: 'eng_partner', name: 'Partner engineer', kind: 'PARTNER', partnerId: 'par_p' })
    .coverage({ id: 'cov_sm', engineerId: 'eng_sm', customerId: 'cus_op', role: 'SERVICE_MANAGER', from: LONG_AGO })
    .coverage({ id: 'cov_prim', engineerId: 'eng_prim', customerId: 'cus_op', role: 'PRIMARY', from: LONG_AGO });
}

describe.each(testEngines())('operations on devices on $name', (engine) => {
  let h: Harness;
  const as = { now: NOW, actor: 'alice@ops' };
  beforeAll(async () => {
    h = await Harness.start(engine);
    await fixture().write(h.store);
  });
  afterAll(async () => {
    await h.stop();
  });

  const plan = (input: Record<string, unknown>) => h.run(PlanOperationDocument, { input: { deviceId: 'dev_op', ...input } as never }, as);

  it("plans with the default risk of its kind and starts from the device's version", async () => {
    const cases: [string, string][] = [
      ['ALARM_MASK', 'HIGH'],
      ['RESTART', 'MEDIUM'],
      ['OTHER', 'LOW'],
    ];
    for (const [kind, risk] of cases) {
      const { planOperation } = await h.data(
        PlanOperationDocument,
        { input: { id: `opr_default-${kind.toLowerCase()}`, deviceId: 'dev_op2', kind: kind as never } },
        as,
      );
      expect([planOperation.kind, planOperation.risk, planOperation.status]).toEqual([kind, risk, 'PLANNED']);
    }
    const { planOperation: up } = await h.data(
      PlanOperationDocument,
      {
        input: {
          id: 'opr_up-default',
          deviceId: 'dev_op2',
          kind: 'UPGRADE',
          toVersion: 'V100R005',
          performedById: 'eng_partner',
          informedIds: ['con_duty', 'con_sup'],
        },
      },
      as,
    );
    expect(up).toMatchObject({
      risk: 'HIGH',
      fromVersion: 'V100R003',
      toVersion: 'V100R005',
      performedBy: { id: 'eng_partner' },
      informed: [{ id: 'con_duty' }, { id: 'con_sup' }],
    });
    // A planner may lower the risk explicitly.
    const { planOperation: low } = await h.data(
      PlanOperationDocument,
      { input: { id: 'opr_low-mask', deviceId: 'dev_op2', kind: 'ALARM_MASK', risk: 'LOW' } },
      as,
    );
    expect(low.risk).toBe('LOW');
  });

  it('refuses bad plans with the field named and writes nothing', async () => {
    const before = await dumpGraph(h.store);
    const noVersion = errorOf(await plan({ kind: 'UPGRADE' }));
    expect([noVersion.code, fieldNames(noVersion)]).toEqual(['BAD_USER_INPUT', ['toVersion']]);
    const stranger = errorOf(await plan({ kind: 'RESTART', informedIds: ['con_elsewhere'] }));
    expect([stranger.code, fieldNames(stranger)]).toEqual(['BAD_USER_INPUT', ['informedIds']]);
    const window = errorOf(await plan({ kind: 'RESTART', plannedFrom: T(20), plannedTo: T(19) }));
    expect([window.code, fieldNames(window)]).toEqual(['BAD_USER_INPUT', ['plannedTo']]);
    expect(errorOf(await plan({ kind: 'RESTART', deviceId: 'dev_nope' })).code).toBe('NOT_FOUND');
    expect(await dumpGraph(h.store)).toBe(before);
  });

  it('a HIGH-risk operation cannot start without both authorisations; the error names what is missing', async () => {
    await h.data(
      PlanOperationDocument,
      {
        input: {
          id: 'opr_mask',
          deviceId: 'dev_op',
          kind: 'ALARM_MASK',
          performedById: 'eng_partner',
          informedIds: ['con_duty', 'con_sup'],
        },
      },
      as,
    );
    const none = errorOf(await h.run(StartOperationDocument, { id: 'opr_mask' }, as));
    expect(none.code).toBe('CONFLICT');
    expect(none.message).toMatch(/customer's authorisation/);
    expect(none.message).toMatch(/our authorisation/);
    expect(none.ext.missing).toHaveLength(2);

    // Authority is checked: on-duty staff cannot authorise, nor can the primary engineer.
    const duty = errorOf(await h.run(AuthoriseOperationDocument, { id: 'opr_mask', byId: 'con_duty' }, as));
    expect([duty.code, fieldNames(duty)]).toEqual(['BAD_USER_INPUT', ['byId']]);
    expect(duty.message).toMatch(/ON_DUTY/);
    const elsewhere = errorOf(await h.run(AuthoriseOperationDocument, { id: 'opr_mask', byId: 'con_elsewhere' }, as));
    expect(elsewhere.message).toMatch(/does not work at customer cus_op/);
    const primary = errorOf(await h.run(AuthoriseOperationDocument, { id: 'opr_mask', byId: 'eng_prim' }, as));
    expect(primary.message).toMatch(/SERVICE_MANAGER or PRODUCT_LEAD/);

    const { authoriseOperation } = await h.data(AuthoriseOperationDocument, { id: 'opr_mask', byId: 'con_sup', at: T(30) }, as);
    expect(authoriseOperation.authorisations).toEqual([{ side: 'CUSTOMER', at: T(30), by: { id: 'con_sup' } }]);
    const half = errorOf(await h.run(StartOperationDocument, { id: 'opr_mask' }, as));
    expect(half.ext.missing).toHaveLength(1);
    expect(half.message).toMatch(/our authorisation/);
    expect(half.message).not.toMatch(/customer's authorisation/);

    const again = errorOf(await h.run(AuthoriseOperationDocument, { id: 'opr_mask', byId: 'con_mgr' }, as));
    expect(again.code).toBe('CONFLICT');

    await h.data(AuthoriseOperationDocument, { id: 'opr_mask', byId: 'eng_sm', at: T(30, 1) }, as);
    const { startOperation } = await h.data(StartOperationDocument, { id: 'opr_mask', at: T(31) }, as);
    expect([startOperation.status, startOperation.startedAt]).toEqual(['IN_PROGRESS', T(31)]);
  });

  it('a MEDIUM-risk operation starts without authorisations; steps out of order are refused', async () => {
    await h.data(PlanOperationDocument, { input: { id: 'opr_restart', deviceId: 'dev_op', kind: 'RESTART' } }, as);
    const early = errorOf(await h.run(CompleteOperationDocument, { id: 'opr_restart' }, as));
    expect(early.code).toBe('CONFLICT');
    expect((await h.data(StartOperationDocument, { id: 'opr_restart', at: T(31, 2) }, as)).startOperation.status).toBe('IN_PROGRESS');
    expect(errorOf(await h.run(StartOperationDocument, { id: 'opr_restart' }, as)).code).toBe('CONFLICT');
    const done = await h.data(CompleteOperationDocument, { id: 'opr_restart', outcome: 'SUCCESS', at: T(31, 3) }, as);
    expect([done.completeOperation.status, done.completeOperation.outcome]).toEqual(['DONE', 'SUCCESS']);
    const rb = errorOf(await h.run(RollBackOperationDocument, { id: 'opr_restart', reason: '  ' }, as));
    expect([rb.code, fieldNames(rb)]).toEqual(['BAD_USER_INPUT', ['reason']]);
  });

  it('an upgrade needs its compatibility check; done, it moves the device; rolled back, it moves it back — all in the history', async () => {
    await h.data(
      PlanOperationDocument,
      { input: { id: 'opr_upgrade', deviceId: 'dev_op', kind: 'UPGRADE', toVersion: 'V100R012', performedById: 'eng_partner' } },
      as,
    );
    await h.data(AuthoriseOperationDocument, { id: 'opr_upgrade', byId: 'con_mgr', at: T(30) }, as);
    await h.data(AuthoriseOperationDocument, { id: 'opr_upgrade', byId: 'eng_sm', at: T(30) }, as);
    const unchecked = errorOf(await h.run(StartOperationDocument, { id: 'opr_upgrade' }, as));
    expect(unchecked.code).toBe('CONFLICT');
    expect(unchecked.message).toMatch(/compatibility check/);
    expect(unchecked.ext.missing).toHaveLength(1);

    const { recordCompatibilityCheck } = await h.data(
      RecordCompatibilityCheckDocument,
      { id: 'opr_upgrade', checkedById: 'eng_sm', at: T(30, 5) },
      as,
    );
    expect(recordCompatibilityCheck).toMatchObject({
      fromVersion: 'V100R010',
      toVersion: 'V100R012',
      compatibilityCheckedBy: 'eng_sm',
      compatibilityCheckedAt: T(30, 5),
    });
    await h.data(StartOperationDocument, { id: 'opr_upgrade', at: T(31) }, as);
    const { completeOperation } = await h.data(CompleteOperationDocument, { id: 'opr_upgrade', at: T(31, 2) }, as);
    expect(completeOperation.device).toEqual({ id: 'dev_op', softwareVersion: 'V100R012' });
    const { rollBackOperation } = await h.data(
      RollBackOperationDocument,
      { id: 'opr_upgrade', reason: 'services broke after the upgrade', at: T(31, 4) },
      as,
    );
    expect([rollBackOperation.status, rollBackOperation.rolledBackAt, rollBackOperation.note]).toEqual([
      'ROLLED_BACK',
      T(31, 4),
      'services broke after the upgrade',
    ]);
    expect(rollBackOperation.device).toEqual({ id: 'dev_op', softwareVersion: 'V100R010' });

    const { changes } = await h.data(OperationChangesDocument, { entityId: 'opr_upgrade' }, as);
    expect(changes.edges.map((e) => e.node.op).reverse()).toEqual(['CREATE', 'LINK', 'LINK', 'UPDATE', 'UPDATE', 'UPDATE', 'UPDATE']);
    expect(changes.edges.every((e) => e.node.actor === 'alice@ops')).toBe(true);
    const device = await h.data(OperationChangesDocument, { entityId: 'dev_op' }, as);
    expect(device.changes.edges.map((e) => e.node.fields.find((f) => f.field === 'softwareVersion')?.after)).toEqual([
      '"V100R010"',
      '"V100R012"',
    ]);
  });

  it('the customer card lists recent operations on its devices, newest first', async () => {
    const { customer } = await h.data(CustomerOperationsDocument, { id: 'cus_op', first: 3 }, as);
    expect(customer!.operations).toHaveLength(3);
    expect(customer!.operations.map((o) => o.id).slice(0, 2)).toEqual(['opr_restart', 'opr_upgrade']);
    expect(errorOf(await h.run(CustomerOperationsDocument, { id: 'cus_op', first: 500 }, as)).code).toBe('BAD_USER_INPUT');
  });

  it('writes are for managers in their regions', async () => {
    const outside = {
      now: NOW,
      principal: { actor: 'user:bob', kind: 'user' as const, roles: [Role.SERVICE_MANAGER], regions: ['reg_y'] },
    };
    const res = await h.run(PlanOperationDocument, { input: { deviceId: 'dev_op', kind: 'RESTART' } }, outside);
    expect(errorOf(res).code).toBe('FORBIDDEN');
    const start = await h.run(StartOperationDocument, { id: 'opr_mask' }, outside);
    expect(errorOf(start).code).toBe('FORBIDDEN');
    const reader = { now: NOW, principal: { actor: 'user:eve', kind: 'user' as const, roles: [Role.VIEWER], regions: null } };
    expect(errorOf(await h.run(PlanOperationDocument, { input: { deviceId: 'dev_op', kind: 'RESTART' } }, reader)).code).toBe('FORBIDDEN');
  });
});

/**
 * The three change-control flags, each on a fixture made to trigger it (as imported: C7's alarm
 * masking and C5's unchecked upgrade), then gone when the cause is fixed through the API.
 */
describe.each(testEngines())('change-control flags on $name', (engine) => {
  let h: Harness;
  const as = { now: NOW, actor: 'alice@ops' };
  beforeAll(async () => {
    h = await Harness.start(engine);
    const g = fixture()
      // C7: the partner masks alarms at the on-duty engineer's request, nobody authorised, the supervisor not told.
      .operation({
        id: 'opr_c7',
        kind: 'ALARM_MASK',
        status: 'DONE',
        startedAt: T(30, 22),
        doneAt: T(30, 23),
        outcome: 'SUCCESS',
        deviceId: 'dev_op',
        performedById: 'eng_partner',
        informedIds: ['con_duty'],
      })
      // C5: an upgrade without a compatibility check, both sides authorised and announced.
      .operation({
        id: 'opr_c5',
        kind: 'UPGRADE',
        status: 'DONE',
        startedAt: T(29),
        doneAt: T(29, 2),
        fromVersion: 'V100R003',
        toVersion: 'V100R005',
        deviceId: 'dev_op2',
        performedById: 'eng_partner',
        informedIds: ['con_duty', 'con_sup'],
      })
      .customerAuthorisation({ operationId: 'opr_c5', contactId: 'con_sup', at: T(28) })
      .ourAuthorisation({ operationId: 'opr_c5', engineerId: 'eng_sm', at: T(28) })
      // A LOW-risk operation that informs nobody raises nothing.
      .operation({ id: 'opr_quiet', kind: 'OTHER', status: 'DONE', startedAt: T(29), deviceId: 'dev_op2' });
    await g.write(h.store);
  });
  afterAll(async () => {
    await h.stop();
  });

  const flagsOf = async () => (await h.data(OperationFlagsDocument, { id: 'cus_op' }, as)).customer!.flags;
  const codes = async () =>
    (await flagsOf())
      .map((f) => f.code)
      .filter((c) => ['UNAUTHORISED_RISKY_OPERATION', 'UPGRADE_WITHOUT_COMPATIBILITY_CHECK', 'CHANGE_NOT_ANNOUNCED'].includes(c))
      .sort();

  it('the imported C5 and C7 operations raise the three flags with evidence', async () => {
    const flags = await flagsOf();
    const by = (code: string) => flags.find((f) => f.code === code)!;
    expect(by('UNAUTHORISED_RISKY_OPERATION').evidence).toMatchObject({
      operationIds: ['opr_c7'],
      deviceIds: ['dev_op'],
      engineerIds: ['eng_partner'],
      count: 1,
    });
    expect(by('UNAUTHORISED_RISKY_OPERATION').message).toMatch(/missing CUSTOMER and OURS/);
    expect(by('UPGRADE_WITHOUT_COMPATIBILITY_CHECK').evidence).toMatchObject({ operationIds: ['opr_c5'], deviceIds: ['dev_op2'] });
    expect(by('CHANGE_NOT_ANNOUNCED').evidence).toMatchObject({ operationIds: ['opr_c7'], contactIds: ['con_sup'] });
    const listed = await h.data(AttentionByFlagDocument, { flag: 'UNAUTHORISED_RISKY_OPERATION' as never }, as);
    expect(listed.attention.edges.map((e) => e.node.customer.id)).toEqual(['cus_op']);
  });

  it('each flag disappears when its cause is fixed', async () => {
    await h.data(InformOperationContactsDocument, { id: 'opr_c7', contactIds: ['con_sup'] }, as);
    expect(await codes()).toEqual(['UNAUTHORISED_RISKY_OPERATION', 'UPGRADE_WITHOUT_COMPATIBILITY_CHECK']);
    await h.data(AuthoriseOperationDocument, { id: 'opr_c7', byId: 'con_mgr' }, as);
    expect(await codes()).toEqual(['UNAUTHORISED_RISKY_OPERATION', 'UPGRADE_WITHOUT_COMPATIBILITY_CHECK']);
    await h.data(AuthoriseOperationDocument, { id: 'opr_c7', byId: 'eng_sm' }, as);
    expect(await codes()).toEqual(['UPGRADE_WITHOUT_COMPATIBILITY_CHECK']);
    await h.data(RecordCompatibilityCheckDocument, { id: 'opr_c5', checkedById: 'eng_sm' }, as);
    expect(await codes()).toEqual([]);
  });
});
