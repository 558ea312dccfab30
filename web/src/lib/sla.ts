/** The live SLA clock: the server says how many hours were left when it answered; the clock counts from there. */
export interface SlaInput {
  /** Hours to the next unmet due time when fetched; negative when past; null when closed. */
  remaining: number | null | undefined;
  responseBreached: boolean;
  resolveBreached: boolean;
}

export type SlaState = 'closed' | 'ok' | 'soon' | 'overdue';

export interface SlaClock {
  state: SlaState;
  /** Milliseconds left (negative when overdue); null when closed. */
  msLeft: number | null;
  breached: boolean;
}

/** Less than this left: shown as "soon" (amber). */
export const SOON_MS = 2 * 3600_000;

export function slaClock(sla: SlaInput, fetchedAt: number, now: number): SlaClock {
  const breached = sla.responseBreached || sla.resolveBreached;
  if (sla.remaining == null) return { state: 'closed', msLeft: null, breached };
  const msLeft = Math.round(sla.remaining * 3600_000) - (now - fetchedAt);
  const state: SlaState = msLeft < 0 ? 'overdue' : msLeft < SOON_MS ? 'soon' : 'ok';
  return { state, msLeft, breached };
}
