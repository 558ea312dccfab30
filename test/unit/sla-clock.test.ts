import { CaseKind, CaseSeverity, CaseStatus, CustomerTier } from '../../src/domain/enums';
import { caseSla } from '../../src/domain/sla-clock';
import type { SlaCase } from '../../src/domain/sla-clock';
import { DEFAULT_POLICY, loadPolicy } from '../../src/domain/sla-policy';

const NOW = new Date('2025-06-20T12:00:00.000Z');
const P = DEFAULT_POLICY;

/** An urgent outage: FAULT CRITICAL (STANDARD: respond 2 h, resolve 48 h, silence 4 h). */
const outage = (over: Partial<SlaCase> = {}): SlaCase => ({
  kind: CaseKind.FAULT,
  severity: CaseSeverity.CRITICAL,
  status: CaseStatus.OPEN,
  openedAt: '2025-06-20T09:00:00.000Z',
  ...over,
});

describe('caseSla: open cases', () => {
  it('computes the due times from openedAt and the tier', () => {
    const std = caseSla(outage(), CustomerTier.STANDARD, P, NOW);
    expect(std.responseDueAt).toBe('2025-06-20T11:00:00.000Z');
    expect(std.resolveDueAt).toBe('2025-06-22T09:00:00.000Z');
    const vip = caseSla(outage(), CustomerTier.VIP, P, NOW);
    expect(vip.responseDueAt).toBe('2025-06-20T10:00:00.000Z');
    expect(vip.resolveDueAt).toBe('2025-06-21T09:00:00.000Z');
    const key = caseSla(outage(), CustomerTier.KEY, P, NOW);
    expect(key.responseDueAt).toBe('2025-06-20T10:30:00.000Z');
  });

  it('an unanswered case past its response time is breached, remaining counts to the response', () => {
    const s = caseSla(outage(), CustomerTier.STANDARD, P, NOW);
    expect(s).toMatchObject({
      responseBreached: true,
      responseOverdueHours: 1,
      resolveBreached: false,
      resolveOverdueHours: 0,
      remainingHours: -1,
      silentForHours: 3,
      silenceLimitHours: 4,
      silenceBreached: false,
    });
  });

  it('once answered on time, remaining counts to the resolution', () => {
    const s = caseSla(outage({ respondedAt: '2025-06-20T10:30:00.000Z' }), CustomerTier.STANDARD, P, NOW);
    expect(s.responseBreached).toBe(false);
    expect(s.remainingHours).toBe(45);
  });

  it('an answer after the due time stays a breach', () => {
    const s = caseSla(outage({ respondedAt: '2025-06-20T11:45:00.000Z' }), CustomerTier.STANDARD, P, NOW);
    expect(s.responseBreached).toBe(true);
    expect(s.responseOverdueHours).toBe(0.75);
    expect(s.remainingHours).toBe(45);
  });

  it('exactly at the due time is not yet a breach', () => {
    const s = caseSla(outage(), CustomerTier.STANDARD, P, new Date('2025-06-20T11:00:00.000Z'));
    expect(s.responseBreached).toBe(false);
    expect(s.remainingHours).toBe(0);
  });

  it('an open case past its resolve time is breached with negative remaining', () => {
    const c = outage({ openedAt: '2025-06-17T12:00:00.000Z', respondedAt: '2025-06-17T13:00:00.000Z' });
    const s = caseSla(c, CustomerTier.STANDARD, P, NOW);
    expect(s).toMatchObject({ responseBreached: false, resolveBreached: true, resolveOverdueHours: 24, remainingHours: -24 });
  });

  it('WAITING_CUSTOMER does not stop the calendar clock', () => {
    const c = outage({
      status: CaseStatus.WAITING_CUSTOMER,
      openedAt: '2025-06-17T12:00:00.000Z',
      respondedAt: '2025-06-17T13:00:00.000Z',
    });
    expect(caseSla(c, CustomerTier.STANDARD, P, NOW).resolveBreached).toBe(true);
  });

  it('a reopened case ignores its old resolvedAt', () => {
    const c = outage({
      openedAt: '2025-06-17T12:00:00.000Z',
      respondedAt: '2025-06-17T13:00:00.000Z',
      resolvedAt: '2025-06-18T00:00:00.000Z',
    });
    expect(caseSla(c, CustomerTier.STANDARD, P, NOW)).toMatchObject({ resolveBreached: true, remainingHours: -24 });
  });
});

