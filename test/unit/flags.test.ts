import {
  CaseKind,
  CaseSeverity,
  CaseStatus,
  CommitmentStatus,
  ContactRole,
  CoverageRole,
  CustomerTier,
  EngineerKind,
  EngineerStatus,
  HandoffItemKind,
  InteractionChannel,
} from '../../src/domain/enums';
import { FLAG_WEIGHTS, FlagCode, TIER_MULTIPLIER, evaluateFlags, lastCustomerContact, severityScore } from '../../src/domain/flags';
import type { CustomerSnapshot, Flag, SnapshotCase } from '../../src/domain/flags';
import { DEFAULT_POLICY, loadPolicy } from '../../src/domain/sla-policy';

const NOW = new Date('2025-06-20T12:00:00.000Z');
const P = DEFAULT_POLICY;

/**
 * A KEY customer whose relationship is in order at NOW: an active primary and backup, a recent visit,
 * an owned major fault on time, an owned critical fault discussed with the customer's supervisor,
 * maintenance valid, no open handoff items, a commitment not yet due.
 * KEY limits: FAULT MAJOR respond 3 h / resolve 54 h / silence 9 h; FAULT CRITICAL 1.5 / 36 / 3; no contact 30 days.
 */
function healthy(): CustomerSnapshot {
  return {
    customer: { id: 'cus_cm-urumqi', tier: CustomerTier.KEY },
    coverage: [
      { role: CoverageRole.PRIMARY, engineer: { id: 'eng_zhang', status: EngineerStatus.ACTIVE, kind: EngineerKind.EMPLOYEE } },
      { role: CoverageRole.BACKUP, engineer: { id: 'eng_li', status: EngineerStatus.ACTIVE, kind: EngineerKind.PARTNER } },
      { role: CoverageRole.SERVICE_MANAGER, engineer: { id: 'eng_wang', status: EngineerStatus.ACTIVE, kind: EngineerKind.EMPLOYEE } },
    ],
    primaryLoad: [{ engineerId: 'eng_zhang', customers: 8, regions: 1 }],
    contacts: [
      { id: 'con_ma', role: ContactRole.ON_DUTY },
      { id: 'con_zhou', role: ContactRole.SUPERVISOR },
    ],
    interactions: [{ id: 'int_1', at: '2025-06-10T12:00:00.000Z', contactIds: ['con_ma'], channel: InteractionChannel.VISIT }],
    cases: [
      {
        id: 'cas_1',
        kind: CaseKind.FAULT,
        severity: CaseSeverity.MAJOR,
        status: CaseStatus.IN_PROGRESS,
        openedAt: '2025-06-19T12:00:00.000Z',
        respondedAt: '2025-06-19T13:00:00.000Z',
        lastCustomerUpdateAt: '2025-06-20T08:00:00.000Z',
        owner: 'eng_zhang',
        workers: ['eng_zhang'],
        interactions: [],
      },
      {
        id: 'cas_2',
        kind: CaseKind.FAULT,
        severity: CaseSeverity.CRITICAL,
        status: CaseStatus.OPEN,
        openedAt: '2025-06-20T10:00:00.000Z',
        respondedAt: '2025-06-20T10:30:00.000Z',
        lastCustomerUpdateAt: '2025-06-20T11:00:00.000Z',
        owner: 'eng_zhang',
        workers: ['eng_zhang', 'eng_li'],
        interactions: [{ id: 'int_2', at: '2025-06-20T11:00:00.000Z', contactRoles: [ContactRole.SUPERVISOR] }],
      },
    ],
    devices: [
      { id: 'dev_1', maintenanceUntil: '2026-01-01T00:00:00.000Z' },
      { id: 'dev_2', maintenanceUntil: null },
    ],
    openHandoffItems: [],
    commitments: [
      { id: 'com_1', dueAt: '2025-06-21T08:00:00.000Z', status: CommitmentStatus.OPEN },
      { id: 'com_2', dueAt: '2025-06-01T08:00:00.000Z', status: CommitmentStatus.KEPT },
    ],
  };
}

function snap(mutate: (s: CustomerSnapshot) => void): CustomerSnapshot {
  const s = healthy();
  mutate(s);
  return s;
}

