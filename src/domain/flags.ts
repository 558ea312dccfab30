import { CaseSeverity, CommitmentStatus, ContactRole, CoverageRole, CustomerTier, EngineerStatus } from './enums';
import type { EngineerKind, HandoffItemKind, InteractionChannel } from './enums';
import { isCurrentAt } from './coverage';
import { announcementGap, riskOf } from './operations';
import { AuthorisationSide, OperationKind, OperationRisk, OperationStatus } from './enums';
import { caseSla, isOpenCase } from './sla-clock';
import type { SlaCase } from './sla-clock';
import type { SlaPolicy } from './sla-policy';

/**
 * Why a customer needs attention (issue 6): pure rules over a plain snapshot of one customer, so the
 * graph layer can load every customer's snapshot in a few batched statements and the rules stay testable.
 */

/** The names are the public contract (GraphQL enum, docs/api.md, acceptance checks). */
export enum FlagCode {
  NO_PRIMARY_COVERAGE = 'NO_PRIMARY_COVERAGE',
  COVERED_BY_INACTIVE_ENGINEER = 'COVERED_BY_INACTIVE_ENGINEER',
  NO_BACKUP = 'NO_BACKUP',
  NO_CONTACT_IN_DAYS = 'NO_CONTACT_IN_DAYS',
  CASE_WITHOUT_OWNER = 'CASE_WITHOUT_OWNER',
  CASE_MANY_HANDS_NO_OWNER = 'CASE_MANY_HANDS_NO_OWNER',
  CASE_CUSTOMER_SILENCE = 'CASE_CUSTOMER_SILENCE',
  SLA_BREACHED = 'SLA_BREACHED',
  MAINTENANCE_EXPIRED = 'MAINTENANCE_EXPIRED',
  MAINTENANCE_EXPIRING = 'MAINTENANCE_EXPIRING',
  HANDOFF_ITEMS_OPEN = 'HANDOFF_ITEMS_OPEN',
  COMMITMENT_OVERDUE = 'COMMITMENT_OVERDUE',
  ENGINEER_OVERLOADED = 'ENGINEER_OVERLOADED',
  SEVERE_CASE_MANAGEMENT_NOT_INFORMED = 'SEVERE_CASE_MANAGEMENT_NOT_INFORMED',
  WORK_STRANDED = 'WORK_STRANDED',
  UNAUTHORISED_RISKY_OPERATION = 'UNAUTHORISED_RISKY_OPERATION',
  UPGRADE_WITHOUT_COMPATIBILITY_CHECK = 'UPGRADE_WITHOUT_COMPATIBILITY_CHECK',
  CHANGE_NOT_ANNOUNCED = 'CHANGE_NOT_ANNOUNCED',
}

/** One line per flag, for docs/api.md and the GraphQL enum descriptions. */
export const FLAG_DESCRIPTIONS: Record<FlagCode, string> = {
  [FlagCode.NO_PRIMARY_COVERAGE]: 'No engineer currently covers the customer as PRIMARY.',
  [FlagCode.COVERED_BY_INACTIVE_ENGINEER]:
    'A PRIMARY engineer is on leave, transferred or gone, and no ACTIVE backup covers the customer (V2, C12).',
  [FlagCode.NO_BACKUP]: 'No ACTIVE engineer currently covers the customer as BACKUP (V2, C12).',
  [FlagCode.NO_CONTACT_IN_DAYS]: 'No interaction with any current contact for longer than the tier allows (C5).',
  [FlagCode.CASE_WITHOUT_OWNER]: 'An open case has no current owner.',
  [FlagCode.CASE_MANY_HANDS_NO_OWNER]:
    'Several engineers worked on an open case and nobody owns it, or its owner has left the customer without news (C11).',
  [FlagCode.CASE_CUSTOMER_SILENCE]: 'An open case has gone without a customer update for longer than allowed (C5, C11).',
  [FlagCode.SLA_BREACHED]: 'A case missed its response or resolution time (V1).',
  [FlagCode.MAINTENANCE_EXPIRED]: 'A device at the customer is out of maintenance (V5).',
  [FlagCode.MAINTENANCE_EXPIRING]: 'A device’s maintenance ends soon (V5).',
  [FlagCode.HANDOFF_ITEMS_OPEN]: 'A handoff left checklist items open for this customer (C4).',
  [FlagCode.COMMITMENT_OVERDUE]: 'A promise to the customer is past its due time and still open.',
  [FlagCode.ENGINEER_OVERLOADED]: 'The primary engineer covers too many customers or regions (C3).',
  [FlagCode.SEVERE_CASE_MANAGEMENT_NOT_INFORMED]:
    'An open CRITICAL case with no interaction about it with the customer’s supervisor or above (C9).',
  [FlagCode.WORK_STRANDED]:
    'An open case or open commitment is still held by an engineer who is TRANSFERRED, LEFT or archived, or who no longer covers the customer.',
  [FlagCode.UNAUTHORISED_RISKY_OPERATION]:
    'A HIGH-risk operation on a device was started without the customer’s and our authorisation (C7).',
  [FlagCode.UPGRADE_WITHOUT_COMPATIBILITY_CHECK]: 'An upgrade was started without a recorded version compatibility check (C5).',
  [FlagCode.CHANGE_NOT_ANNOUNCED]:
    'A MEDIUM or HIGH-risk operation informs the customer’s staff without their supervisor from the reporting line, or informs nobody with authority (C7).',
};