describe('caseSla: silence towards the customer', () => {
  const complaint = (lastCustomerUpdateAt: string | null): SlaCase => ({
    kind: CaseKind.COMPLAINT,
    severity: CaseSeverity.MAJOR,
    status: CaseStatus.IN_PROGRESS,
    openedAt: '2025-06-15T12:00:00.000Z',
    respondedAt: '2025-06-15T14:00:00.000Z',
    lastCustomerUpdateAt,
  });

  it('counts from the last customer update against the cell limit', () => {
    const s = caseSla(complaint('2025-06-18T10:00:00.000Z'), CustomerTier.STANDARD, P, NOW);
    expect(s.silentForHours).toBe(50);
    expect(s.silenceLimitHours).toBe(48);
    expect(s.silenceBreached).toBe(true);
    expect(caseSla(complaint('2025-06-19T12:00:00.000Z'), CustomerTier.STANDARD, P, NOW).silenceBreached).toBe(false);
  });

  it('counts from openedAt when the customer never heard from us', () => {
    expect(caseSla(complaint(null), CustomerTier.STANDARD, P, NOW).silentForHours).toBe(120);
  });

  it('exactly at the limit is not a breach', () => {
    const s = caseSla(complaint('2025-06-18T12:00:00.000Z'), CustomerTier.STANDARD, P, NOW);
    expect(s.silentForHours).toBe(48);
    expect(s.silenceBreached).toBe(false);
  });

  it('thresholds.customerSilenceHours caps every cell', () => {
    const strict = loadPolicy({ thresholds: { customerSilenceHours: 24 } });
    const s = caseSla(complaint('2025-06-19T10:00:00.000Z'), CustomerTier.STANDARD, strict, NOW);
    expect(s.silenceLimitHours).toBe(24);
    expect(s.silentForHours).toBe(26);
    expect(s.silenceBreached).toBe(true);
  });

  it('VIP silence limits are tighter', () => {
    const s = caseSla(complaint('2025-06-19T10:00:00.000Z'), CustomerTier.VIP, P, NOW);
    expect(s.silenceLimitHours).toBe(24);
    expect(s.silenceBreached).toBe(true);
  });
});

describe('caseSla: resolved and closed cases', () => {
  const closed = (over: Partial<SlaCase>): SlaCase =>
    outage({ status: CaseStatus.RESOLVED, openedAt: '2025-06-10T00:00:00.000Z', respondedAt: '2025-06-10T01:00:00.000Z', ...over });

  it('is not breaching when resolved on time, and has no remaining or silence', () => {
    const s = caseSla(closed({ resolvedAt: '2025-06-11T00:00:00.000Z' }), CustomerTier.STANDARD, P, NOW);
    expect(s).toMatchObject({
      responseBreached: false,
      resolveBreached: false,
      remainingHours: null,
      silentForHours: null,
      silenceBreached: false,
    });
  });

  it('stays resolveBreached when resolved late', () => {
    const s = caseSla(closed({ status: CaseStatus.CLOSED, resolvedAt: '2025-06-12T06:00:00.000Z' }), CustomerTier.STANDARD, P, NOW);
    expect(s.resolveDueAt).toBe('2025-06-12T00:00:00.000Z');
    expect(s.resolveBreached).toBe(true);
    expect(s.resolveOverdueHours).toBe(6);
  });

  it('takes resolvedAt as the response when respondedAt was never recorded', () => {
    const s = caseSla(closed({ respondedAt: null, resolvedAt: '2025-06-10T05:00:00.000Z' }), CustomerTier.STANDARD, P, NOW);
    expect(s.responseBreached).toBe(true);
    expect(s.responseOverdueHours).toBe(3);
    expect(s.resolveBreached).toBe(false);
  });

  it('a closed case with no times recorded is not breaching', () => {
    const s = caseSla(closed({ respondedAt: null, resolvedAt: null, status: CaseStatus.CLOSED }), CustomerTier.STANDARD, P, NOW);
    expect(s.responseBreached).toBe(false);
    expect(s.resolveBreached).toBe(false);
  });
});