const caseById = (s: CustomerSnapshot, id: string): SnapshotCase => s.cases.find((c) => c.id === id)!;
const codes = (s: CustomerSnapshot, policy = P): FlagCode[] => evaluateFlags(s, policy, NOW).map((f) => f.code);
const flag = (s: CustomerSnapshot, code: FlagCode, policy = P): Flag | undefined =>
  evaluateFlags(s, policy, NOW).find((f) => f.code === code);

/** Case C11: opened 44 days before NOW, three engineers touched it, nobody owns it, the customer never heard back. */
const c11Case = (): SnapshotCase => ({
  id: 'cas_c11',
  kind: CaseKind.FAULT,
  severity: CaseSeverity.MINOR,
  status: CaseStatus.IN_PROGRESS,
  openedAt: '2025-05-07T12:00:00.000Z',
  respondedAt: '2025-05-07T13:00:00.000Z',
  lastCustomerUpdateAt: null,
  owner: null,
  workers: ['eng_partner', 'eng_office', 'eng_support'],
  interactions: [],
});

describe('the healthy fixture', () => {
  it('raises no flag', () => {
    expect(evaluateFlags(healthy(), P, NOW)).toEqual([]);
    expect(severityScore([], CustomerTier.KEY)).toBe(0);
  });
});

describe('NO_PRIMARY_COVERAGE', () => {
  it('fires when nobody is PRIMARY and names who else covers', () => {
    const s = snap((x) => (x.coverage = x.coverage.filter((c) => c.role !== CoverageRole.PRIMARY)));
    expect(flag(s, FlagCode.NO_PRIMARY_COVERAGE)).toEqual({
      code: FlagCode.NO_PRIMARY_COVERAGE,
      message: 'No PRIMARY engineer; only other roles cover the customer (eng_li, eng_wang)',
      evidence: { engineerIds: ['eng_li', 'eng_wang'], count: 0 },
    });
  });

  it('says so when no one covers the customer at all', () => {
    const s = snap((x) => (x.coverage = []));
    expect(flag(s, FlagCode.NO_PRIMARY_COVERAGE)?.message).toBe('No engineer covers this customer at all');
    expect(codes(s)).toEqual([FlagCode.NO_PRIMARY_COVERAGE, FlagCode.NO_BACKUP]);
  });

  it('disappears when a primary is assigned', () => {
    const s = snap((x) => {
      x.coverage = x.coverage.filter((c) => c.role !== CoverageRole.PRIMARY);
      x.coverage.push({
        role: CoverageRole.PRIMARY,
        engineer: { id: 'eng_chen', status: EngineerStatus.ACTIVE, kind: EngineerKind.EMPLOYEE },
      });
    });
    expect(codes(s)).toEqual([]);
  });
});

describe('COVERED_BY_INACTIVE_ENGINEER (V2, C12)', () => {
  const gone = () =>
    snap((x) => {
      x.coverage[0].engineer.status = EngineerStatus.TRANSFERRED;
      x.coverage[1].engineer.status = EngineerStatus.ON_LEAVE;
    });

  it('fires when the primary is transferred and the backup is away', () => {
    const f = flag(gone(), FlagCode.COVERED_BY_INACTIVE_ENGINEER);
    expect(f?.evidence).toEqual({ engineerIds: ['eng_zhang'] });
    expect(f?.message).toBe('PRIMARY eng_zhang (TRANSFERRED) cannot be reached and no ACTIVE backup covers the customer');
  });

  it('fires with no backup at all, for LEFT and ON_LEAVE too', () => {
    for (const status of [EngineerStatus.LEFT, EngineerStatus.ON_LEAVE]) {
      const s = snap((x) => {
        x.coverage[0].engineer.status = status;
        x.coverage = x.coverage.filter((c) => c.role !== CoverageRole.BACKUP);
      });
      expect(flag(s, FlagCode.COVERED_BY_INACTIVE_ENGINEER)?.evidence.engineerIds).toEqual(['eng_zhang']);
    }
  });

  it('disappears when the backup is back', () => {
    const s = gone();
    s.coverage[1].engineer.status = EngineerStatus.ACTIVE;
    expect(codes(s)).toEqual([]);
  });

  it('disappears when the primary is active again', () => {
    const s = gone();
    s.coverage[0].engineer.status = EngineerStatus.ACTIVE;
    expect(codes(s)).not.toContain(FlagCode.COVERED_BY_INACTIVE_ENGINEER);
    expect(codes(s)).toEqual([FlagCode.NO_BACKUP]);
  });
});

