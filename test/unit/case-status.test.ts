import { allowedNextStatuses, isReopen, planStatusChange } from '../../src/domain/case-status';
import { CaseStatus } from '../../src/domain/enums';

const AT = '2025-11-02T08:00:00.000Z';

describe('case status transitions', () => {
  it('sets respondedAt on the first move out of OPEN, and only then', () => {
    expect(planStatusChange({ status: 'OPEN' }, CaseStatus.IN_PROGRESS, { at: AT })).toEqual({
      ok: true,
      reopened: false,
      fields: { status: 'IN_PROGRESS', respondedAt: AT },
    });
    const again = planStatusChange({ status: 'OPEN', respondedAt: '2025-11-01T00:00:00Z' }, CaseStatus.WAITING_CUSTOMER, { at: AT });
    expect(again).toEqual({ ok: true, reopened: false, fields: { status: 'WAITING_CUSTOMER' } });
  });

  it('sets resolvedAt on RESOLVED, and on CLOSED only when never resolved', () => {
    expect(planStatusChange({ status: 'IN_PROGRESS', respondedAt: 'x' }, CaseStatus.RESOLVED, { at: AT })).toMatchObject({
      ok: true,
      fields: { resolvedAt: AT },
    });
    expect(planStatusChange({ status: 'RESOLVED', resolvedAt: '2025-11-01T00:00:00Z' }, CaseStatus.CLOSED, { at: AT })).toEqual({
      ok: true,
      reopened: false,
      fields: { status: 'CLOSED' },
    });
    // Closing straight from OPEN (e.g. a duplicate) both responds and finishes it.
    expect(planStatusChange({ status: 'OPEN' }, CaseStatus.CLOSED, { at: AT })).toMatchObject({
      ok: true,
      fields: { status: 'CLOSED', respondedAt: AT, resolvedAt: AT },
    });
  });

  it('reopening a finished case needs a non-blank reason and clears resolvedAt', () => {
    for (const from of ['RESOLVED', 'CLOSED']) {
      for (const to of [CaseStatus.OPEN, CaseStatus.IN_PROGRESS]) {
        expect(isReopen(from, to)).toBe(true);
        expect(planStatusChange({ status: from, resolvedAt: AT }, to, { at: AT })).toEqual({
          ok: false,
          problem: { field: 'reason', reason: `is required to reopen a ${from} case` },
        });
        expect(planStatusChange({ status: from, resolvedAt: AT }, to, { at: AT, reason: ' \t' })).toMatchObject({
          ok: false,
          problem: { field: 'reason' },
        });
        expect(planStatusChange({ status: from, resolvedAt: AT }, to, { at: AT, reason: 'came back' })).toEqual({
          ok: true,
          reopened: true,
          fields: { status: to, resolvedAt: null },
        });
      }
    }
  });

  it('refuses going back to OPEN once responded, leaving ARCHIVED, and moves the table does not list', () => {
    expect(planStatusChange({ status: 'IN_PROGRESS' }, CaseStatus.OPEN, { at: AT })).toMatchObject({
      ok: false,
      problem: { field: 'status' },
    });
    expect(planStatusChange({ status: 'ARCHIVED' }, CaseStatus.OPEN, { at: AT, reason: 'x' })).toEqual({
      ok: false,
      problem: { field: 'status', reason: 'an ARCHIVED case cannot change status' },
    });
    expect(planStatusChange({ status: 'CLOSED' }, CaseStatus.RESOLVED, { at: AT })).toMatchObject({
      ok: false,
      problem: { field: 'status', reason: expect.stringContaining('allowed: OPEN, IN_PROGRESS, ARCHIVED') },
    });
    expect(allowedNextStatuses(CaseStatus.ARCHIVED)).toEqual([]);
  });

  it('any live status may be archived, without counting as a response', () => {
    for (const from of ['OPEN', 'IN_PROGRESS', 'WAITING_CUSTOMER', 'RESOLVED', 'CLOSED']) {
      expect(planStatusChange({ status: from }, CaseStatus.ARCHIVED, { at: AT })).toMatchObject({
        ok: true,
        fields: { status: 'ARCHIVED' },
      });
    }
    expect(planStatusChange({ status: 'OPEN' }, CaseStatus.ARCHIVED, { at: AT })).toEqual({
      ok: true,
      reopened: false,
      fields: { status: 'ARCHIVED' },
    });
  });

  it('staying in the same status changes nothing', () => {
    expect(planStatusChange({ status: 'OPEN' }, CaseStatus.OPEN, { at: AT })).toEqual({ ok: true, reopened: false, fields: {} });
  });
});
