import { AttentionDocument, CustomerFlagsDocument, type AttentionFlagFieldsFragment, type Flag } from './generated/graphql';
import { FLAG_WEIGHTS, type FlagCode } from '../src/domain/flags';
import { testEngines } from './support/engines';
import { GraphBuilder } from './support/fixtures';
import { Harness } from './support/harness';
import { LONG_AGO, NOW, attentionRegions, daysAgo, daysAhead, healthyCustomer, hoursAgo } from './support/attention-fixture';

type Evidence = AttentionFlagFieldsFragment['evidence'];

/**
 * Each flag of issue 6 on a fixture made to trigger it: the flag appears on customer.flags and in
 * attention(filter: {flag}) with its evidence; then the cause is fixed in the graph and it disappears.
 * Every fixture customer starts from healthyCustomer() (no flags) and adds one defect.
 */
describe.each(testEngines())('attention flags on $name', (engine) => {
  let h: Harness;
  const at = { now: NOW };

  beforeAll(async () => {
    h = await Harness.start(engine);
    const g = attentionRegions(new GraphBuilder());
    healthyCustomer(g, 'fine');

    // NO_PRIMARY_COVERAGE: only a backup covers it.
    healthyCustomer(g, 'noprim', { primary: false });
    // COVERED_BY_INACTIVE_ENGINEER: the primary has transferred, the backup is on leave (so NO_BACKUP too).
    healthyCustomer(g, 'inactive', { primaryStatus: 'TRANSFERRED', backupStatus: 'ON_LEAVE' });
    // NO_BACKUP: nobody covers it as backup.
    healthyCustomer(g, 'nobackup', { backup: false });

    // NO_CONTACT_IN_DAYS: a VIP (14 days allowed) last visited 20 days ago; a talk with a former
    // contact 1 day ago and a planned call next week do not count.
    healthyCustomer(g, 'silent', { tier: 'VIP', visitDaysAgo: 20 });
    g.contact({ id: 'con_silent-gone', name: 'Former engineer', role: 'ENGINEER' });
    g.employment({ contactId: 'con_silent-gone', customerId: 'cus_silent', from: LONG_AGO, to: daysAgo(30) });
    g.interaction({ id: 'int_silent-former', at: daysAgo(1), channel: 'CALL', customerId: 'cus_silent', contactIds: ['con_silent-gone'] });
    g.interaction({
      id: 'int_silent-planned',
      at: daysAhead(7),
      channel: 'VISIT',
      customerId: 'cus_silent',
      contactIds: ['con_silent-sup'],
    });

    // CASE_WITHOUT_OWNER: a minor fault opened 48 h ago, answered, customer updated 1 h ago, nobody owns it.
    healthyCustomer(g, 'unowned');
    g.case({ ...UNOWNED_CASE });

    // CASE_MANY_HANDS_NO_OWNER (C11): three engineers worked on it, it once had an owner, nobody owns it now.
    healthyCustomer(g, 'hands');
    g.engineer({ id: 'eng_hands-x', name: 'Support centre engineer', kind: 'EMPLOYEE' });
    g.case({ ...HANDS_CASE, workedOnIds: ['eng_hands-p', 'eng_hands-b', 'eng_hands-x'] });
    g.ownership({ caseId: 'cas_hands', engineerId: 'eng_hands-x', from: daysAgo(5), to: daysAgo(4) });

    // CASE_CUSTOMER_SILENCE: owned minor fault, customer last updated 30 h ago (STANDARD limit 24 h).
    healthyCustomer(g, 'hush');
    g.case({ ...HUSH_CASE });
    g.ownership({ caseId: 'cas_hush', engineerId: 'eng_hush-p', from: daysAgo(3) });

    // SLA_BREACHED: a major fault open 6 h with no response (4 h allowed); a case resolved late 40 days
    // ago is outside the 30-day look-back and does not count.
    healthyCustomer(g, 'late');
    g.case({ ...LATE_CASE });
    g.ownership({ caseId: 'cas_late', engineerId: 'eng_late-p', from: hoursAgo(6) });
    g.case({
      id: 'cas_late-old',
      title: 'Old fault',
      kind: 'FAULT',
      severity: 'MAJOR',
      status: 'CLOSED',
      openedAt: daysAgo(50),
      respondedAt: daysAgo(50),
      resolvedAt: daysAgo(40),
      customerId: 'cus_late',
    });

    // MAINTENANCE_EXPIRED / MAINTENANCE_EXPIRING.
    healthyCustomer(g, 'expired');
    g.device({ id: 'dev_expired', serial: 'SN-E1', model: 'OSN 8800', maintenanceUntil: daysAgo(10), customerId: 'cus_expired' });
    g.device({ id: 'dev_expired-ok', serial: 'SN-E2', model: 'OSN 1800', maintenanceUntil: daysAhead(400), customerId: 'cus_expired' });
    healthyCustomer(g, 'expiring');
    g.device({ id: 'dev_expiring', serial: 'SN-X1', model: 'OSN 8800', maintenanceUntil: daysAhead(10), customerId: 'cus_expiring' });

    // HANDOFF_ITEMS_OPEN (C4): a rotation effective 20 days ago left the visit open; a done item, an item
    // of a cancelled handoff and one of a handoff that takes effect next week do not count.
    healthyCustomer(g, 'handoff');
    g.engineer({ id: 'eng_handoff-old', name: 'Rotated engineer', kind: 'EMPLOYEE', status: 'TRANSFERRED' });
    g.handoff({
      id: 'hof_rotation',
      reason: 'ROTATION',
      effectiveAt: daysAgo(20),
      status: 'COMPLETED',
      fromId: 'eng_handoff-old',
      toIds: ['eng_handoff-p'],
    });
    g.handoffItem({ ...VISIT_ITEM });
    g.handoffItem({
      id: 'hoi_rotation-intro',
      kind: 'INTRODUCE_CONTACT',
      status: 'DONE',
      doneAt: daysAgo(18),
      handoffId: 'hof_rotation',
      customerId: 'cus_handoff',
      refersToId: 'con_handoff-sup',
    });
    g.handoff({
      id: 'hof_cancelled',
      reason: 'TRANSFER',
      effectiveAt: daysAgo(10),
      status: 'CANCELLED',
      fromId: 'eng_handoff-old',
      toIds: ['eng_handoff-p'],
    });
    g.handoffItem({
      id: 'hoi_cancelled-visit',
      kind: 'VISIT_CUSTOMER',
      handoffId: 'hof_cancelled',
      customerId: 'cus_handoff',
      refersToId: 'cus_handoff',
    });
    g.handoff({
      id: 'hof_next-week',
      reason: 'VACATION',
      effectiveAt: daysAhead(7),
      status: 'IN_PROGRESS',
      fromId: 'eng_handoff-p',
      toIds: ['eng_handoff-b'],
    });
    g.handoffItem({
      id: 'hoi_next-week-visit',
      kind: 'VISIT_CUSTOMER',
      handoffId: 'hof_next-week',
      customerId: 'cus_handoff',
      refersToId: 'cus_handoff',
    });

    // COMMITMENT_OVERDUE: an open promise due 5 h ago; a kept one and a future one do not count.
    healthyCustomer(g, 'promise');
    g.commitment({ ...BOARD_PROMISE });
    g.commitment({ id: 'com_promise-kept', text: 'Send the plan', dueAt: daysAgo(3), status: 'KEPT', customerId: 'cus_promise' });
    g.commitment({ id: 'com_promise-later', text: 'Upgrade next month', dueAt: daysAhead(30), customerId: 'cus_promise' });

    // ENGINEER_OVERLOADED (C3): the primary also covers two customers in two other regions (3 > 2).
    healthyCustomer(g, 'busy');
    healthyCustomer(g, 'busy-far1', { regionId: 'reg_att-other' });
    healthyCustomer(g, 'busy-far2', { regionId: 'reg_att-prov' });
    g.coverage({ ...BUSY_FAR1_COVERAGE });
    g.coverage({ id: 'cov_busy-far2', engineerId: 'eng_busy-p', customerId: 'cus_busy-far2', role: 'BACKUP', from: LONG_AGO });

    // SEVERE_CASE_MANAGEMENT_NOT_INFORMED (C9): a critical fault discussed only with the on-duty engineer.
    healthyCustomer(g, 'severe');
    g.case({
      id: 'cas_severe',
      title: 'Board alarm',
      kind: 'FAULT',
      severity: 'CRITICAL',
      status: 'IN_PROGRESS',
      openedAt: hoursAgo(1),
      respondedAt: hoursAgo(0.5),
      lastCustomerUpdateAt: hoursAgo(0.5),
      customerId: 'cus_severe',
    });
    g.ownership({ caseId: 'cas_severe', engineerId: 'eng_severe-p', from: hoursAgo(1) });
    g.interaction({
      id: 'int_severe-duty',
      at: hoursAgo(0.5),
      channel: 'CALL',
      customerId: 'cus_severe',
      caseId: 'cas_severe',
      contactIds: ['con_severe-duty'],
    });

    await g.write(h.store);
  });
  afterAll(async () => {
    await h.stop();
  });

  const flagsOf = async (id: string) => (await h.data(CustomerFlagsDocument, { id }, at)).customer!.flags;
  const codesOf = async (id: string) => (await flagsOf(id)).map((f) => f.code);
  const listed = async (flag: Flag) => (await h.data(AttentionDocument, { filter: { flag }, first: 200 }, at)).attention;
  const fix = (build: (g: GraphBuilder) => unknown) => {
    const g = new GraphBuilder();
    build(g);
    return g.write(h.store);
  };

  /** The flag is on the customer with this evidence, and attention(flag) lists it with the same flag. */
  async function expectFlag(customerId: string, code: Flag, evidence: Partial<Evidence>) {
    const flag = (await flagsOf(customerId)).find((f) => f.code === code);
    expect(flag).toBeDefined();
    expect(flag!.weight).toBe(FLAG_WEIGHTS[code as FlagCode]);
    expect(flag!.message.length).toBeGreaterThan(0);
    expect(flag!.evidence).toMatchObject(evidence);
    const list = await listed(code);
    expect(list.edges.every((e) => e.node.flags.some((f) => f.code === code))).toBe(true);
    expect(list.totalCount).toBe(list.edges.length);
    const row = list.edges.find((e) => e.node.customer.id === customerId);
    expect(row).toBeDefined();
    expect(row!.node.flags.find((f) => f.code === code)).toEqual(flag);
  }

  async function expectGone(customerId: string, code: Flag) {
    expect(await codesOf(customerId)).not.toContain(code);
    expect((await listed(code)).edges.map((e) => e.node.customer.id)).not.toContain(customerId);
  }

  it('a healthy customer has no flags and is not on the attention list', async () => {
    expect(await flagsOf('cus_fine')).toEqual([]);
    const all = await h.data(AttentionDocument, { first: 200 }, at);
    expect(all.attention.edges.map((e) => e.node.customer.id)).not.toContain('cus_fine');
  });

  it('NO_PRIMARY_COVERAGE appears without a primary and disappears when one is assigned', async () => {
    expect(await codesOf('cus_noprim')).toEqual(['NO_PRIMARY_COVERAGE']);
    await expectFlag('cus_noprim', 'NO_PRIMARY_COVERAGE', { engineerIds: ['eng_noprim-b'], count: 0 });
    await fix((g) => {
      g.engineer({ id: 'eng_noprim-p', name: 'New primary', kind: 'EMPLOYEE' });
      g.coverage({ id: 'cov_noprim-p', engineerId: 'eng_noprim-p', customerId: 'cus_noprim', role: 'PRIMARY', from: daysAgo(1) });
    });
    await expectGone('cus_noprim', 'NO_PRIMARY_COVERAGE');
    expect(await flagsOf('cus_noprim')).toEqual([]);
  });

  it('COVERED_BY_INACTIVE_ENGINEER appears for a transferred primary without an active backup, and goes when an active backup is added', async () => {
    expect(await codesOf('cus_inactive')).toEqual(['COVERED_BY_INACTIVE_ENGINEER', 'NO_BACKUP']);
    await expectFlag('cus_inactive', 'COVERED_BY_INACTIVE_ENGINEER', { engineerIds: ['eng_inactive-p'] });
    await expectFlag('cus_inactive', 'NO_BACKUP', { engineerIds: ['eng_inactive-b'], count: 0 });
    await fix((g) => {
      g.engineer({ id: 'eng_inactive-b2', name: 'Active backup', kind: 'EMPLOYEE' });
      g.coverage({ id: 'cov_inactive-b2', engineerId: 'eng_inactive-b2', customerId: 'cus_inactive', role: 'BACKUP', from: daysAgo(1) });
    });
    await expectGone('cus_inactive', 'COVERED_BY_INACTIVE_ENGINEER');
    await expectGone('cus_inactive', 'NO_BACKUP');
  });

  it('NO_BACKUP appears without a backup and disappears when a backup coverage is added', async () => {
    expect(await codesOf('cus_nobackup')).toEqual(['NO_BACKUP']);
    await expectFlag('cus_nobackup', 'NO_BACKUP', { engineerIds: [], count: 0 });
    await fix((g) => {
      g.engineer({ id: 'eng_nobackup-b', name: 'Backup', kind: 'EMPLOYEE' });
      g.coverage({ id: 'cov_nobackup-b', engineerId: 'eng_nobackup-b', customerId: 'cus_nobackup', role: 'BACKUP', from: hoursAgo(1) });
    });
    await expectGone('cus_nobackup', 'NO_BACKUP');
  });

  it('NO_CONTACT_IN_DAYS counts from the last interaction with a current contact, and goes when one is logged', async () => {
    expect(await codesOf('cus_silent')).toEqual(['NO_CONTACT_IN_DAYS']);
    await expectFlag('cus_silent', 'NO_CONTACT_IN_DAYS', {
      interactionIds: ['int_silent-visit'],
      contactIds: ['con_silent-sup'],
      days: 20,
      limit: 14,
    });
    await fix((g) =>
      g.interaction({ id: 'int_silent-call', at: hoursAgo(3), channel: 'CALL', customerId: 'cus_silent', contactIds: ['con_silent-duty'] }),
    );
    await expectGone('cus_silent', 'NO_CONTACT_IN_DAYS');
  });

  it('CASE_WITHOUT_OWNER appears for an open case nobody owns and disappears when an owner is assigned', async () => {
    expect(await codesOf('cus_unowned')).toEqual(['CASE_WITHOUT_OWNER']);
    await expectFlag('cus_unowned', 'CASE_WITHOUT_OWNER', { caseIds: ['cas_unowned'], count: 1, hours: 48 });
    await fix((g) => g.ownership({ caseId: 'cas_unowned', engineerId: 'eng_unowned-p', from: hoursAgo(1) }));
    await expectGone('cus_unowned', 'CASE_WITHOUT_OWNER');
  });

  it('CASE_MANY_HANDS_NO_OWNER (C11) appears for a case three engineers touched and nobody owns, and goes with an owner', async () => {
    expect(await codesOf('cus_hands')).toEqual(['CASE_MANY_HANDS_NO_OWNER', 'CASE_WITHOUT_OWNER']);
    await expectFlag('cus_hands', 'CASE_MANY_HANDS_NO_OWNER', {
      caseIds: ['cas_hands'],
      engineerIds: ['eng_hands-b', 'eng_hands-p', 'eng_hands-x'],
      count: 3,
      hours: 10,
      limit: 72,
    });
    await fix((g) => g.ownership({ caseId: 'cas_hands', engineerId: 'eng_hands-p', from: hoursAgo(1) }));
    await expectGone('cus_hands', 'CASE_MANY_HANDS_NO_OWNER');
    await expectGone('cus_hands', 'CASE_WITHOUT_OWNER');
  });

  it('CASE_CUSTOMER_SILENCE appears after the allowed silence and disappears when the customer is updated', async () => {
    expect(await codesOf('cus_hush')).toEqual(['CASE_CUSTOMER_SILENCE']);
    await expectFlag('cus_hush', 'CASE_CUSTOMER_SILENCE', { caseIds: ['cas_hush'], hours: 30, limit: 24 });
    await fix((g) => g.case({ ...HUSH_CASE, lastCustomerUpdateAt: hoursAgo(2) }));
    await expectGone('cus_hush', 'CASE_CUSTOMER_SILENCE');
  });

  it('SLA_BREACHED appears for a missed response (not for a late case outside the look-back) and goes once the response is recorded', async () => {
    expect(await codesOf('cus_late')).toEqual(['SLA_BREACHED']);
    await expectFlag('cus_late', 'SLA_BREACHED', { caseIds: ['cas_late'], count: 1, hours: 2 });
    await fix((g) => g.case({ ...LATE_CASE, respondedAt: hoursAgo(5) }));
    await expectGone('cus_late', 'SLA_BREACHED');
  });

  it('MAINTENANCE_EXPIRED appears for an expired device and disappears when maintenance is renewed', async () => {
    expect(await codesOf('cus_expired')).toEqual(['MAINTENANCE_EXPIRED']);
    await expectFlag('cus_expired', 'MAINTENANCE_EXPIRED', { deviceIds: ['dev_expired'], count: 1, days: 10 });
    await fix((g) =>
      g.device({ id: 'dev_expired', serial: 'SN-E1', model: 'OSN 8800', maintenanceUntil: daysAhead(365), customerId: 'cus_expired' }),
    );
    await expectGone('cus_expired', 'MAINTENANCE_EXPIRED');
    expect(await flagsOf('cus_expired')).toEqual([]);
  });

  it('MAINTENANCE_EXPIRING appears within 30 days of the end and disappears when maintenance is renewed', async () => {
    expect(await codesOf('cus_expiring')).toEqual(['MAINTENANCE_EXPIRING']);
    await expectFlag('cus_expiring', 'MAINTENANCE_EXPIRING', { deviceIds: ['dev_expiring'], count: 1, days: 10, limit: 30 });
    await fix((g) =>
      g.device({ id: 'dev_expiring', serial: 'SN-X1', model: 'OSN 8800', maintenanceUntil: daysAhead(365), customerId: 'cus_expiring' }),
    );
    await expectGone('cus_expiring', 'MAINTENANCE_EXPIRING');
  });

  it('HANDOFF_ITEMS_OPEN (C4) lists the items a past handoff left open and goes when they are done', async () => {
    expect(await codesOf('cus_handoff')).toEqual(['HANDOFF_ITEMS_OPEN']);
    await expectFlag('cus_handoff', 'HANDOFF_ITEMS_OPEN', { handoffItemIds: ['hoi_rotation-visit'], count: 1, days: 20 });
    await fix((g) => g.handoffItem({ ...VISIT_ITEM, status: 'DONE', doneAt: hoursAgo(1) }));
    await expectGone('cus_handoff', 'HANDOFF_ITEMS_OPEN');
  });

  it('COMMITMENT_OVERDUE appears for an open promise past due and disappears when it is kept', async () => {
    expect(await codesOf('cus_promise')).toEqual(['COMMITMENT_OVERDUE']);
    await expectFlag('cus_promise', 'COMMITMENT_OVERDUE', { commitmentIds: ['com_promise-board'], count: 1, hours: 5 });
    await fix((g) => g.commitment({ ...BOARD_PROMISE, status: 'KEPT' }));
    await expectGone('cus_promise', 'COMMITMENT_OVERDUE');
  });

  it('ENGINEER_OVERLOADED (C3) appears when the primary covers too many regions and goes when a coverage ends', async () => {
    expect(await codesOf('cus_busy')).toEqual(['ENGINEER_OVERLOADED']);
    await expectFlag('cus_busy', 'ENGINEER_OVERLOADED', {
      engineerIds: ['eng_busy-p'],
      customerCount: 3,
      regionCount: 3,
      maxCustomers: 15,
      maxRegions: 2,
    });
    // The far customers' own primaries are not overloaded: only cus_busy is flagged.
    expect(await codesOf('cus_busy-far1')).toEqual([]);
    await fix((g) => g.coverage({ ...BUSY_FAR1_COVERAGE, to: hoursAgo(1) }));
    await expectGone('cus_busy', 'ENGINEER_OVERLOADED');
  });

  it('SEVERE_CASE_MANAGEMENT_NOT_INFORMED (C9) appears until the supervisor hears about the critical case', async () => {
    expect(await codesOf('cus_severe')).toEqual(['SEVERE_CASE_MANAGEMENT_NOT_INFORMED']);
    await expectFlag('cus_severe', 'SEVERE_CASE_MANAGEMENT_NOT_INFORMED', { caseIds: ['cas_severe'], count: 1, hours: 1 });
    await fix((g) =>
      g.interaction({
        id: 'int_severe-sup',
        at: hoursAgo(0.25),
        channel: 'CALL',
        customerId: 'cus_severe',
        caseId: 'cas_severe',
        contactIds: ['con_severe-sup'],
      }),
    );
    await expectGone('cus_severe', 'SEVERE_CASE_MANAGEMENT_NOT_INFORMED');
  });
});