describe('NO_BACKUP', () => {
  it('fires without any backup coverage', () => {
    const s = snap((x) => (x.coverage = x.coverage.filter((c) => c.role !== CoverageRole.BACKUP)));
    expect(flag(s, FlagCode.NO_BACKUP)).toEqual({
      code: FlagCode.NO_BACKUP,
      message: 'No backup covers this customer',
      evidence: { engineerIds: [], count: 0 },
    });
    expect(codes(s)).toEqual([FlagCode.NO_BACKUP]);
  });

  it('fires when the only backup is on leave and names them', () => {
    const s = snap((x) => (x.coverage[1].engineer.status = EngineerStatus.ON_LEAVE));
    expect(flag(s, FlagCode.NO_BACKUP)?.evidence).toEqual({ engineerIds: ['eng_li'], count: 0 });
  });

  it('disappears when an active backup is assigned', () => {
    const s = snap((x) => {
      x.coverage[1].engineer.status = EngineerStatus.ON_LEAVE;
      x.coverage.push({
        role: CoverageRole.BACKUP,
        engineer: { id: 'eng_sun', status: EngineerStatus.ACTIVE, kind: EngineerKind.EMPLOYEE },
      });
    });
    expect(codes(s)).toEqual([]);
  });
});

describe('NO_CONTACT_IN_DAYS (C5)', () => {
  const quiet = () => snap((x) => (x.interactions[0].at = '2025-05-01T12:00:00.000Z'));

  it('fires for a KEY customer after 30 days without an interaction', () => {
    expect(flag(quiet(), FlagCode.NO_CONTACT_IN_DAYS)).toEqual({
      code: FlagCode.NO_CONTACT_IN_DAYS,
      message: 'No interaction with any current contact for 50 days (limit 30 for KEY); last was int_1',
      evidence: { contactIds: ['con_ma'], interactionIds: ['int_1'], days: 50, limit: 30 },
    });
  });

  it('uses the tier: a STANDARD customer has 60 days, a VIP 14', () => {
    const s = quiet();
    s.customer.tier = CustomerTier.STANDARD;
    expect(codes(s)).not.toContain(FlagCode.NO_CONTACT_IN_DAYS);
    const v = snap((x) => {
      x.customer.tier = CustomerTier.VIP;
      x.interactions[0].at = '2025-06-05T12:00:00.000Z';
    });
    expect(flag(v, FlagCode.NO_CONTACT_IN_DAYS)?.evidence).toMatchObject({ days: 15, limit: 14 });
  });

  it('ignores talks with former contacts and planned future interactions', () => {
    const s = quiet();
    s.interactions.push(
      { id: 'int_old', at: '2025-06-19T12:00:00.000Z', contactIds: ['con_retired'], channel: InteractionChannel.CALL },
      { id: 'int_plan', at: '2025-06-25T12:00:00.000Z', contactIds: ['con_ma'], channel: InteractionChannel.VISIT },
    );
    expect(flag(s, FlagCode.NO_CONTACT_IN_DAYS)?.evidence).toMatchObject({ interactionIds: ['int_1'], days: 50 });
  });

  it('fires when no interaction was ever recorded', () => {
    const s = snap((x) => (x.interactions = []));
    expect(flag(s, FlagCode.NO_CONTACT_IN_DAYS)).toEqual({
      code: FlagCode.NO_CONTACT_IN_DAYS,
      message: 'No recorded interaction with any current contact',
      evidence: { contactIds: ['con_ma', 'con_zhou'], interactionIds: [], limit: 30 },
    });
  });

  it('disappears when an interaction is logged', () => {
    const s = quiet();
    s.interactions.push({
      id: 'int_3',
      at: '2025-06-19T09:00:00.000Z',
      contactIds: ['con_zhou', 'con_other'],
      channel: InteractionChannel.CALL,
    });
    expect(codes(s)).toEqual([]);
  });
});

