import { AuthorisationSide, ContactRole, CoverageRole, OperationKind, OperationRisk, OperationStatus } from './enums';

/**
 * Change control on devices (issue 14, cases C5 and C7): pure rules over an operation's plain record.
 * The graph layer loads the record and its authorisations; these rules say what is allowed and what
 * is missing, in words a user can act on.
 */

/**
 * The risk an operation gets when the planner does not give one. Alarm masking hides faults from the
 * customer's staff (C7) and an upgrade can break services (C5): both are HIGH. Patches, configuration
 * changes, restarts and replacements interrupt or alter service: MEDIUM. Anything else: LOW.
 */
export const DEFAULT_RISK: Record<OperationKind, OperationRisk> = {
  [OperationKind.UPGRADE]: OperationRisk.HIGH,
  [OperationKind.ALARM_MASK]: OperationRisk.HIGH,
  [OperationKind.PATCH]: OperationRisk.MEDIUM,
  [OperationKind.CONFIGURATION]: OperationRisk.MEDIUM,
  [OperationKind.RESTART]: OperationRisk.MEDIUM,
  [OperationKind.REPLACEMENT]: OperationRisk.MEDIUM,
  [OperationKind.OTHER]: OperationRisk.LOW,
};

export const riskOf = (op: { kind: string; risk?: string | null }): OperationRisk =>
  (op.risk as OperationRisk | null | undefined) ?? DEFAULT_RISK[op.kind as OperationKind] ?? OperationRisk.LOW;

/** Contact roles that may authorise an operation for the customer. */
export const CUSTOMER_AUTHORITY: ContactRole[] = [ContactRole.SUPERVISOR, ContactRole.MANAGER, ContactRole.EXECUTIVE];

/**
 * Our side: an engineer who, at the time of authorising, covers the device's customer as
 * SERVICE_MANAGER or PRODUCT_LEAD (the managing roles of the coverage model).
 */
export const OUR_AUTHORITY: CoverageRole[] = [CoverageRole.SERVICE_MANAGER, CoverageRole.PRODUCT_LEAD];

export interface OperationFacts {
  id: string;
  kind: string;
  risk?: string | null;
  status: string;
  compatibilityCheckedAt?: string | null;
  authorisedSides: string[];
}

/**
 * What is missing before the operation may start (empty = it may start). HIGH risk needs both
 * authorisations, and an upgrade of any risk needs its compatibility check.
 */
export function missingBeforeStart(op: OperationFacts): string[] {
  const missing: string[] = [];
  if (riskOf(op) === OperationRisk.HIGH) {
    if (!op.authorisedSides.includes(AuthorisationSide.CUSTOMER))
      missing.push("the customer's authorisation (a contact with SUPERVISOR authority or above)");
    if (!op.authorisedSides.includes(AuthorisationSide.OURS))
      missing.push("our authorisation (the customer's SERVICE_MANAGER or PRODUCT_LEAD)");
  }
  if (op.kind === OperationKind.UPGRADE && !op.compatibilityCheckedAt)
    missing.push('a recorded compatibility check (recordCompatibilityCheck)');
  return missing;
}

/**
 * The statuses each step may start from. An authorisation, a compatibility check or an announcement
 * can be recorded after the fact (they then clear the flag; the change history keeps when).
 */
export const ALLOWED_FROM: Record<'authorise' | 'check' | 'inform' | 'start' | 'complete' | 'rollBack', OperationStatus[]> = {
  authorise: [OperationStatus.PLANNED, OperationStatus.IN_PROGRESS, OperationStatus.DONE],
  check: [OperationStatus.PLANNED, OperationStatus.IN_PROGRESS, OperationStatus.DONE],
  inform: [OperationStatus.PLANNED, OperationStatus.IN_PROGRESS, OperationStatus.DONE],
  start: [OperationStatus.PLANNED],
  complete: [OperationStatus.IN_PROGRESS],
  rollBack: [OperationStatus.IN_PROGRESS, OperationStatus.DONE],
};

/** null when the step is allowed from this status, else the reason. */
export function stepProblem(step: keyof typeof ALLOWED_FROM, status: string): string | null {
  return ALLOWED_FROM[step].includes(status as OperationStatus)
    ? null
    : `cannot ${step === 'rollBack' ? 'roll back' : step} an operation that is ${status} (allowed from ${ALLOWED_FROM[step].join(' or ')})`;
}

/** A contact the operation informs, with the one he reports to (REPORTS_TO), if any. */
export interface InformedContact {
  id: string;
  role: string | null;
  reportsToId: string | null;
}

/**
 * CHANGE_NOT_ANNOUNCED: the staff informed of a change (on-duty staff, engineers) must be informed
 * together with their supervisor from the reporting line (REPORTS_TO), and somebody with authority
 * must know. Returns null when the announcement is complete, else the supervisors missing and why.
 */
export function announcementGap(informed: InformedContact[]): { missingIds: string[]; reason: string } | null {
  if (!informed.length) return { missingIds: [], reason: 'informs no customer contact' };
  const ids = new Set(informed.map((c) => c.id));
  const isAuthority = (c: InformedContact) => CUSTOMER_AUTHORITY.includes(c.role as ContactRole);
  const missing = new Set<string>();
  for (const c of informed) {
    if (!isAuthority(c) && c.reportsToId && !ids.has(c.reportsToId)) missing.add(c.reportsToId);
  }
  if (missing.size)
    return { missingIds: [...missing].sort(), reason: `informs staff without their supervisor ${[...missing].sort().join(', ')}` };
  if (!informed.some(isAuthority)) return { missingIds: [], reason: 'informs no supervisor or manager' };
  return null;
}