const UNOWNED_CASE = {
  id: 'cas_unowned',
  title: 'Slow NMS',
  kind: 'FAULT',
  severity: 'MINOR',
  status: 'OPEN',
  openedAt: hoursAgo(48),
  respondedAt: hoursAgo(47),
  lastCustomerUpdateAt: hoursAgo(1),
  customerId: 'cus_unowned',
};

const HANDS_CASE = {
  id: 'cas_hands',
  title: 'Ticket passed around',
  kind: 'FAULT',
  severity: 'MINOR',
  status: 'IN_PROGRESS',
  openedAt: daysAgo(3),
  respondedAt: daysAgo(3),
  lastCustomerUpdateAt: hoursAgo(10),
  customerId: 'cus_hands',
};

const HUSH_CASE = {
  id: 'cas_hush',
  title: 'Intermittent alarm',
  kind: 'FAULT',
  severity: 'MINOR',
  status: 'IN_PROGRESS',
  openedAt: daysAgo(3),
  respondedAt: daysAgo(3),
  lastCustomerUpdateAt: hoursAgo(30),
  customerId: 'cus_hush',
};

const LATE_CASE = {
  id: 'cas_late',
  title: 'Link down',
  kind: 'FAULT',
  severity: 'MAJOR',
  status: 'OPEN',
  openedAt: hoursAgo(6),
  lastCustomerUpdateAt: hoursAgo(1),
  customerId: 'cus_late',
};

const VISIT_ITEM = {
  id: 'hoi_rotation-visit',
  kind: 'VISIT_CUSTOMER',
  handoffId: 'hof_rotation',
  customerId: 'cus_handoff',
  refersToId: 'cus_handoff',
};

const BOARD_PROMISE = {
  id: 'com_promise-board',
  text: 'Replacement board arrives by Friday',
  dueAt: hoursAgo(5),
  customerId: 'cus_promise',
  engineerId: 'eng_promise-p',
};

const BUSY_FAR1_COVERAGE = { id: 'cov_busy-far1', engineerId: 'eng_busy-p', customerId: 'cus_busy-far1', role: 'BACKUP', from: LONG_AGO };
