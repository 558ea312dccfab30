import { ContactRole, CoverageRole, EngineerStatus, HandoffItemKind, HandoffReason } from './enums';

/**
 * The handoff checklist rules of DOMAIN.md, as a pure function of what the outgoing engineer
 * carries at the effective time. For each customer handed over:
 *   1. VISIT_CUSTOMER — the successor meets the customer (case C4: only the big customers were visited);
 *   2. INTRODUCE_CONTACT — each current key contact (SUPERVISOR and above, and ON_DUTY staff);
 *   3. TRANSFER_CASE — each open case the outgoing engineer owns;
 *   4. TRANSFER_COMMITMENT — each open commitment the outgoing engineer made;
 *   5. SHARE_ESCALATION_PATH — the customer receives the updated escalation path (case C3).
 */
export const KEY_CONTACT_ROLES: string[] = [ContactRole.ON_DUTY, ContactRole.SUPERVISOR, ContactRole.MANAGER, ContactRole.EXECUTIVE];

export interface PortfolioEntry {
  customerId: string;
  customerName: string;
  tier: string;
  roles: string[];
}

export interface HandoffInputs {
  outgoing: { id: string; name: string; status: string };
  reason: HandoffReason;
  effectiveAt: string;
  until?: string | null;
  /** Successors in the order given; `customerIds` null = "everything not given to another successor". */
  successors: { engineerId: string; customerIds: string[] | null }[];
  portfolio: PortfolioEntry[];
  keyContacts: { customerId: string; contactId: string; name: string }[];
  openCases: { customerId: string; caseId: string; number?: string | null; slaBreached: boolean }[];
  openCommitments: { customerId: string; commitmentId: string }[];
  successorInfo: { id: string; name: string; status: string; customers: number }[];
  maxPortfolioSize: number;
}

export interface PlannedItem {
  seq: number;
  kind: HandoffItemKind;
  customerId: string;
  refersToId: string;
  assigneeId: string;
}

export interface Assignment {
  customerId: string;
  successorId: string;
  roles: string[];
}

export type WarningCode =
  | 'CUSTOMER_LEFT_WITHOUT_PRIMARY'
  | 'CUSTOMER_NOT_HANDED_OVER'
  | 'SUCCESSOR_OVERLOADED'
  | 'SUCCESSOR_NOT_ACTIVE'
  | 'CASE_PAST_SLA'
  | 'EMPTY_PORTFOLIO';

export interface PlanWarning {
  code: WarningCode;
  message: string;
  customerId?: string;
  engineerId?: string;
  caseId?: string;
}

export interface HandoffPlanResult {
  assignments: Assignment[];
  items: PlannedItem[];
  warnings: PlanWarning[];
}

export class PlanInputError extends Error {
  constructor(readonly problems: { field: string; reason: string }[]) {
    super(problems.map((p) => `${p.field}: ${p.reason}`).join('; '));
  }
}

/** Who takes which customer; every problem with the split is reported at once. */
export function assignCustomers(inputs: Pick<HandoffInputs, 'outgoing' | 'successors' | 'portfolio' | 'reason'>): Assignment[] {
  const problems: { field: string; reason: string }[] = [];
  const inPortfolio = new Map(inputs.portfolio.map((p) => [p.customerId, p]));
  const taken = new Map<string, string>();
  if (!inputs.successors.length) problems.push({ field: 'successors', reason: 'at least one successor is required' });
  const rest = inputs.successors.filter((s) => s.customerIds == null);
  if (rest.length > 1) problems.push({ field: 'successors', reason: 'only one successor may take "the rest" (omit customerIds)' });
  const seen = new Set<string>();
  inputs.successors.forEach((s, i) => {
    if (s.engineerId === inputs.outgoing.id)
      problems.push({ field: `successors[${i}].engineerId`, reason: 'the outgoing engineer cannot be his own successor' });
    if (seen.has(s.engineerId)) problems.push({ field: `successors[${i}].engineerId`, reason: `${s.engineerId} is listed twice` });
    seen.add(s.engineerId);
    for (const c of s.customerIds ?? []) {
      if (!inPortfolio.has(c))
        problems.push({
          field: `successors[${i}].customerIds`,
          reason: `${c} is not covered by ${inputs.outgoing.id} at the effective time`,
        });
      else if (taken.has(c)) problems.push({ field: `successors[${i}].customerIds`, reason: `${c} is already given to ${taken.get(c)}` });
      else taken.set(c, s.engineerId);
    }
  });
  if (problems.length) throw new PlanInputError(problems);
  const restTaker = rest[0]?.engineerId;
  const out: Assignment[] = [];
  for (const p of inputs.portfolio) {
    const successorId = taken.get(p.customerId) ?? restTaker;
    if (successorId) out.push({ customerId: p.customerId, successorId, roles: successorRoles(inputs.reason, [...p.roles].sort()) });
  }
  return out;
}

