import type { FieldProblem } from '../errors';
import { CaseStatus, OPEN_CASE_STATUSES } from './enums';

/**
 * Case status transitions. A case moves forward (OPEN → IN_PROGRESS ⇄ WAITING_CUSTOMER → RESOLVED
 * → CLOSED); a finished case may be reopened only with a reason, because a reopen means the customer
 * was told "done" too early and someone will ask why. ARCHIVED is final.
 */
const NEXT: Record<CaseStatus, CaseStatus[]> = {
  [CaseStatus.OPEN]: [CaseStatus.IN_PROGRESS, CaseStatus.WAITING_CUSTOMER, CaseStatus.RESOLVED, CaseStatus.CLOSED, CaseStatus.ARCHIVED],
  [CaseStatus.IN_PROGRESS]: [CaseStatus.WAITING_CUSTOMER, CaseStatus.RESOLVED, CaseStatus.CLOSED, CaseStatus.ARCHIVED],
  [CaseStatus.WAITING_CUSTOMER]: [CaseStatus.IN_PROGRESS, CaseStatus.RESOLVED, CaseStatus.CLOSED, CaseStatus.ARCHIVED],
  [CaseStatus.RESOLVED]: [CaseStatus.CLOSED, CaseStatus.OPEN, CaseStatus.IN_PROGRESS, CaseStatus.ARCHIVED],
  [CaseStatus.CLOSED]: [CaseStatus.OPEN, CaseStatus.IN_PROGRESS, CaseStatus.ARCHIVED],
  [CaseStatus.ARCHIVED]: [],
};

const FINISHED: CaseStatus[] = [CaseStatus.RESOLVED, CaseStatus.CLOSED];

export interface CaseClock {
  status: CaseStatus | string;
  respondedAt?: string | null;
  resolvedAt?: string | null;
}

export type CaseClockFields = Partial<{ status: CaseStatus; respondedAt: string | null; resolvedAt: string | null }>;

export type StatusPlan = { ok: true; fields: CaseClockFields; reopened: boolean } | { ok: false; problem: FieldProblem };

export const allowedNextStatuses = (from: CaseStatus): CaseStatus[] => [...NEXT[from]];

/** Whether moving from one status to another reopens a finished case (and so needs a reason). */
export const isReopen = (from: CaseStatus | string, to: CaseStatus | string): boolean =>
  FINISHED.includes(from as CaseStatus) && OPEN_CASE_STATUSES.includes(to as CaseStatus);

/**
 * What a status change writes: the new status, `respondedAt` on the first move out of OPEN,
 * `resolvedAt` on entering RESOLVED (or CLOSED when never resolved), cleared on a reopen so the SLA
 * clock sees an unresolved case again. `at` is the moment of the change (ISO).
 */
export function planStatusChange(current: CaseClock, next: CaseStatus, opts: { at: string; reason?: string | null }): StatusPlan {
  const from = current.status as CaseStatus;
  if (from === next) return { ok: true, fields: {}, reopened: false };
  if (!NEXT[from]?.includes(next)) {
    const why =
      from === CaseStatus.ARCHIVED
        ? 'an ARCHIVED case cannot change status'
        : next === CaseStatus.OPEN
          ? `the case is ${from}: once responded to, it cannot go back to OPEN (use IN_PROGRESS)`
          : `the case is ${from} and cannot move to ${next} (allowed: ${NEXT[from].join(', ')})`;
    return { ok: false, problem: { field: 'status', reason: why } };
  }
  const reopened = isReopen(from, next);
  if (reopened && !opts.reason?.trim()) {
    return { ok: false, problem: { field: 'reason', reason: `is required to reopen a ${from} case` } };
  }
  const fields: CaseClockFields = { status: next };
  if (from === CaseStatus.OPEN && next !== CaseStatus.ARCHIVED && !current.respondedAt) fields.respondedAt = opts.at;
  if (next === CaseStatus.RESOLVED) fields.resolvedAt = opts.at;
  if (next === CaseStatus.CLOSED && !current.resolvedAt) fields.resolvedAt = opts.at;
  if (reopened) fields.resolvedAt = null;
  return { ok: true, fields, reopened };
}

export const isOpenStatus = (status: CaseStatus | string): boolean => OPEN_CASE_STATUSES.includes(status as CaseStatus);