describe('CASE_WITHOUT_OWNER', () => {
  it('fires for an open case without a current owner', () => {
    const s = snap((x) => (caseById(x, 'cas_1').owner = null));
    expect(flag(s, FlagCode.CASE_WITHOUT_OWNER)).toEqual({
      code: FlagCode.CASE_WITHOUT_OWNER,
      message: '1 open case without a current owner: cas_1 (oldest open 24 h)',
      evidence: { caseIds: ['cas_1'], count: 1, hours: 24 },
    });
    expect(codes(s)).toEqual([FlagCode.CASE_WITHOUT_OWNER]);
  });

  it('ignores resolved cases', () => {
    const s = snap((x) => {
      const c = caseById(x, 'cas_1');
      c.owner = null;
      c.status = CaseStatus.RESOLVED;
      c.resolvedAt = '2025-06-20T06:00:00.000Z';
    });
    expect(codes(s)).toEqual([]);
  });

  it('disappears when an owner is assigned', () => {
    const s = snap((x) => (caseById(x, 'cas_1').owner = null));
    caseById(s, 'cas_1').owner = 'eng_li';
    expect(codes(s)).toEqual([]);
  });
});

describe('CASE_MANY_HANDS_NO_OWNER (C11)', () => {
  it('fires for the 44-day case three engineers touched and nobody owns', () => {
    const s = snap((x) => x.cases.push(c11Case()));
    expect(flag(s, FlagCode.CASE_MANY_HANDS_NO_OWNER)?.evidence).toEqual({
      caseIds: ['cas_c11'],
      engineerIds: ['eng_office', 'eng_partner', 'eng_support'],
      count: 3,
      hours: 1056,
      limit: 72,
    });
    expect(codes(s)).toEqual([
      FlagCode.SLA_BREACHED,
      FlagCode.CASE_MANY_HANDS_NO_OWNER,
      FlagCode.CASE_WITHOUT_OWNER,
      FlagCode.CASE_CUSTOMER_SILENCE,
    ]);
  });

  it('fires when there is an owner but the customer heard nothing for more than 72 h', () => {
    const s = snap((x) => x.cases.push({ ...c11Case(), owner: 'eng_new', lastCustomerUpdateAt: '2025-06-16T08:00:00.000Z' }));
    expect(flag(s, FlagCode.CASE_MANY_HANDS_NO_OWNER)?.evidence).toMatchObject({
      caseIds: ['cas_c11'],
      engineerIds: ['eng_new', 'eng_office', 'eng_partner', 'eng_support'],
      count: 4,
      hours: 100,
    });
  });

  it('does not fire for two hands', () => {
    const s = snap((x) => x.cases.push({ ...c11Case(), workers: ['eng_partner', 'eng_office'] }));
    expect(codes(s)).not.toContain(FlagCode.CASE_MANY_HANDS_NO_OWNER);
    expect(codes(s)).toContain(FlagCode.CASE_WITHOUT_OWNER);
  });

  it('follows thresholds.caseManyHands', () => {
    const s = snap((x) => x.cases.push(c11Case()));
    expect(codes(s, loadPolicy({ thresholds: { caseManyHands: 4 } }))).not.toContain(FlagCode.CASE_MANY_HANDS_NO_OWNER);
  });

  it('disappears when someone takes ownership and updates the customer', () => {
    const s = snap((x) => x.cases.push({ ...c11Case(), owner: 'eng_support', lastCustomerUpdateAt: '2025-06-19T12:00:00.000Z' }));
    expect(codes(s)).not.toContain(FlagCode.CASE_MANY_HANDS_NO_OWNER);
    expect(codes(s)).not.toContain(FlagCode.CASE_WITHOUT_OWNER);
  });
});

