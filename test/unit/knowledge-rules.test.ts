import { CustomerTier, OperationKind, OperationRisk } from '../../src/domain/enums';
import { FLAG_WEIGHTS, FlagCode, evaluateFlags, type CustomerSnapshot, type SnapshotOperation } from '../../src/domain/flags';
import { DEFAULT_POLICY } from '../../src/domain/sla-policy';
import {
  RESOLVED_POINTS,
  SKILL_POINTS,
  declaresSkill,
  rankExperts,
  recencyWeight,
  regionDistance,
  type Candidate,
} from '../../src/domain/experts';
import { DEFAULT_RISK, announcementGap, missingBeforeStart, riskOf, stepProblem } from '../../src/domain/operations';

const NOW = new Date('2025-11-01T00:00:00Z');
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();
const cand = (id: string, over: Partial<Candidate> = {}): Candidate => ({
  id,
  status: 'ACTIVE',
  skills: [],
  absentNow: false,
  openCases: 0,
  regionAncestors: [],
  ...over,
});

describe('operation rules', () => {
  it('defaults: alarm masking and upgrades are HIGH, service-affecting kinds MEDIUM, other LOW', () => {
    expect(DEFAULT_RISK.ALARM_MASK).toBe(OperationRisk.HIGH);
    expect(DEFAULT_RISK.UPGRADE).toBe(OperationRisk.HIGH);
    expect([DEFAULT_RISK.PATCH, DEFAULT_RISK.CONFIGURATION, DEFAULT_RISK.RESTART, DEFAULT_RISK.REPLACEMENT]).toEqual([
      'MEDIUM',
      'MEDIUM',
      'MEDIUM',
      'MEDIUM',
    ]);
    expect(DEFAULT_RISK.OTHER).toBe(OperationRisk.LOW);
    expect(riskOf({ kind: 'UPGRADE', risk: 'LOW' })).toBe('LOW');
    expect(riskOf({ kind: 'ALARM_MASK' })).toBe('HIGH');
  });

  it('names what is missing before a start', () => {
    const base = { id: 'opr_x', status: 'PLANNED', authorisedSides: [] as string[] };
    expect(missingBeforeStart({ ...base, kind: OperationKind.ALARM_MASK })).toHaveLength(2);
    expect(missingBeforeStart({ ...base, kind: OperationKind.ALARM_MASK, authorisedSides: ['CUSTOMER'] })).toEqual([
      expect.stringMatching(/our authorisation/),
    ]);
    expect(missingBeforeStart({ ...base, kind: OperationKind.UPGRADE, authorisedSides: ['CUSTOMER', 'OURS'] })).toEqual([
      expect.stringMatching(/compatibility check/),
    ]);
    // An upgrade lowered to MEDIUM still needs its check, not the authorisations.
    expect(missingBeforeStart({ ...base, kind: OperationKind.UPGRADE, risk: 'MEDIUM', compatibilityCheckedAt: daysAgo(1) })).toEqual([]);
    expect(missingBeforeStart({ ...base, kind: OperationKind.RESTART })).toEqual([]);
  });

  it('steps follow PLANNED → IN_PROGRESS → DONE → ROLLED_BACK', () => {
    expect(stepProblem('start', 'PLANNED')).toBeNull();
    expect(stepProblem('start', 'DONE')).toMatch(/cannot start an operation that is DONE/);
    expect(stepProblem('complete', 'PLANNED')).toMatch(/allowed from IN_PROGRESS/);
    expect(stepProblem('rollBack', 'DONE')).toBeNull();
    expect(stepProblem('authorise', 'ROLLED_BACK')).not.toBeNull();
  });

  it("an announcement includes the staff's supervisor and somebody with authority", () => {
    const duty = { id: 'con_duty', role: 'ON_DUTY', reportsToId: 'con_sup' };
    const sup = { id: 'con_sup', role: 'SUPERVISOR', reportsToId: 'con_mgr' };
    expect(announcementGap([])).toEqual({ missingIds: [], reason: 'informs no customer contact' });
    expect(announcementGap([duty])).toEqual({ missingIds: ['con_sup'], reason: expect.stringMatching(/without their supervisor con_sup/) });
    expect(announcementGap([duty, sup])).toBeNull();
    // A supervisor need not bring his own manager; staff without a reporting line still need someone with authority.
    expect(announcementGap([sup])).toBeNull();
    expect(announcementGap([{ id: 'con_lone', role: 'ENGINEER', reportsToId: null }])).toEqual({
      missingIds: [],
      reason: 'informs no supervisor or manager',
    });
  });
});