export function planHandoff(inputs: HandoffInputs): HandoffPlanResult {
  const assignments = assignCustomers(inputs);
  const items: PlannedItem[] = [];
  const warnings: PlanWarning[] = [];
  const assigned = new Map(assignments.map((a) => [a.customerId, a]));
  let seq = 0;
  const push = (kind: HandoffItemKind, customerId: string, refersToId: string, assigneeId: string) =>
    items.push({ seq: ++seq, kind, customerId, refersToId, assigneeId });

  // Customers in portfolio order (the caller sorts: VIP first, then by name).
  for (const p of inputs.portfolio) {
    const a = assigned.get(p.customerId);
    if (!a) {
      warnings.push(
        p.roles.includes(CoverageRole.PRIMARY)
          ? {
              code: 'CUSTOMER_LEFT_WITHOUT_PRIMARY',
              customerId: p.customerId,
              message: `${p.customerName} would be left with no PRIMARY engineer: no successor takes it`,
            }
          : {
              code: 'CUSTOMER_NOT_HANDED_OVER',
              customerId: p.customerId,
              message: `${p.customerName} is not handed over to anyone (${p.roles.join(', ')})`,
            },
      );
      continue;
    }
    const to = a.successorId;
    push(HandoffItemKind.VISIT_CUSTOMER, p.customerId, p.customerId, to);
    for (const c of inputs.keyContacts.filter((k) => k.customerId === p.customerId))
      push(HandoffItemKind.INTRODUCE_CONTACT, p.customerId, c.contactId, to);
    for (const k of inputs.openCases.filter((x) => x.customerId === p.customerId)) {
      push(HandoffItemKind.TRANSFER_CASE, p.customerId, k.caseId, to);
      if (k.slaBreached)
        warnings.push({
          code: 'CASE_PAST_SLA',
          customerId: p.customerId,
          caseId: k.caseId,
          message: `case ${k.number ?? k.caseId} is already past its SLA`,
        });
    }
    for (const m of inputs.openCommitments.filter((x) => x.customerId === p.customerId))
      push(HandoffItemKind.TRANSFER_COMMITMENT, p.customerId, m.commitmentId, to);
    push(HandoffItemKind.SHARE_ESCALATION_PATH, p.customerId, p.customerId, to);
  }

  if (!inputs.portfolio.length) {
    warnings.push({
      code: 'EMPTY_PORTFOLIO',
      engineerId: inputs.outgoing.id,
      message: `${inputs.outgoing.name} covers no customer at the effective time`,
    });
  }
  for (const s of inputs.successorInfo) {
    if (s.status !== EngineerStatus.ACTIVE) {
      warnings.push({ code: 'SUCCESSOR_NOT_ACTIVE', engineerId: s.id, message: `successor ${s.name} is ${s.status}, not ACTIVE` });
    }
    const incoming = assignments.filter((a) => a.successorId === s.id).length;
    if (s.customers + incoming > inputs.maxPortfolioSize) {
      warnings.push({
        code: 'SUCCESSOR_OVERLOADED',
        engineerId: s.id,
        message: `successor ${s.name} would cover ${s.customers + incoming} customers (limit ${inputs.maxPortfolioSize})`,
      });
    }
  }
  return { assignments, items, warnings };
}

/**
 * The coverage a successor receives. A permanent handoff passes each role on; VACATION cover is
 * temporary and must not create a second PRIMARY, so PRIMARY becomes BACKUP until `until`.
 */
export function successorRoles(reason: HandoffReason, roles: string[]): string[] {
  if (reason !== HandoffReason.VACATION) return roles;
  return [...new Set(roles.map((r) => (r === CoverageRole.PRIMARY ? CoverageRole.BACKUP : r)))];
}