describe('CASE_CUSTOMER_SILENCE (C5)', () => {
  it('fires when an open case passes its silence limit', () => {
    const s = snap((x) => (caseById(x, 'cas_1').lastCustomerUpdateAt = '2025-06-20T00:00:00.000Z'));
    expect(flag(s, FlagCode.CASE_CUSTOMER_SILENCE)).toEqual({
      code: FlagCode.CASE_CUSTOMER_SILENCE,
      message: '1 open case without a customer update for too long: cas_1 (longest 12 h on cas_1, allowed 9 h)',
      evidence: { caseIds: ['cas_1'], hours: 12, limit: 9 },
    });
    expect(codes(s)).toEqual([FlagCode.CASE_CUSTOMER_SILENCE]);
  });

  it('reports the longest silence among several cases', () => {
    const s = snap((x) => {
      caseById(x, 'cas_1').lastCustomerUpdateAt = '2025-06-20T00:00:00.000Z';
      caseById(x, 'cas_2').lastCustomerUpdateAt = null;
      caseById(x, 'cas_2').openedAt = '2025-06-19T20:00:00.000Z';
      caseById(x, 'cas_2').respondedAt = '2025-06-19T20:30:00.000Z';
    });
    expect(flag(s, FlagCode.CASE_CUSTOMER_SILENCE)?.evidence).toEqual({ caseIds: ['cas_1', 'cas_2'], hours: 16, limit: 3 });
  });

  it('disappears when the customer is updated', () => {
    const s = snap((x) => (caseById(x, 'cas_1').lastCustomerUpdateAt = '2025-06-20T00:00:00.000Z'));
    caseById(s, 'cas_1').lastCustomerUpdateAt = '2025-06-20T11:00:00.000Z';
    expect(codes(s)).toEqual([]);
  });
});

describe('SLA_BREACHED (V1)', () => {
  it('fires for an open case that was never answered', () => {
    const s = snap((x) => (caseById(x, 'cas_1').respondedAt = null));
    expect(flag(s, FlagCode.SLA_BREACHED)).toEqual({
      code: FlagCode.SLA_BREACHED,
      message: '1 case missed the response or resolution time: cas_1 (worst 21 h late)',
      evidence: { caseIds: ['cas_1'], count: 1, hours: 21 },
    });
    expect(codes(s)).toEqual([FlagCode.SLA_BREACHED]);
  });

  it('fires for a case resolved late within the last 30 days', () => {
    const late: SnapshotCase = {
      ...c11Case(),
      id: 'cas_late',
      severity: CaseSeverity.MAJOR,
      status: CaseStatus.RESOLVED,
      openedAt: '2025-06-01T00:00:00.000Z',
      respondedAt: '2025-06-01T01:00:00.000Z',
      resolvedAt: '2025-06-05T06:00:00.000Z',
      owner: 'eng_zhang',
    };
    const s = snap((x) => x.cases.push(late));
    expect(flag(s, FlagCode.SLA_BREACHED)?.evidence).toEqual({ caseIds: ['cas_late'], count: 1, hours: 48 });
    // The same late resolution two months ago is history, not attention.
    const old = snap((x) =>
      x.cases.push({
        ...late,
        openedAt: '2025-04-01T00:00:00.000Z',
        respondedAt: '2025-04-01T01:00:00.000Z',
        resolvedAt: '2025-04-05T06:00:00.000Z',
      }),
    );
    expect(codes(old)).toEqual([]);
  });

  it('disappears when the response is recorded in time', () => {
    const s = snap((x) => (caseById(x, 'cas_1').respondedAt = null));
    caseById(s, 'cas_1').respondedAt = '2025-06-19T14:00:00.000Z';
    expect(codes(s)).toEqual([]);
  });
});

describe('MAINTENANCE_EXPIRED and MAINTENANCE_EXPIRING (V5)', () => {
  it('flags an expired contract with the days since', () => {
    const s = snap((x) => (x.devices[0].maintenanceUntil = '2025-06-10T12:00:00.000Z'));
    expect(flag(s, FlagCode.MAINTENANCE_EXPIRED)).toEqual({
      code: FlagCode.MAINTENANCE_EXPIRED,
      message: '1 device out of maintenance: dev_1 (longest expired 10 days ago)',
      evidence: { deviceIds: ['dev_1'], count: 1, days: 10 },
    });
    expect(codes(s)).toEqual([FlagCode.MAINTENANCE_EXPIRED]);
  });

  it('flags a contract ending within 30 days with the days left', () => {
    const s = snap((x) => (x.devices[0].maintenanceUntil = '2025-07-01T00:00:00.000Z'));
    expect(flag(s, FlagCode.MAINTENANCE_EXPIRING)?.evidence).toEqual({ deviceIds: ['dev_1'], count: 1, days: 11, limit: 30 });
    expect(flag(s, FlagCode.MAINTENANCE_EXPIRING)?.message).toBe('1 device leaves maintenance within 30 days: dev_1 (first in 11 days)');
    expect(codes(s)).toEqual([FlagCode.MAINTENANCE_EXPIRING]);
    s.devices[0].maintenanceUntil = '2025-07-21T00:00:00.000Z';
    expect(codes(s)).toEqual([]);
  });

  it('both disappear when maintenance is renewed', () => {
    const s = snap((x) => {
      x.devices[0].maintenanceUntil = '2025-06-10T12:00:00.000Z';
      x.devices.push({ id: 'dev_3', maintenanceUntil: '2025-06-25T12:00:00.000Z' });
    });
    expect(codes(s)).toEqual([FlagCode.MAINTENANCE_EXPIRED, FlagCode.MAINTENANCE_EXPIRING]);
    s.devices[0].maintenanceUntil = '2026-06-10T12:00:00.000Z';
    s.devices[2].maintenanceUntil = '2026-06-25T12:00:00.000Z';
    expect(codes(s)).toEqual([]);
  });
});