/**
 * Weights for ranking the attention list. A customer's score is the sum of the weights of its distinct
 * flags times the tier multiplier. Broken promises and unowned or stalled cases weigh most (the review
 * ranks "response and tracking" first); missing redundancy and expiring contracts weigh least.
 */
export const FLAG_WEIGHTS: Record<FlagCode, number> = {
  [FlagCode.SLA_BREACHED]: 40,
  [FlagCode.NO_PRIMARY_COVERAGE]: 35,
  [FlagCode.COVERED_BY_INACTIVE_ENGINEER]: 35,
  [FlagCode.CASE_MANY_HANDS_NO_OWNER]: 30,
  [FlagCode.SEVERE_CASE_MANAGEMENT_NOT_INFORMED]: 30,
  [FlagCode.WORK_STRANDED]: 30,
  [FlagCode.UNAUTHORISED_RISKY_OPERATION]: 35,
  [FlagCode.UPGRADE_WITHOUT_COMPATIBILITY_CHECK]: 30,
  [FlagCode.CHANGE_NOT_ANNOUNCED]: 20,
  [FlagCode.CASE_WITHOUT_OWNER]: 25,
  [FlagCode.CASE_CUSTOMER_SILENCE]: 25,
  [FlagCode.COMMITMENT_OVERDUE]: 20,
  [FlagCode.HANDOFF_ITEMS_OPEN]: 15,
  [FlagCode.MAINTENANCE_EXPIRED]: 15,
  [FlagCode.NO_CONTACT_IN_DAYS]: 15,
  [FlagCode.ENGINEER_OVERLOADED]: 10,
  [FlagCode.NO_BACKUP]: 10,
  [FlagCode.MAINTENANCE_EXPIRING]: 5,
};

/** VIP and key accounts rank above standard ones with the same problems. */
export const TIER_MULTIPLIER: Record<CustomerTier, number> = {
  [CustomerTier.VIP]: 1.5,
  [CustomerTier.KEY]: 1.2,
  [CustomerTier.STANDARD]: 1,
};

// ---- the snapshot: what the graph layer loads per customer ----

export interface SnapshotEngineer {
  id: string;
  status: EngineerStatus;
  kind: EngineerKind;
}

/** A coverage current at `now` (the loader filters by from/to). */
export interface SnapshotCoverage {
  role: CoverageRole;
  engineer: SnapshotEngineer;
}

/** How much a PRIMARY engineer of this customer covers in total (current coverage, any role). */
export interface EngineerLoad {
  engineerId: string;
  customers: number;
  regions: number;
}

/** A contact currently working at the customer. */
export interface SnapshotContact {
  id: string;
  role: ContactRole;
}

export interface SnapshotInteraction {
  id: string;
  at: string;
  /** Every contact it was with, current or former: the rule keeps the current ones. */
  contactIds: string[];
  channel: InteractionChannel;
}

/** An interaction ABOUT a case, with the roles of the contacts it was WITH. */
export interface SnapshotCaseInteraction {
  id: string;
  at: string;
  contactRoles: ContactRole[];
}

export interface SnapshotCase extends SlaCase {
  id: string;
  /** The current owner's engineer id (OWNED_BY with to = null), or null. */
  owner: string | null;
  /** Engineers who WORKED_ON the case. */
  workers: string[];
  interactions: SnapshotCaseInteraction[];
}

