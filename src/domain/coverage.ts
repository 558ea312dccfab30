import { ESCALATION_ORDER, EngineerStatus, type CoverageRole } from './enums';

export interface Period {
  from: string;
  to?: string | null;
}

/** A period is current at T when from <= T and (to is null or T < to). */
export function isCurrentAt(p: Period, at: Date | string): boolean {
  const t = new Date(at).getTime();
  return new Date(p.from).getTime() <= t && (p.to == null || t < new Date(p.to).getTime());
}

/** Whether two periods share an instant ([from, to) half-open; null `to` = open-ended). */
export function overlaps(a: Period, b: Period): boolean {
  const aFrom = new Date(a.from).getTime();
  const bFrom = new Date(b.from).getTime();
  const aTo = a.to == null ? Infinity : new Date(a.to).getTime();
  const bTo = b.to == null ? Infinity : new Date(b.to).getTime();
  return aFrom < bTo && bFrom < aTo;
}

export interface EscalationCandidate {
  role: string;
  engineer: { id: string; name: string; status: string; phone?: string | null; email?: string | null };
}

export interface EscalationStepRecord {
  order: number;
  role: CoverageRole;
  engineerId: string;
  name: string;
  phone: string | null;
  email: string | null;
  skippedBecause: string | null;
}

const SKIP_REASON: Record<string, string> = {
  [EngineerStatus.ON_LEAVE]: 'on leave',
  [EngineerStatus.TRANSFERRED]: 'transferred away, but the coverage was never ended',
  [EngineerStatus.LEFT]: 'has left, but the coverage was never ended',
  [EngineerStatus.ARCHIVED]: 'archived',
};

/** An absence current at the request's time, with whoever covers it. */
export interface CurrentAbsence {
  id: string;
  reason: string;
  from: string;
  to?: string | null;
  covers: EscalationCandidate['engineer'][];
}

const describeAbsence = (a: CurrentAbsence) =>
  `${a.reason} (absence ${a.id}) from ${a.from}${a.to ? ` until ${a.to}` : ''}` +
  (a.covers.length ? `, covered by ${a.covers.map((c) => `${c.name} (${c.id})`).join(', ')}` : ', no cover named');

/**
 * Our side of the escalation path: current coverage in the fixed role order, each engineer once per
 * role. Engineers who are not ACTIVE, or absent now (vacation, leave...), stay in the list (so the
 * gap is visible) with `skippedBecause`; an absent engineer's cover is put in his place, in his role.
 * `order` numbers only the steps one can actually call.
 */
export function escalationPath(
  candidates: EscalationCandidate[],
  absent: ReadonlyMap<string, CurrentAbsence> = new Map(),
): EscalationStepRecord[] {
  const rank = (role: string) => {
    const i = ESCALATION_ORDER.indexOf(role as CoverageRole);
    return i < 0 ? ESCALATION_ORDER.length : i;
  };
  const sorted = [...candidates].sort((a, b) => rank(a.role) - rank(b.role) || a.engineer.name.localeCompare(b.engineer.name));
  const seen = new Set<string>();
  let order = 0;
  const steps: EscalationStepRecord[] = [];
  const push = (role: string, e: EscalationCandidate['engineer'], skippedBecause: string | null) => {
    const key = `${role}|${e.id}`;
    if (seen.has(key)) return;
    seen.add(key);
    steps.push({
      order: skippedBecause ? 0 : ++order,
      role: role as CoverageRole,
      engineerId: e.id,
      name: e.name,
      phone: e.phone ?? null,
      email: e.email ?? null,
      skippedBecause,
    });
  };
  for (const c of sorted) {
    const away = absent.get(c.engineer.id);
    if (c.engineer.status !== EngineerStatus.ACTIVE) {
      push(c.role, c.engineer, SKIP_REASON[c.engineer.status] ?? `status ${c.engineer.status}`);
    } else if (away) {
      push(c.role, c.engineer, `absent: ${describeAbsence(away)}`);
      for (const cover of away.covers) {
        if (cover.status === EngineerStatus.ACTIVE && !absent.has(cover.id)) push(c.role, cover, null);
      }
    } else {
      push(c.role, c.engineer, null);
    }
  }
  return steps;
}