describe('expert ranking', () => {
  it('recent fixes weigh more: the weight halves every year', () => {
    expect(recencyWeight(NOW.toISOString(), NOW)).toBe(1);
    expect(recencyWeight(daysAgo(365), NOW)).toBeCloseTo(0.5);
    expect(recencyWeight(daysAgo(730), NOW)).toBeCloseTo(0.25);
  });

  it('region distance goes through the nearest shared region', () => {
    // Target: city A (0) under province P (1) under country C (2).
    const target = [
      { id: 'reg_a', depth: 0 },
      { id: 'reg_p', depth: 1 },
      { id: 'reg_c', depth: 2 },
    ];
    expect(regionDistance(['reg_a', 'reg_p', 'reg_c'], target)).toBe(0);
    expect(regionDistance(['reg_b', 'reg_p', 'reg_c'], target)).toBe(2);
    expect(regionDistance(['reg_office', 'reg_b', 'reg_p', 'reg_c'], target)).toBe(3);
    expect(regionDistance(['reg_q', 'reg_c'], target)).toBe(3);
    expect(regionDistance(['reg_far'], target)).toBeNull();
  });

  it('skills match model or product line in any case', () => {
    expect(declaresSkill(['OSN 8800 commissioning'], ['osn 8800'])).toBe(true);
    expect(declaresSkill(['Access'], ['MA5800'])).toBe(false);
  });

  it('evidence beats declared skills; a fix that did not hold counts against; the final fixer keeps his credit', () => {
    const evidence = [
      { caseId: 'cas_1', engineerId: 'eng_fixer', resolvedAt: daysAgo(10), reopenCount: 1, resolver: true },
      { caseId: 'cas_1', engineerId: 'eng_first', resolvedAt: daysAgo(10), reopenCount: 1, resolver: false },
    ];
    const ranked = rankExperts(
      evidence,
      [cand('eng_first'), cand('eng_fixer'), cand('eng_skill', { skills: ['MA5800'] }), cand('eng_none')],
      { terms: ['MA5800'], regionChain: null, now: NOW },
    );
    expect(ranked.map((r) => r.engineerId)).toEqual(['eng_fixer', 'eng_skill', 'eng_first']);
    expect(ranked[0].score).toBeCloseTo(RESOLVED_POINTS * recencyWeight(daysAgo(10), NOW), 1);
    expect(ranked[1].score).toBe(SKILL_POINTS);
    expect(ranked[2].score).toBeLessThan(0);
    expect(ranked[2].evidence.reopenedCases).toBe(1);
  });

  it('the unavailable, the loaded and the far rank lower for the same evidence', () => {
    const one = (engineerId: string) => ({
      caseId: `cas_${engineerId}`,
      engineerId,
      resolvedAt: daysAgo(1),
      reopenCount: 0,
      resolver: true,
    });
    const ranked = rankExperts(
      ['eng_free', 'eng_leave', 'eng_busy', 'eng_far'].map(one),
      [
        cand('eng_free', { regionAncestors: ['reg_a', 'reg_p'] }),
        cand('eng_leave', { status: 'ON_LEAVE', regionAncestors: ['reg_a', 'reg_p'] }),
        cand('eng_busy', { openCases: 6, regionAncestors: ['reg_a', 'reg_p'] }),
        cand('eng_far', { regionAncestors: ['reg_b', 'reg_p'] }),
      ],
      {
        terms: ['M'],
        regionChain: [
          { id: 'reg_a', depth: 0 },
          { id: 'reg_p', depth: 1 },
        ],
        now: NOW,
      },
    );
    expect(ranked.map((r) => [r.engineerId, r.regionDistance])).toEqual([
      ['eng_free', 0],
      ['eng_far', 2],
      ['eng_busy', 0],
      ['eng_leave', 0],
    ]);
    expect(ranked.find((r) => r.engineerId === 'eng_leave')!.availability.available).toBe(false);
  });
});