describe('HANDOFF_ITEMS_OPEN (C4)', () => {
  const open = () =>
    snap((x) => {
      x.openHandoffItems = [
        { id: 'hoi_2', kind: HandoffItemKind.INTRODUCE_CONTACT, createdAt: '2025-06-15T12:00:00.000Z' },
        { id: 'hoi_1', kind: HandoffItemKind.VISIT_CUSTOMER, createdAt: '2025-06-13T12:00:00.000Z' },
      ];
    });

  it('fires with the open item ids and the age of the oldest', () => {
    expect(flag(open(), FlagCode.HANDOFF_ITEMS_OPEN)).toEqual({
      code: FlagCode.HANDOFF_ITEMS_OPEN,
      message: '2 handoff items still open (INTRODUCE_CONTACT, VISIT_CUSTOMER), oldest 7 days',
      evidence: { handoffItemIds: ['hoi_1', 'hoi_2'], count: 2, days: 7 },
    });
  });

  it('disappears when the items are done', () => {
    const s = open();
    s.openHandoffItems = [];
    expect(codes(s)).toEqual([]);
  });
});

describe('COMMITMENT_OVERDUE', () => {
  it('fires for an OPEN commitment past its due time', () => {
    const s = snap((x) => (x.commitments[0].dueAt = '2025-06-18T12:00:00.000Z'));
    expect(flag(s, FlagCode.COMMITMENT_OVERDUE)).toEqual({
      code: FlagCode.COMMITMENT_OVERDUE,
      message: '1 open commitment past due: com_1 (worst 48 h overdue)',
      evidence: { commitmentIds: ['com_1'], count: 1, hours: 48 },
    });
  });

  it('disappears when the commitment is kept (and ignores ones already marked broken)', () => {
    const s = snap((x) => (x.commitments[0].dueAt = '2025-06-18T12:00:00.000Z'));
    s.commitments[0].status = CommitmentStatus.KEPT;
    expect(codes(s)).toEqual([]);
    s.commitments[0].status = CommitmentStatus.BROKEN;
    expect(codes(s)).toEqual([]);
  });
});

describe('ENGINEER_OVERLOADED (C3)', () => {
  it('fires when the primary covers more than 2 regions', () => {
    const s = snap((x) => (x.primaryLoad[0].regions = 3));
    expect(flag(s, FlagCode.ENGINEER_OVERLOADED)).toEqual({
      code: FlagCode.ENGINEER_OVERLOADED,
      message: 'Primary overloaded: eng_zhang covers 8 customers in 3 regions (limits 15 customers, 2 regions)',
      evidence: { engineerIds: ['eng_zhang'], customerCount: 8, regionCount: 3, maxCustomers: 15, maxRegions: 2 },
    });
  });

  it('fires when the primary covers more than 15 customers', () => {
    const s = snap((x) => (x.primaryLoad[0].customers = 16));
    expect(flag(s, FlagCode.ENGINEER_OVERLOADED)?.evidence).toMatchObject({
      engineerIds: ['eng_zhang'],
      customerCount: 16,
      regionCount: 1,
    });
  });

  it('ignores the load of engineers who are not primary here', () => {
    const s = snap((x) => x.primaryLoad.push({ engineerId: 'eng_li', customers: 40, regions: 6 }));
    expect(codes(s)).toEqual([]);
  });

  it('disappears when the portfolio is back within limits', () => {
    const s = snap((x) => (x.primaryLoad[0] = { engineerId: 'eng_zhang', customers: 30, regions: 4 }));
    expect(codes(s)).toEqual([FlagCode.ENGINEER_OVERLOADED]);
    s.primaryLoad[0] = { engineerId: 'eng_zhang', customers: 15, regions: 2 };
    expect(codes(s)).toEqual([]);
  });
});