export interface SnapshotDevice {
  id: string;
  maintenanceUntil: string | null;
}

export interface SnapshotHandoffItem {
  id: string;
  kind: HandoffItemKind;
  createdAt: string;
}

export interface SnapshotCommitment {
  id: string;
  dueAt: string;
  status: CommitmentStatus;
}

/** An open case (its current owner) or an open commitment (who promised it), with the holder's status. */
export interface SnapshotHolding {
  id: string;
  engineerId: string;
  status: EngineerStatus;
}

/** A coverage period of the customer, current or ended (any role). */
export interface SnapshotCoveragePeriod {
  engineerId: string;
  from: string;
  to: string | null;
}

/** Open work and who holds it, with every coverage period of the customer (WORK_STRANDED). */
export interface SnapshotHeldWork {
  cases: SnapshotHolding[];
  commitments: SnapshotHolding[];
  coveragePeriods: SnapshotCoveragePeriod[];
}

/** An operation on one of the customer's devices: planned or in progress, or started recently. */
export interface SnapshotOperation {
  id: string;
  kind: string;
  risk: string | null;
  status: string;
  startedAt: string | null;
  compatibilityCheckedAt: string | null;
  deviceId: string;
  /** AUTHORISED_BY sides present (CUSTOMER, OURS). */
  authorisedSides: string[];
  performerIds: string[];
  informed: { id: string; role: string | null; reportsToId: string | null }[];
}

export interface CustomerSnapshot {
  customer: { id: string; tier: CustomerTier };
  coverage: SnapshotCoverage[];
  /** One entry per PRIMARY engineer in `coverage`; a primary missing here is not judged overloaded. */
  primaryLoad: EngineerLoad[];
  contacts: SnapshotContact[];
  interactions: SnapshotInteraction[];
  /** Open cases, plus closed ones resolved recently (older closed cases are ignored by every rule). */
  cases: SnapshotCase[];
  devices: SnapshotDevice[];
  /** OPEN items of handoffs that refer to this customer or its contacts, cases and commitments. */
  openHandoffItems: SnapshotHandoffItem[];
  commitments: SnapshotCommitment[];
  /** Absent: WORK_STRANDED is not judged. */
  heldWork?: SnapshotHeldWork;
  /** Operations on the customer's devices (absent = none loaded). */
  operations?: SnapshotOperation[];
}

// ---- flags ----

/** The entity ids and numbers behind a flag. Hours and days are whole: elapsed time rounded down. */
export interface FlagEvidence {
  caseIds?: string[];
  engineerIds?: string[];
  contactIds?: string[];
  deviceIds?: string[];
  handoffItemIds?: string[];
  commitmentIds?: string[];
  interactionIds?: string[];
  operationIds?: string[];
  /** The worst case among the entities (longest silence, most overdue, oldest...). */
  hours?: number;
  days?: number;
  count?: number;
  /** The threshold that was exceeded, in the unit of hours/days. */
  limit?: number;
  customerCount?: number;
  regionCount?: number;
  maxCustomers?: number;
  maxRegions?: number;
}