describe('change-control flags', () => {
  const op = (over: Partial<SnapshotOperation>): SnapshotOperation => ({
    id: 'opr_1',
    kind: 'RESTART',
    risk: null,
    status: 'DONE',
    startedAt: daysAgo(2),
    compatibilityCheckedAt: null,
    deviceId: 'dev_1',
    authorisedSides: [],
    performerIds: ['eng_p'],
    informed: [
      { id: 'con_duty', role: 'ON_DUTY', reportsToId: 'con_sup' },
      { id: 'con_sup', role: 'SUPERVISOR', reportsToId: null },
    ],
    ...over,
  });
  const snapshot = (operations: SnapshotOperation[]): CustomerSnapshot => ({
    customer: { id: 'cus_x', tier: CustomerTier.STANDARD },
    coverage: [],
    primaryLoad: [],
    contacts: [],
    interactions: [],
    cases: [],
    devices: [],
    openHandoffItems: [],
    commitments: [],
    operations,
  });
  const OURS = [FlagCode.UNAUTHORISED_RISKY_OPERATION, FlagCode.UPGRADE_WITHOUT_COMPATIBILITY_CHECK, FlagCode.CHANGE_NOT_ANNOUNCED];
  const flags = (ops: SnapshotOperation[]) => evaluateFlags(snapshot(ops), DEFAULT_POLICY, NOW).filter((f) => OURS.includes(f.code));

  it('a properly run operation raises nothing; a snapshot without operations neither', () => {
    expect(
      flags([op({}), op({ id: 'opr_2', kind: 'UPGRADE', authorisedSides: ['CUSTOMER', 'OURS'], compatibilityCheckedAt: daysAgo(3) })]),
    ).toEqual([]);
    expect(evaluateFlags({ ...snapshot([]), operations: undefined }, DEFAULT_POLICY, NOW).filter((f) => OURS.includes(f.code))).toEqual([]);
  });

  it('only started HIGH-risk operations without both sides are unauthorised', () => {
    const found = flags([
      op({ id: 'opr_mask', kind: 'ALARM_MASK', authorisedSides: ['CUSTOMER'] }),
      op({ id: 'opr_planned', kind: 'ALARM_MASK', status: 'PLANNED', startedAt: null }),
      op({ id: 'opr_lowered', kind: 'ALARM_MASK', risk: 'MEDIUM' }),
    ]);
    expect(found.map((f) => [f.code, f.evidence.operationIds])).toEqual([[FlagCode.UNAUTHORISED_RISKY_OPERATION, ['opr_mask']]]);
    expect(found[0].message).toMatch(/missing OURS/);
    expect(found[0].evidence).toMatchObject({ deviceIds: ['dev_1'], engineerIds: ['eng_p'], count: 1 });
  });

  it('a started upgrade without a check is flagged', () => {
    const found = flags([op({ id: 'opr_up', kind: 'UPGRADE', authorisedSides: ['CUSTOMER', 'OURS'] })]);
    expect(found.map((f) => [f.code, f.evidence.operationIds])).toEqual([[FlagCode.UPGRADE_WITHOUT_COMPATIBILITY_CHECK, ['opr_up']]]);
  });

  it('an announcement missing the supervisor names him; LOW risk needs none', () => {
    const found = flags([
      op({ id: 'opr_a', informed: [{ id: 'con_duty', role: 'ON_DUTY', reportsToId: 'con_sup' }] }),
      op({ id: 'opr_b', kind: 'OTHER', informed: [] }),
    ]);
    expect(found.map((f) => [f.code, f.evidence.operationIds, f.evidence.contactIds])).toEqual([
      [FlagCode.CHANGE_NOT_ANNOUNCED, ['opr_a'], ['con_sup']],
    ]);
    expect(FLAG_WEIGHTS[FlagCode.UNAUTHORISED_RISKY_OPERATION]).toBeGreaterThan(FLAG_WEIGHTS[FlagCode.CHANGE_NOT_ANNOUNCED]);
  });
});