describe('SEVERE_CASE_MANAGEMENT_NOT_INFORMED (C9)', () => {
  const onlyOnDuty = () =>
    snap(
      (x) => (caseById(x, 'cas_2').interactions = [{ id: 'int_2', at: '2025-06-20T11:00:00.000Z', contactRoles: [ContactRole.ON_DUTY] }]),
    );

  it('fires for a critical case discussed only with on-duty staff', () => {
    expect(flag(onlyOnDuty(), FlagCode.SEVERE_CASE_MANAGEMENT_NOT_INFORMED)).toEqual({
      code: FlagCode.SEVERE_CASE_MANAGEMENT_NOT_INFORMED,
      message: "1 open CRITICAL case never discussed with the customer's supervisor or above: cas_2 (open 2 h)",
      evidence: { caseIds: ['cas_2'], count: 1, hours: 2 },
    });
    expect(codes(onlyOnDuty())).toEqual([FlagCode.SEVERE_CASE_MANAGEMENT_NOT_INFORMED]);
  });

  it('does not count a planned future meeting with the manager', () => {
    const s = onlyOnDuty();
    caseById(s, 'cas_2').interactions.push({ id: 'int_plan', at: '2025-06-21T09:00:00.000Z', contactRoles: [ContactRole.MANAGER] });
    expect(codes(s)).toContain(FlagCode.SEVERE_CASE_MANAGEMENT_NOT_INFORMED);
  });

  it('disappears when a manager or executive is informed', () => {
    for (const role of [ContactRole.MANAGER, ContactRole.EXECUTIVE, ContactRole.SUPERVISOR]) {
      const s = onlyOnDuty();
      caseById(s, 'cas_2').interactions.push({ id: 'int_3', at: '2025-06-20T11:30:00.000Z', contactRoles: [ContactRole.ON_DUTY, role] });
      expect(codes(s)).toEqual([]);
    }
  });
});

describe('severityScore', () => {
  const f = (code: FlagCode): Flag => ({ code, message: '', evidence: {} });

  it('has a weight for every flag and the documented tier multipliers', () => {
    expect(Object.keys(FLAG_WEIGHTS).sort()).toEqual(Object.values(FlagCode).sort());
    expect(FLAG_WEIGHTS[FlagCode.SLA_BREACHED]).toBe(40);
    expect(FLAG_WEIGHTS[FlagCode.NO_PRIMARY_COVERAGE]).toBe(35);
    expect(FLAG_WEIGHTS[FlagCode.MAINTENANCE_EXPIRING]).toBe(5);
    expect(TIER_MULTIPLIER).toEqual({ VIP: 1.5, KEY: 1.2, STANDARD: 1 });
  });

  it('sums distinct flag weights times the tier multiplier', () => {
    const flags = [f(FlagCode.SLA_BREACHED), f(FlagCode.NO_BACKUP), f(FlagCode.NO_BACKUP)];
    expect(severityScore(flags)).toBe(50);
    expect(severityScore(flags, CustomerTier.STANDARD)).toBe(50);
    expect(severityScore(flags, CustomerTier.KEY)).toBe(60);
    expect(severityScore(flags, CustomerTier.VIP)).toBe(75);
  });

  it('ranks the C11 customer above one that only lacks a backup', () => {
    const c11 = evaluateFlags(
      snap((x) => x.cases.push(c11Case())),
      P,
      NOW,
    );
    const thin = evaluateFlags(
      snap((x) => (x.coverage = x.coverage.filter((c) => c.role !== CoverageRole.BACKUP))),
      P,
      NOW,
    );
    expect(severityScore(c11, CustomerTier.KEY)).toBe(144);
    expect(severityScore(thin, CustomerTier.KEY)).toBe(12);
  });
});

