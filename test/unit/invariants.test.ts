import { describeClash } from '../../src/domain/coverage-rules';
import { escalationPath, type EscalationCandidate } from '../../src/domain/coverage';
import { findViolations, periodState, sharedCustomers } from '../../src/domain/invariants';
import { successorRoles } from '../../src/domain/handoff-plan';
import { HandoffReason } from '../../src/domain/enums';

const T = (d: number) => new Date(Date.UTC(2026, 5, d)).toISOString();

describe('periodState: the one "current at T" rule', () => {
  it('is SCHEDULED before from, CURRENT in [from, to), PAST from to on', () => {
    const p = { from: T(10), to: T(20) };
    expect(periodState(p, T(9))).toBe('SCHEDULED');
    expect(periodState(p, T(10))).toBe('CURRENT');
    expect(periodState(p, T(19))).toBe('CURRENT');
    expect(periodState(p, T(20))).toBe('PAST');
    expect(periodState({ from: T(10), to: null }, T(30))).toBe('CURRENT');
  });
});

describe('findViolations', () => {
  const cov = (id: string, engineerId: string, role: string, from: number, to: number | null, customerId = 'cus_x') => ({
    id,
    engineerId,
    customerId,
    role,
    from: T(from),
    to: to == null ? null : T(to),
  });

  it('finds two PRIMARY engineers at once, but not one after the other', () => {
    expect(findViolations({ coverages: [cov('c1', 'a', 'PRIMARY', 1, 10), cov('c2', 'b', 'PRIMARY', 10, null)], ownerships: [] })).toEqual(
      [],
    );
    expect(findViolations({ coverages: [cov('c1', 'a', 'PRIMARY', 1, 11), cov('c2', 'b', 'PRIMARY', 10, null)], ownerships: [] })).toEqual([
      expect.objectContaining({ rule: 'ONE_PRIMARY', subject: 'cus_x' }),
    ]);
  });

  it("allows two BACKUPs but not one engineer's overlapping periods in one role; other customers are separate", () => {
    expect(
      findViolations({
        coverages: [cov('c1', 'a', 'BACKUP', 1, null), cov('c2', 'b', 'BACKUP', 2, null), cov('c3', 'a', 'PRIMARY', 1, null, 'cus_y')],
        ownerships: [],
      }),
    ).toEqual([]);
    expect(findViolations({ coverages: [cov('c1', 'a', 'BACKUP', 1, null), cov('c2', 'a', 'BACKUP', 5, 8)], ownerships: [] })).toEqual([
      expect.objectContaining({ rule: 'NO_OVERLAP' }),
    ]);
  });

  it('finds overlapping ownerships of a case and an item completed twice without a reopening', () => {
    const ownerships = [
      { caseId: 'k', engineerId: 'a', from: T(1), to: T(5) },
      { caseId: 'k', engineerId: 'b', from: T(4), to: null },
    ];
    expect(findViolations({ coverages: [], ownerships })).toEqual([expect.objectContaining({ rule: 'ONE_OWNER', subject: 'k' })]);
    expect(findViolations({ coverages: [], ownerships: [], itemCompletions: [{ itemId: 'i', completions: 2, reopenings: 1 }] })).toEqual(
      [],
    );
    expect(findViolations({ coverages: [], ownerships: [], itemCompletions: [{ itemId: 'i', completions: 2, reopenings: 0 }] })).toEqual([
      expect.objectContaining({ rule: 'ITEM_ONCE' }),
    ]);
  });

  it('sharedCustomers names the customers two handoffs both hand over', () => {
    expect(sharedCustomers(['a', 'b'], ['b', 'c', 'b'])).toEqual(['b']);
    expect(sharedCustomers(['a'], ['c'])).toEqual([]);
  });
});

describe('describeClash', () => {
  const existing = { id: 'cov_1', engineerId: 'eng_d', role: 'PRIMARY', from: T(5), to: null };
  const next = { engineerId: 'eng_c', role: 'PRIMARY', from: T(3), to: null };
  it('tells a caller without replaceCurrent about it, and one who passed it why it cannot help', () => {
    expect(describeClash(existing, next, 'cus_x')).toContain('pass replaceCurrent: true');
    const msg = describeClash(existing, next, 'cus_x', true);
    expect(msg).not.toContain('pass replaceCurrent');
    expect(msg).toContain('replaceCurrent cannot end it');
  });
});

describe('escalationPath with absences', () => {
  const eng = (id: string, name: string, status = 'ACTIVE') => ({ id, name, status });
  const candidates: EscalationCandidate[] = [
    { role: 'PRIMARY', engineer: eng('eng_a', 'A') },
    { role: 'BACKUP', engineer: eng('eng_b', 'B') },
  ];
  it('skips the absent engineer, naming the period and the cover, and puts the cover in his place', () => {
    const absent = new Map([['eng_a', { id: 'abs_1', reason: 'VACATION', from: T(1), to: T(10), covers: [eng('eng_c', 'C')] }]]);
    expect(escalationPath(candidates, absent).map((s) => [s.order, s.role, s.engineerId, s.skippedBecause])).toEqual([
      [0, 'PRIMARY', 'eng_a', `absent: VACATION (absence abs_1) from ${T(1)} until ${T(10)}, covered by C (eng_c)`],
      [1, 'PRIMARY', 'eng_c', null],
      [2, 'BACKUP', 'eng_b', null],
    ]);
  });
  it('an absent cover or one not ACTIVE does not stand in; without absences nothing changes', () => {
    const absent = new Map([
      ['eng_a', { id: 'abs_1', reason: 'LEAVE', from: T(1), to: null, covers: [eng('eng_b', 'B')] }],
      ['eng_b', { id: 'abs_2', reason: 'TRAINING', from: T(1), to: T(3), covers: [] }],
    ]);
    const steps = escalationPath(candidates, absent);
    expect(steps.map((s) => [s.order, s.engineerId])).toEqual([
      [0, 'eng_a'],
      [0, 'eng_b'],
    ]);
    expect(steps[1].skippedBecause).toContain('no cover named');
    expect(escalationPath(candidates).map((s) => s.order)).toEqual([1, 2]);
  });
});

describe('successorRoles', () => {
  it('VACATION cover is BACKUP, never PRIMARY; other handoffs pass the roles on', () => {
    expect(successorRoles(HandoffReason.VACATION, ['BACKUP', 'PRIMARY'])).toEqual(['BACKUP']);
    expect(successorRoles(HandoffReason.ROTATION, ['PRIMARY'])).toEqual(['PRIMARY']);
  });
});
