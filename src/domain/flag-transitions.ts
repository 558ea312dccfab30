import { CommitmentStatus } from './enums';
import { FlagCode, lastCustomerContact, type CustomerSnapshot, type Flag } from './flags';
import { caseSla, isOpenCase } from './sla-clock';
import type { SlaPolicy } from './sla-policy';

/**
 * When a customer's flags can next change by the passing of time alone (issue 15). The maintained
 * attention state keeps a customer's flags from `now` until this instant; the clock recomputes the
 * customer then. Earlier than necessary is allowed (a recompute that finds nothing new), later is not.
 *
 * Two kinds of instants matter:
 * - thresholds: a deadline is crossed (an SLA due time, a silence limit, a promise's due time, the
 *   end of maintenance, a coverage period starting or ending, a record leaving a look-back window);
 *   the rules compare strictly ("more than"), so both the instant and the next millisecond count;
 * - ticks: a raised flag's evidence counts whole hours or days (and SLA hours rounded to 1/100 h, which
 *   turn 18 s before the hour), so its text changes every hour (or day) after the instant it counts
 *   from; only the raised flags' counts tick.
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Look-back of the operations loader (src/graph/repositories/attention.repo.ts OPERATION_LOOKBACK_DAYS). */
export const OPERATION_LOOKBACK_MS = 90 * DAY_MS;
/** An instant no rule reaches: "nothing changes by time alone". */
export const NEVER = '9999-12-31T00:00:00.000Z';

const ms = (iso: string): number => new Date(iso).getTime();
/** Offsets from a tick at which a whole count can change: the tick itself and the millisecond after. */
const WHOLE = [0, 1];
/** The same for hours rounded to 1/100 first (caseSla): they also turn 18 s before the hour. */
const ROUNDED = [0, 1, -18_001, -18_000, -17_999];

/** The first instant after `now` on the grid of `base` with this step (hourly by default), at any of the offsets. */
export function nextTick(base: number, now: number, step = HOUR_MS, offsets: readonly number[] = ROUNDED): number {
  let best = Infinity;
  for (const off of offsets) {
    const b = base + off;
    const x = b + (Math.floor((now - b) / step) + 1) * step;
    if (x > now && x < best) best = x;
  }
  return best;
}

/** The first of `instant` and the millisecond after it that lies after `now`. */
const crossing = (instant: number, now: number): number => (instant > now ? instant : instant + 1 > now ? instant + 1 : Infinity);

/**
 * The earliest instant after `now` at which `evaluateFlags(snapshot, policy, t)` may differ from its
 * value at `now` (NEVER when no rule depends on time for this customer). `flags` are the flags at `now`;
 * `future` holds instants the snapshot cannot show because it only loads what is current at `now`
 * (interactions planned later, coverage, employment and ownership periods starting or ending later,
 * handoffs taking effect later, devices entering the expiring window, load changes of the primary).
 */
export function nextFlagTransition(
  snapshot: CustomerSnapshot,
  flags: readonly Flag[],
  policy: SlaPolicy,
  now: Date,
  future: readonly string[] = [],
): string {
  return flagTransitions(snapshot, flags, policy, now, future).text;
}

/**
 * Both instants: `codes`, the earliest at which the set of raised codes (and so the severity score
 * and the ranking) may change — the thresholds alone; `text`, the earliest at which anything may
 * change, a raised flag's counted hours or days included (nextFlagTransition). The counts tick every
 * hour for every customer with a case flag, so on a large graph most states reach `text` every hour
 * while `codes` is days away: the maintained list ranks by `codes` and re-reads only the shown rows
 * whose text has ticked.
 */
