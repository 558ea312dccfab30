import type { CaseKind, CaseSeverity, CaseStatus, CustomerTier } from './enums';
import { EventType, type NewEvent } from './events';
import { caseSla } from './sla-clock';
import type { SlaPolicy } from './sla-policy';

/**
 * Time-driven events (issue 16): what the clock raises when time passes, not when something is
 * written. Pure: the sweep reads the open work, this decides. Each event carries a dedup key of
 * (type, subject, deadline), so it is raised once per deadline however often the clock runs; a new
 * deadline (a commitment moved, a case reopened) raises it again.
 */
export interface TimeEventInputs {
  cases: {
    id: string;
    customerId: string;
    tier: CustomerTier;
    kind: CaseKind;
    severity: CaseSeverity;
    status: CaseStatus;
    openedAt: string;
    respondedAt?: string | null;
    resolvedAt?: string | null;
  }[];
  commitments: { id: string; customerId: string; dueAt: string; engineerId: string | null }[];
  handoffItems: { id: string; kind: string; customerId: string; handoffId: string; effectiveAt: string; assigneeId: string | null }[];
}

export interface TimeEventOptions {
  /** CaseSlaAtRisk this many hours before a deadline. */
  atRiskHours: number;
  /** Deadlines passed longer ago than this are history, not news (a first start on old data stays quiet). */
  lookbackHours: number;
}

export const DEFAULT_TIME_EVENT_OPTIONS: TimeEventOptions = { atRiskHours: 2, lookbackHours: 168 };

const HOUR = 3_600_000;
const iso = (t: string) => new Date(t).toISOString();

export function timeDrivenEvents(
  inputs: TimeEventInputs,
  policy: SlaPolicy,
  now: Date,
  opts: TimeEventOptions = DEFAULT_TIME_EVENT_OPTIONS,
): NewEvent[] {
  const nowMs = now.getTime();
  const at = now.toISOString();
  const recent = (deadline: string) => nowMs - new Date(deadline).getTime() <= opts.lookbackHours * HOUR;
  const out: NewEvent[] = [];
  for (const c of inputs.cases) {
    const sla = caseSla(
      { kind: c.kind, severity: c.severity, status: c.status, openedAt: c.openedAt, respondedAt: c.respondedAt, resolvedAt: c.resolvedAt },
      c.tier,
      policy,
      now,
    );
    const phases: { phase: 'RESPONSE' | 'RESOLUTION'; dueAt: string }[] = [];
    if (!c.respondedAt) phases.push({ phase: 'RESPONSE', dueAt: sla.responseDueAt });
    phases.push({ phase: 'RESOLUTION', dueAt: sla.resolveDueAt });
    for (const { phase, dueAt } of phases) {
      const left = new Date(dueAt).getTime() - nowMs;
      const type = left < 0 ? EventType.CaseSlaBreached : left <= opts.atRiskHours * HOUR ? EventType.CaseSlaAtRisk : null;
      if (!type || (type === EventType.CaseSlaBreached && !recent(dueAt))) continue;
      out.push({
        type,
        at,
        customerId: c.customerId,
        subjectIds: [c.id, c.customerId],
        payload: {
          caseId: c.id,
          customerId: c.customerId,
          phase,
          dueAt,
          severity: c.severity,
          tier: c.tier,
          hoursLeft: Math.round((left / HOUR) * 100) / 100,
        },
        dedupKey: `${type}:${c.id}:${phase}:${dueAt}`,
      });
    }
  }
  for (const m of inputs.commitments) {
    const dueAt = iso(m.dueAt);
    if (new Date(dueAt).getTime() > nowMs || !recent(dueAt)) continue;
    out.push({
      type: EventType.CommitmentDue,
      at,
      customerId: m.customerId,
      subjectIds: [m.id, m.customerId, ...(m.engineerId ? [m.engineerId] : [])],
      payload: { commitmentId: m.id, customerId: m.customerId, engineerId: m.engineerId, dueAt },
      dedupKey: `${EventType.CommitmentDue}:${m.id}:${dueAt}`,
    });
  }
  for (const i of inputs.handoffItems) {
    const dueAt = iso(i.effectiveAt);
    if (new Date(dueAt).getTime() > nowMs || !recent(dueAt)) continue;
    out.push({
      type: EventType.HandoffItemOverdue,
      at,
      customerId: i.customerId,
      subjectIds: [i.id, i.handoffId, i.customerId, ...(i.assigneeId ? [i.assigneeId] : [])],
      payload: { itemId: i.id, kind: i.kind, handoffId: i.handoffId, customerId: i.customerId, assigneeId: i.assigneeId, dueAt },
      dedupKey: `${EventType.HandoffItemOverdue}:${i.id}:${dueAt}`,
    });
  }
  return out;
}