describe('WORK_STRANDED (issue 11, item 7)', () => {
  const held = (
    x: CustomerSnapshot,
    status: EngineerStatus,
    periods = [{ engineerId: 'eng_zhang', from: '2024-01-01T00:00:00.000Z', to: null as string | null }],
  ) =>
    (x.heldWork = {
      cases: [{ id: 'cas_1', engineerId: 'eng_zhang', status }],
      commitments: [{ id: 'com_1', engineerId: 'eng_zhang', status }],
      coveragePeriods: periods,
    });

  it('is silent while the holder is active and covers the customer, or is only on leave', () => {
    expect(
      flag(
        snap((x) => held(x, EngineerStatus.ACTIVE)),
        FlagCode.WORK_STRANDED,
      ),
    ).toBeUndefined();
    expect(
      flag(
        snap((x) => held(x, EngineerStatus.ON_LEAVE)),
        FlagCode.WORK_STRANDED,
      ),
    ).toBeUndefined();
    // A specialist who never covered the customer may own its case.
    expect(
      flag(
        snap((x) => held(x, EngineerStatus.ACTIVE, [])),
        FlagCode.WORK_STRANDED,
      ),
    ).toBeUndefined();
  });

  it.each([EngineerStatus.TRANSFERRED, EngineerStatus.LEFT, EngineerStatus.ARCHIVED])(
    'names the case and the commitment of a %s holder',
    (status) => {
      expect(
        flag(
          snap((x) => held(x, status)),
          FlagCode.WORK_STRANDED,
        ),
      ).toEqual({
        code: FlagCode.WORK_STRANDED,
        message: `1 open case and 1 open commitment held by engineers no longer there for the customer: cas_1 (eng_zhang, ${status}), com_1 (eng_zhang, ${status})`,
        evidence: { caseIds: ['cas_1'], commitmentIds: ['com_1'], engineerIds: ['eng_zhang'], count: 2 },
      });
    },
  );

  it('fires for an active holder whose coverage of the customer has ended, from the moment it ends', () => {
    const s = snap((x) =>
      held(x, EngineerStatus.ACTIVE, [{ engineerId: 'eng_zhang', from: '2024-01-01T00:00:00.000Z', to: '2025-06-20T12:00:00.000Z' }]),
    );
    expect(flag(s, FlagCode.WORK_STRANDED)?.message).toMatch(/cas_1 \(eng_zhang, no longer covers the customer\)/);
    expect(evaluateFlags(s, P, new Date('2025-06-20T11:59:59.000Z')).map((f) => f.code)).not.toContain(FlagCode.WORK_STRANDED);
    // A new period that is current again: nothing stranded.
    s.heldWork!.coveragePeriods.push({ engineerId: 'eng_zhang', from: '2025-06-20T12:00:00.000Z', to: null });
    expect(flag(s, FlagCode.WORK_STRANDED)).toBeUndefined();
  });
});

describe('lastCustomerContact (the one definition NO_CONTACT_IN_DAYS reads)', () => {
  const s = () =>
    snap((x) => {
      x.interactions = [
        { id: 'int_talk', at: '2025-05-01T12:00:00.000Z', contactIds: ['con_ma'], channel: InteractionChannel.VISIT },
        { id: 'int_internal', at: '2025-06-15T12:00:00.000Z', contactIds: [], channel: InteractionChannel.MEETING },
        { id: 'int_former', at: '2025-06-16T12:00:00.000Z', contactIds: ['con_gone'], channel: InteractionChannel.CALL },
        { id: 'int_planned', at: '2025-06-25T12:00:00.000Z', contactIds: ['con_ma'], channel: InteractionChannel.VISIT },
      ];
    });

  it('skips internal notes, former contacts and planned interactions', () => {
    expect(lastCustomerContact(s(), NOW)?.id).toBe('int_talk');
    expect(flag(s(), FlagCode.NO_CONTACT_IN_DAYS)?.evidence).toEqual({
      contactIds: ['con_ma'],
      interactionIds: ['int_talk'],
      days: 50,
      limit: 30,
    });
  });

  it('is undefined when nobody of the customer was talked to', () => {
    expect(lastCustomerContact({ contacts: [], interactions: s().interactions }, NOW)).toBeUndefined();
  });
});