export function flagTransitions(
  snapshot: CustomerSnapshot,
  flags: readonly Flag[],
  policy: SlaPolicy,
  now: Date,
  future: readonly string[] = [],
): { codes: string; text: string } {
  const t = now.getTime();
  const { thresholds } = policy;
  const raised = new Set(flags.map((f) => f.code));
  let next = Infinity;
  let ticks = Infinity;
  const at = (instant: number) => {
    if (Number.isFinite(instant)) next = Math.min(next, crossing(instant, t));
  };
  /** While `code` is raised, its count of hours (or days) since or until `base` changes on this grid. */
  const tick = (code: FlagCode, base: number, step: number, offsets: readonly number[]) => {
    if (raised.has(code) && Number.isFinite(base)) ticks = Math.min(ticks, nextTick(base, t, step, offsets));
  };

  for (const f of future) at(ms(f));

  // Cases: SLA due times, silence limits, late resolutions leaving the look-back window; while a case
  // flag is raised, the hours it counts (since opening, since the last update, past a due time).
  for (const c of snapshot.cases) {
    const sla = caseSla(c, snapshot.customer.tier, policy, now);
    if (isOpenCase(c.status)) {
      const lastUpdate = ms(c.lastCustomerUpdateAt ?? c.openedAt);
      if (!c.respondedAt) at(ms(sla.responseDueAt));
      at(ms(sla.resolveDueAt));
      at(lastUpdate + sla.silenceLimitHours * HOUR_MS);
      at(lastUpdate + thresholds.customerSilenceHours * HOUR_MS);
      tick(FlagCode.CASE_WITHOUT_OWNER, ms(c.openedAt), HOUR_MS, WHOLE);
      tick(FlagCode.SEVERE_CASE_MANAGEMENT_NOT_INFORMED, ms(c.openedAt), HOUR_MS, WHOLE);
      tick(FlagCode.CASE_MANY_HANDS_NO_OWNER, lastUpdate, HOUR_MS, WHOLE);
      tick(FlagCode.CASE_CUSTOMER_SILENCE, lastUpdate, HOUR_MS, ROUNDED);
      tick(FlagCode.SLA_BREACHED, ms(sla.responseDueAt), HOUR_MS, ROUNDED);
      tick(FlagCode.SLA_BREACHED, ms(sla.resolveDueAt), HOUR_MS, ROUNDED);
      for (const i of c.interactions) at(ms(i.at));
    } else if (c.resolvedAt) {
      at(ms(c.resolvedAt) + thresholds.lateResolvedLookbackDays * DAY_MS);
    }
  }

  // The last contact: the tier's limit, and the day count while the flag is raised.
  const last = lastCustomerContact(snapshot, now);
  if (last) {
    at(ms(last.at) + thresholds.noContactDays[snapshot.customer.tier] * DAY_MS);
    tick(FlagCode.NO_CONTACT_IN_DAYS, ms(last.at), DAY_MS, WHOLE);
  }
  for (const i of snapshot.interactions) at(ms(i.at));

  for (const d of snapshot.devices) {
    if (!d.maintenanceUntil) continue;
    const until = ms(d.maintenanceUntil);
    at(until);
    at(until - thresholds.maintenanceExpiringDays * DAY_MS);
    tick(FlagCode.MAINTENANCE_EXPIRED, until, DAY_MS, WHOLE);
    tick(FlagCode.MAINTENANCE_EXPIRING, until, DAY_MS, WHOLE);
  }
  for (const i of snapshot.openHandoffItems) tick(FlagCode.HANDOFF_ITEMS_OPEN, ms(i.createdAt), DAY_MS, WHOLE);
  for (const m of snapshot.commitments) {
    if (m.status !== CommitmentStatus.OPEN) continue;
    at(ms(m.dueAt));
    tick(FlagCode.COMMITMENT_OVERDUE, ms(m.dueAt), HOUR_MS, WHOLE);
  }
  for (const p of snapshot.heldWork?.coveragePeriods ?? []) {
    at(ms(p.from));
    if (p.to) at(ms(p.to));
  }
  for (const o of snapshot.operations ?? []) if (o.startedAt) at(ms(o.startedAt) + OPERATION_LOOKBACK_MS);

  const iso = (x: number) => (Number.isFinite(x) ? new Date(x).toISOString() : NEVER);
  return { codes: iso(next), text: iso(Math.min(next, ticks)) };
}

/** What changed between two flag lists: codes raised (with the new flag) and cleared (with the old one). */
export function flagChanges(before: readonly Flag[], after: readonly Flag[]): { raised: Flag[]; cleared: Flag[] } {
  const was = new Set(before.map((f) => f.code));
  const is = new Set(after.map((f) => f.code));
  return { raised: after.filter((f) => !was.has(f.code)), cleared: before.filter((f) => !is.has(f.code)) };
}
