import { OPEN_CASE_STATUSES, type CaseKind, type CaseSeverity, type CaseStatus, type CustomerTier } from './enums';
import type { SlaPolicy, SlaTarget } from './sla-policy';

/**
 * The SLA clock of one case (issue 6). Pure: `now` is always passed in, so tests control time.
 * Calendar hours from openedAt; WAITING_CUSTOMER does not stop the clock.
 */

export interface SlaCase {
  kind: CaseKind;
  severity: CaseSeverity;
  status: CaseStatus;
  openedAt: string;
  respondedAt?: string | null;
  resolvedAt?: string | null;
  lastCustomerUpdateAt?: string | null;
}

export interface CaseSla {
  responseDueAt: string;
  resolveDueAt: string;
  /**
   * Responded after responseDueAt, or (still open and unanswered) now is past it. A late response stays
   * a fact after the case is closed; a closed case without respondedAt counts its resolvedAt as the response.
   */
  responseBreached: boolean;
  /** Open: now is past resolveDueAt. Resolved/closed: resolvedAt was after resolveDueAt. */
  resolveBreached: boolean;
  /** Hours by which the response / resolution was or is late; 0 when on time. */
  responseOverdueHours: number;
  resolveOverdueHours: number;
  /** Hours to the next unmet due time (response, else resolution); negative when past; null when closed. */
  remainingHours: number | null;
  /** Hours since lastCustomerUpdateAt (or openedAt when the customer never heard from us); null when closed. */
  silentForHours: number | null;
  /** The silence allowed for this case: the smaller of the cell's silenceHours and thresholds.customerSilenceHours. */
  silenceLimitHours: number;
  silenceBreached: boolean;
  target: SlaTarget;
}

const HOUR_MS = 3_600_000;
const ms = (iso: string): number => new Date(iso).getTime();
const hours = (deltaMs: number): number => Math.round((deltaMs / HOUR_MS) * 100) / 100;

export function isOpenCase(status: CaseStatus): boolean {
  return OPEN_CASE_STATUSES.includes(status);
}

export function caseSla(c: SlaCase, tier: CustomerTier, policy: SlaPolicy, now: Date): CaseSla {
  const target = policy.sla[c.kind][c.severity][tier];
  const opened = ms(c.openedAt);
  const responseDue = opened + target.respondHours * HOUR_MS;
  const resolveDue = opened + target.resolveHours * HOUR_MS;
  const nowMs = now.getTime();
  const open = isOpenCase(c.status);
  const responded = c.respondedAt ? ms(c.respondedAt) : null;
  // A reopened case may still carry an old resolvedAt: only closed cases use it.
  const resolved = !open && c.resolvedAt ? ms(c.resolvedAt) : null;

  // When the response happened, or (open and unanswered) "not yet, so measure at now".
  const responseAt = responded ?? resolved ?? (open ? nowMs : null);
  const resolveAt = open ? nowMs : resolved;
  const responseLateMs = responseAt === null ? 0 : Math.max(0, responseAt - responseDue);
  const resolveLateMs = resolveAt === null ? 0 : Math.max(0, resolveAt - resolveDue);

  let remainingHours: number | null = null;
  if (open) remainingHours = hours((responded === null ? responseDue : resolveDue) - nowMs);

  const silenceLimitHours = Math.min(target.silenceHours, policy.thresholds.customerSilenceHours);
  const silentMs = open ? nowMs - ms(c.lastCustomerUpdateAt ?? c.openedAt) : null;

  return {
    responseDueAt: new Date(responseDue).toISOString(),
    resolveDueAt: new Date(resolveDue).toISOString(),
    responseBreached: responseLateMs > 0,
    resolveBreached: resolveLateMs > 0,
    responseOverdueHours: hours(responseLateMs),
    resolveOverdueHours: hours(resolveLateMs),
    remainingHours,
    silentForHours: silentMs === null ? null : hours(silentMs),
    silenceLimitHours,
    // Compared unrounded, so a case is never breached (or not) because of display rounding.
    silenceBreached: silentMs !== null && silentMs > silenceLimitHours * HOUR_MS,
    target,
  };
}
