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

/**
 * Our side of the escalation path: current coverage in the fixed role order, each engineer once per
 * role. Engineers who are not ACTIVE stay in the list (so the gap is visible) with `skippedBecause`;
 * `order` numbers only the steps one can actually call.
 */
export function escalationPath(candidates: EscalationCandidate[]): EscalationStepRecord[] {
  const rank = (role: string) => {
    const i = ESCALATION_ORDER.indexOf(role as CoverageRole);
    return i < 0 ? ESCALATION_ORDER.length : i;
  };
  const sorted = [...candidates].sort((a, b) => rank(a.role) - rank(b.role) || a.engineer.name.localeCompare(b.engineer.name));
  const seen = new Set<string>();
  let order = 0;
  const steps: EscalationStepRecord[] = [];
  for (const c of sorted) {
    const key = `${c.role}|${c.engineer.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const active = c.engineer.status === EngineerStatus.ACTIVE;
    steps.push({
      order: active ? ++order : 0,
      role: c.role as CoverageRole,
      engineerId: c.engineer.id,
      name: c.engineer.name,
      phone: c.engineer.phone ?? null,
      email: c.engineer.email ?? null,
      skippedBecause: active ? null : (SKIP_REASON[c.engineer.status] ?? `status ${c.engineer.status}`),
    });
  }
  return steps;
}