export interface Flag {
  code: FlagCode;
  message: string;
  evidence: FlagEvidence;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const MANAGEMENT_ROLES: ContactRole[] = [ContactRole.SUPERVISOR, ContactRole.MANAGER, ContactRole.EXECUTIVE];

const ms = (iso: string): number => new Date(iso).getTime();
const sortedUnique = (ids: Iterable<string>): string[] => [...new Set(ids)].sort();
const list = (ids: string[]): string => ids.join(', ');
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
const maxOf = (xs: number[]): number => xs.reduce((a, b) => Math.max(a, b), -Infinity);

type Rule = (s: CustomerSnapshot, policy: SlaPolicy, now: Date) => Flag | null;

const primaries = (s: CustomerSnapshot) => s.coverage.filter((c) => c.role === CoverageRole.PRIMARY);
const activeBackups = (s: CustomerSnapshot) =>
  s.coverage.filter((c) => c.role === CoverageRole.BACKUP && c.engineer.status === EngineerStatus.ACTIVE);
const openCases = (s: CustomerSnapshot) => s.cases.filter((c) => isOpenCase(c.status));

const noPrimaryCoverage: Rule = (s) => {
  if (primaries(s).length > 0) return null;
  const others = sortedUnique(s.coverage.map((c) => c.engineer.id));
  return {
    code: FlagCode.NO_PRIMARY_COVERAGE,
    message: others.length
      ? `No PRIMARY engineer; only other roles cover the customer (${list(others)})`
      : 'No engineer covers this customer at all',
    evidence: { engineerIds: others, count: 0 },
  };
};

const coveredByInactiveEngineer: Rule = (s) => {
  const inactive = primaries(s).filter((c) => c.engineer.status !== EngineerStatus.ACTIVE);
  if (inactive.length === 0 || activeBackups(s).length > 0) return null;
  const who = inactive.map((c) => `${c.engineer.id} (${c.engineer.status})`).sort();
  return {
    code: FlagCode.COVERED_BY_INACTIVE_ENGINEER,
    message: `PRIMARY ${list(who)} cannot be reached and no ACTIVE backup covers the customer`,
    evidence: { engineerIds: sortedUnique(inactive.map((c) => c.engineer.id)) },
  };
};

const noBackup: Rule = (s) => {
  if (activeBackups(s).length > 0) return null;
  const inactive = sortedUnique(s.coverage.filter((c) => c.role === CoverageRole.BACKUP).map((c) => c.engineer.id));
  return {
    code: FlagCode.NO_BACKUP,
    message: inactive.length ? `No ACTIVE backup: backup ${list(inactive)} is not available` : 'No backup covers this customer',
    evidence: { engineerIds: inactive, count: 0 },
  };
};

/**
 * The last contact with the customer, the one definition behind `customer.lastCustomerContact` and
 * NO_CONTACT_IN_DAYS: the latest interaction at or before `now` WITH at least one person currently
 * working at the customer. Internal notes (nobody of the customer), talks with former contacts and
 * planned (future) interactions do not count. Ties: the greater id.
 */
export function lastCustomerContact(s: Pick<CustomerSnapshot, 'contacts' | 'interactions'>, now: Date): SnapshotInteraction | undefined {
  const current = new Set(s.contacts.map((c) => c.id));
  let last: SnapshotInteraction | undefined;
  for (const i of s.interactions) {
    if (ms(i.at) > now.getTime() || !i.contactIds.some((id) => current.has(id))) continue;
    if (!last || ms(i.at) > ms(last.at) || (ms(i.at) === ms(last.at) && i.id > last.id)) last = i;
  }
  return last;
}

const noContactInDays: Rule = (s, policy, now) => {
  const limit = policy.thresholds.noContactDays[s.customer.tier];
  const current = new Set(s.contacts.map((c) => c.id));
  const last = lastCustomerContact(s, now);
  const contactIds = sortedUnique(current);
  if (!last) {
    return {
      code: FlagCode.NO_CONTACT_IN_DAYS,
      message: contactIds.length ? 'No recorded interaction with any current contact' : 'The customer has no current contact to talk to',
      evidence: { contactIds, interactionIds: [], limit },
    };
  }
  const elapsedMs = now.getTime() - ms(last.at);
  if (elapsedMs <= limit * DAY_MS) return null;
  const days = Math.floor(elapsedMs / DAY_MS);
  return {
    code: FlagCode.NO_CONTACT_IN_DAYS,
    message: `No interaction with any current contact for ${days} days (limit ${limit} for ${s.customer.tier}); last was ${last.id}`,
    evidence: { contactIds: sortedUnique(last.contactIds.filter((id) => current.has(id))), interactionIds: [last.id], days, limit },
  };
};

const caseWithoutOwner: Rule = (s, _policy, now) => {
  const cases = openCases(s).filter((c) => c.owner == null);
  if (cases.length === 0) return null;
  const caseIds = sortedUnique(cases.map((c) => c.id));
  const hours = Math.floor(maxOf(cases.map((c) => (now.getTime() - ms(c.openedAt)) / HOUR_MS)));
  return {
    code: FlagCode.CASE_WITHOUT_OWNER,
    message: `${plural(caseIds.length, 'open case')} without a current owner: ${list(caseIds)} (oldest open ${hours} h)`,
    evidence: { caseIds, count: caseIds.length, hours },
  };
};

const caseManyHandsNoOwner: Rule = (s, policy, now) => {
  const { caseManyHands, customerSilenceHours } = policy.thresholds;
  const hits: { id: string; hands: string[]; silentHours: number }[] = [];
  for (const c of openCases(s)) {
    const hands = sortedUnique(c.owner ? [...c.workers, c.owner] : c.workers);
    const silentHours = (now.getTime() - ms(c.lastCustomerUpdateAt ?? c.openedAt)) / HOUR_MS;
    if (hands.length >= caseManyHands && (c.owner == null || silentHours > customerSilenceHours)) {
      hits.push({ id: c.id, hands, silentHours });
    }
  }
  if (hits.length === 0) return null;
  const caseIds = sortedUnique(hits.map((h) => h.id));
  const hours = Math.floor(maxOf(hits.map((h) => h.silentHours)));
  const count = maxOf(hits.map((h) => h.hands.length));
  return {
    code: FlagCode.CASE_MANY_HANDS_NO_OWNER,
    message: `${plural(caseIds.length, 'open case')} passed through ${count}+ engineers with nobody answering for it: ${list(caseIds)}; customer without news for ${hours} h`,
    evidence: { caseIds, engineerIds: sortedUnique(hits.flatMap((h) => h.hands)), count, hours, limit: customerSilenceHours },
  };
};

const caseCustomerSilence: Rule = (s, policy, now) => {
  const hits = openCases(s)
    .map((c) => ({ c, sla: caseSla(c, s.customer.tier, policy, now) }))
    .filter((x) => x.sla.silenceBreached);
  if (hits.length === 0) return null;
  const worst = hits.reduce((a, b) => (b.sla.silentForHours! > a.sla.silentForHours! ? b : a));
  const caseIds = sortedUnique(hits.map((x) => x.c.id));
  const hours = Math.floor(worst.sla.silentForHours!);
  return {
    code: FlagCode.CASE_CUSTOMER_SILENCE,
    message: `${plural(caseIds.length, 'open case')} without a customer update for too long: ${list(caseIds)} (longest ${hours} h on ${worst.c.id}, allowed ${worst.sla.silenceLimitHours} h)`,
    evidence: { caseIds, hours, limit: worst.sla.silenceLimitHours },
  };
};

const slaBreached: Rule = (s, policy, now) => {
  const lookbackStart = now.getTime() - policy.thresholds.lateResolvedLookbackDays * DAY_MS;
  const hits: { id: string; overdue: number }[] = [];
  for (const c of s.cases) {
    const sla = caseSla(c, s.customer.tier, policy, now);
    if (isOpenCase(c.status)) {
      if (sla.responseBreached || sla.resolveBreached) {
        hits.push({ id: c.id, overdue: Math.max(sla.responseOverdueHours, sla.resolveOverdueHours) });
      }
    } else if (sla.resolveBreached && c.resolvedAt && ms(c.resolvedAt) >= lookbackStart) {
      // Closed cases count only when resolved late, and only recently (the customer still remembers).
      hits.push({ id: c.id, overdue: sla.resolveOverdueHours });
    }
  }
  if (hits.length === 0) return null;
  const caseIds = sortedUnique(hits.map((h) => h.id));
  const hours = Math.floor(maxOf(hits.map((h) => h.overdue)));
  return {
    code: FlagCode.SLA_BREACHED,
    message: `${plural(caseIds.length, 'case')} missed the response or resolution time: ${list(caseIds)} (worst ${hours} h late)`,
    evidence: { caseIds, count: caseIds.length, hours },
  };
};

const maintenanceExpired: Rule = (s, _policy, now) => {
  const hits = s.devices.filter((d) => d.maintenanceUntil && ms(d.maintenanceUntil) <= now.getTime());
  if (hits.length === 0) return null;
  const deviceIds = sortedUnique(hits.map((d) => d.id));
  const days = Math.floor(maxOf(hits.map((d) => (now.getTime() - ms(d.maintenanceUntil!)) / DAY_MS)));
  return {
    code: FlagCode.MAINTENANCE_EXPIRED,
    message: `${plural(deviceIds.length, 'device')} out of maintenance: ${list(deviceIds)} (longest expired ${days} days ago)`,
    evidence: { deviceIds, count: deviceIds.length, days },
  };
};

const maintenanceExpiring: Rule = (s, policy, now) => {
  const limit = policy.thresholds.maintenanceExpiringDays;
  const hits = s.devices.filter((d) => {
    if (!d.maintenanceUntil) return false;
    const left = ms(d.maintenanceUntil) - now.getTime();
    return left > 0 && left <= limit * DAY_MS;
  });
  if (hits.length === 0) return null;
  const deviceIds = sortedUnique(hits.map((d) => d.id));
  // Days left rounded up: "ends in 1 day" rather than "in 0 days" for the last day.
  const days = Math.ceil(Math.min(...hits.map((d) => (ms(d.maintenanceUntil!) - now.getTime()) / DAY_MS)));
  return {
    code: FlagCode.MAINTENANCE_EXPIRING,
    message: `${plural(deviceIds.length, 'device')} ${deviceIds.length === 1 ? 'leaves' : 'leave'} maintenance within ${limit} days: ${list(deviceIds)} (first in ${days} days)`,
    evidence: { deviceIds, count: deviceIds.length, days, limit },
  };
};

const handoffItemsOpen: Rule = (s, _policy, now) => {
  if (s.openHandoffItems.length === 0) return null;
  const handoffItemIds = sortedUnique(s.openHandoffItems.map((i) => i.id));
  const days = Math.max(0, Math.floor(maxOf(s.openHandoffItems.map((i) => (now.getTime() - ms(i.createdAt)) / DAY_MS))));
  const kinds = sortedUnique(s.openHandoffItems.map((i) => i.kind));
  return {
    code: FlagCode.HANDOFF_ITEMS_OPEN,
    message: `${plural(handoffItemIds.length, 'handoff item')} still open (${list(kinds)}), oldest ${days} days`,
    evidence: { handoffItemIds, count: handoffItemIds.length, days },
  };
};

const commitmentOverdue: Rule = (s, _policy, now) => {
  // BROKEN ones are already acknowledged; only promises still marked OPEN after their due time are silent failures.
  const hits = s.commitments.filter((c) => c.status === CommitmentStatus.OPEN && ms(c.dueAt) < now.getTime());
  if (hits.length === 0) return null;
  const commitmentIds = sortedUnique(hits.map((c) => c.id));
  const hours = Math.floor(maxOf(hits.map((c) => (now.getTime() - ms(c.dueAt)) / HOUR_MS)));
  return {
    code: FlagCode.COMMITMENT_OVERDUE,
    message: `${plural(commitmentIds.length, 'open commitment')} past due: ${list(commitmentIds)} (worst ${hours} h overdue)`,
    evidence: { commitmentIds, count: commitmentIds.length, hours },
  };
};

const engineerOverloaded: Rule = (s, policy) => {
  const { maxCustomers, maxRegions } = policy.thresholds.overloadedPrimary;
  const primaryIds = new Set(primaries(s).map((c) => c.engineer.id));
  const hits = s.primaryLoad.filter((l) => primaryIds.has(l.engineerId) && (l.customers > maxCustomers || l.regions > maxRegions));
  if (hits.length === 0) return null;
  const detail = [...hits]
    .sort((a, b) => a.engineerId.localeCompare(b.engineerId))
    .map((l) => `${l.engineerId} covers ${plural(l.customers, 'customer')} in ${plural(l.regions, 'region')}`);
  return {
    code: FlagCode.ENGINEER_OVERLOADED,
    message: `Primary overloaded: ${detail.join('; ')} (limits ${maxCustomers} customers, ${maxRegions} regions)`,
    evidence: {
      engineerIds: sortedUnique(hits.map((l) => l.engineerId)),
      customerCount: maxOf(hits.map((l) => l.customers)),
      regionCount: maxOf(hits.map((l) => l.regions)),
      maxCustomers,
      maxRegions,
    },
  };
};

const severeCaseManagementNotInformed: Rule = (s, _policy, now) => {
  const hits = openCases(s).filter(
    (c) =>
      c.severity === CaseSeverity.CRITICAL &&
      !c.interactions.some((i) => ms(i.at) <= now.getTime() && i.contactRoles.some((r) => MANAGEMENT_ROLES.includes(r))),
  );
  if (hits.length === 0) return null;
  const caseIds = sortedUnique(hits.map((c) => c.id));
  const hours = Math.max(0, Math.floor(maxOf(hits.map((c) => (now.getTime() - ms(c.openedAt)) / HOUR_MS))));
  return {
    code: FlagCode.SEVERE_CASE_MANAGEMENT_NOT_INFORMED,
    message: `${plural(caseIds.length, 'open CRITICAL case')} never discussed with the customer's supervisor or above: ${list(caseIds)} (open ${hours} h)`,
    evidence: { caseIds, count: caseIds.length, hours },
  };
};

const GONE: EngineerStatus[] = [EngineerStatus.TRANSFERRED, EngineerStatus.LEFT, EngineerStatus.ARCHIVED];

/**
 * Why the holder of open work is no longer there for the customer: his status (TRANSFERRED, LEFT,
 * ARCHIVED), or his coverage of the customer has ended and none is current at `now`. An engineer who
 * never covered the customer (a specialist owning a case) is not judged on coverage.
 */
export function goneFromCustomer(h: SnapshotHolding, periods: SnapshotCoveragePeriod[], now: Date): string | null {
  if (GONE.includes(h.status)) return h.status;
  const his = periods.filter((p) => p.engineerId === h.engineerId);
  const current = his.some((p) => isCurrentAt(p, now));
  const ended = his.some((p) => p.to != null && ms(p.to) <= now.getTime());
  return !current && ended ? 'no longer covers the customer' : null;
}

const workStranded: Rule = (s, _policy, now) => {
  if (!s.heldWork) return null;
  const { cases, commitments, coveragePeriods } = s.heldWork;
  const why = (h: SnapshotHolding) => goneFromCustomer(h, coveragePeriods, now);
  const strandedCases = cases.filter((h) => why(h));
  const strandedCommitments = commitments.filter((h) => why(h));
  if (strandedCases.length === 0 && strandedCommitments.length === 0) return null;
  const all = [...strandedCases, ...strandedCommitments].sort((a, b) => a.id.localeCompare(b.id));
  const parts: string[] = [];
  if (strandedCases.length) parts.push(plural(strandedCases.length, 'open case'));
  if (strandedCommitments.length) parts.push(plural(strandedCommitments.length, 'open commitment'));
  return {
    code: FlagCode.WORK_STRANDED,
    message: `${parts.join(' and ')} held by engineers no longer there for the customer: ${all.map((h) => `${h.id} (${h.engineerId}, ${why(h)})`).join(', ')}`,
    evidence: {
      caseIds: sortedUnique(strandedCases.map((h) => h.id)),
      commitmentIds: sortedUnique(strandedCommitments.map((h) => h.id)),
      engineerIds: sortedUnique(all.map((h) => h.engineerId)),
      count: all.length,
    },
  };
};

const startedOps = (s: CustomerSnapshot) => (s.operations ?? []).filter((o) => o.startedAt != null && o.status !== OperationStatus.PLANNED);

const unauthorisedRiskyOperation: Rule = (s) => {
  const hits = startedOps(s).filter(
    (o) =>
      riskOf(o) === OperationRisk.HIGH &&
      !(o.authorisedSides.includes(AuthorisationSide.CUSTOMER) && o.authorisedSides.includes(AuthorisationSide.OURS)),
  );
  if (hits.length === 0) return null;
  const operationIds = sortedUnique(hits.map((o) => o.id));
  const detail = [...hits]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((o) => {
      const missing = [AuthorisationSide.CUSTOMER, AuthorisationSide.OURS].filter((side) => !o.authorisedSides.includes(side));
      return `${o.id} (${o.kind} on ${o.deviceId}, missing ${missing.join(' and ')})`;
    });
  return {
    code: FlagCode.UNAUTHORISED_RISKY_OPERATION,
    message: `${plural(operationIds.length, 'HIGH-risk operation')} started without both authorisations: ${detail.join('; ')}`,
    evidence: {
      operationIds,
      deviceIds: sortedUnique(hits.map((o) => o.deviceId)),
      engineerIds: sortedUnique(hits.flatMap((o) => o.performerIds)),
      count: operationIds.length,
    },
  };
};

const upgradeWithoutCompatibilityCheck: Rule = (s) => {
  const hits = startedOps(s).filter((o) => o.kind === OperationKind.UPGRADE && !o.compatibilityCheckedAt);
  if (hits.length === 0) return null;
  const operationIds = sortedUnique(hits.map((o) => o.id));
  return {
    code: FlagCode.UPGRADE_WITHOUT_COMPATIBILITY_CHECK,
    message: `${plural(operationIds.length, 'upgrade')} started without a compatibility check: ${list(operationIds)}`,
    evidence: {
      operationIds,
      deviceIds: sortedUnique(hits.map((o) => o.deviceId)),
      engineerIds: sortedUnique(hits.flatMap((o) => o.performerIds)),
      count: operationIds.length,
    },
  };
};

const changeNotAnnounced: Rule = (s) => {
  const hits: { id: string; deviceId: string; missing: string[]; reason: string }[] = [];
  for (const o of s.operations ?? []) {
    if (riskOf(o) === OperationRisk.LOW || (o.status === OperationStatus.ROLLED_BACK && !o.startedAt)) continue;
    const gap = announcementGap(o.informed);
    if (gap) hits.push({ id: o.id, deviceId: o.deviceId, missing: gap.missingIds, reason: gap.reason });
  }
  if (hits.length === 0) return null;
  hits.sort((a, b) => a.id.localeCompare(b.id));
  return {
    code: FlagCode.CHANGE_NOT_ANNOUNCED,
    message: `${plural(hits.length, 'operation')} not announced to the right people: ${hits.map((h) => `${h.id} ${h.reason}`).join('; ')}`,
    evidence: {
      operationIds: hits.map((h) => h.id),
      deviceIds: sortedUnique(hits.map((h) => h.deviceId)),
      contactIds: sortedUnique(hits.flatMap((h) => h.missing)),
      count: hits.length,
    },
  };
};

const RULES: Record<FlagCode, Rule> = {
  [FlagCode.NO_PRIMARY_COVERAGE]: noPrimaryCoverage,
  [FlagCode.COVERED_BY_INACTIVE_ENGINEER]: coveredByInactiveEngineer,
  [FlagCode.NO_BACKUP]: noBackup,
  [FlagCode.NO_CONTACT_IN_DAYS]: noContactInDays,
  [FlagCode.CASE_WITHOUT_OWNER]: caseWithoutOwner,
  [FlagCode.CASE_MANY_HANDS_NO_OWNER]: caseManyHandsNoOwner,
  [FlagCode.CASE_CUSTOMER_SILENCE]: caseCustomerSilence,
  [FlagCode.SLA_BREACHED]: slaBreached,
  [FlagCode.MAINTENANCE_EXPIRED]: maintenanceExpired,
  [FlagCode.MAINTENANCE_EXPIRING]: maintenanceExpiring,
  [FlagCode.HANDOFF_ITEMS_OPEN]: handoffItemsOpen,
  [FlagCode.COMMITMENT_OVERDUE]: commitmentOverdue,
  [FlagCode.ENGINEER_OVERLOADED]: engineerOverloaded,
  [FlagCode.SEVERE_CASE_MANAGEMENT_NOT_INFORMED]: severeCaseManagementNotInformed,
  [FlagCode.WORK_STRANDED]: workStranded,
  [FlagCode.UNAUTHORISED_RISKY_OPERATION]: unauthorisedRiskyOperation,
  [FlagCode.UPGRADE_WITHOUT_COMPATIBILITY_CHECK]: upgradeWithoutCompatibilityCheck,
  [FlagCode.CHANGE_NOT_ANNOUNCED]: changeNotAnnounced,
};

const CODE_ORDER = Object.values(FlagCode);

/** Every flag that applies to the customer at `now`, heaviest first (ties in FlagCode order). */
export function evaluateFlags(snapshot: CustomerSnapshot, policy: SlaPolicy, now: Date): Flag[] {
  const flags: Flag[] = [];
  for (const code of CODE_ORDER) {
    const flag = RULES[code](snapshot, policy, now);
    if (flag) flags.push(flag);
  }
  return flags.sort((a, b) => FLAG_WEIGHTS[b.code] - FLAG_WEIGHTS[a.code] || CODE_ORDER.indexOf(a.code) - CODE_ORDER.indexOf(b.code));
}

/**
 * The attention score: sum of FLAG_WEIGHTS over the distinct flag codes, times TIER_MULTIPLIER of the
 * customer's tier (1 when no tier is given), rounded to one decimal. 0 means nothing to look at.
 */
export function severityScore(flags: readonly Flag[], tier: CustomerTier = CustomerTier.STANDARD): number {
  const sum = [...new Set(flags.map((f) => f.code))].reduce((acc, code) => acc + FLAG_WEIGHTS[code], 0);
  return Math.round(sum * TIER_MULTIPLIER[tier] * 10) / 10;
}
