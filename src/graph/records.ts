import type { Value } from './store';

/**
 * Records as the repositories hand them to resolvers: a node's stored properties, plus the ids of
 * the relationship ends where a relationship is the record (coverage, employment, ownership).
 * GraphQL object types read these fields directly.
 */
export type Props = Record<string, Value>;

export interface RegionRecord {
  id: string;
  name: string;
  kind: string;
}
export interface CustomerRecord {
  id: string;
  name: string;
  nameLatin?: string | null;
  tier: string;
  segment?: string | null;
  status: string;
}
export interface ContactRecord {
  id: string;
  name: string;
  nameLatin?: string | null;
  title?: string | null;
  role: string;
  phone?: string | null;
  email?: string | null;
  status: string;
}
export interface EngineerRecord {
  id: string;
  name: string;
  nameLatin?: string | null;
  kind: string;
  status: string;
  phone?: string | null;
  email?: string | null;
  skills?: string[] | null;
}
export interface PartnerRecord {
  id: string;
  name: string;
  status: string;
}
export interface DeviceRecord {
  id: string;
  serial: string;
  model: string;
  productLine?: string | null;
  softwareVersion?: string | null;
  installedAt?: string | null;
  maintenanceUntil?: string | null;
  status: string;
}
export interface CaseRecord {
  id: string;
  number?: string | null;
  title: string;
  kind: string;
  severity: string;
  status: string;
  openedAt: string;
  respondedAt?: string | null;
  resolvedAt?: string | null;
  lastCustomerUpdateAt?: string | null;
}
export interface InteractionRecord {
  id: string;
  at: string;
  channel: string;
  summary?: string | null;
}
export interface CommitmentRecord {
  id: string;
  text: string;
  dueAt: string;
  status: string;
  madeAt?: string | null;
  resolvedAt?: string | null;
}
export interface HandoffRecord {
  id: string;
  reason: string;
  effectiveAt: string;
  status: string;
  createdAt?: string | null;
}
export interface HandoffItemRecord {
  id: string;
  kind: string;
  status: string;
  doneAt?: string | null;
  note?: string | null;
}

export interface CoverageRecord {
  id: string;
  role: string;
  from: string;
  to?: string | null;
  assignedBy?: string | null;
  engineerId: string;
  customerId: string;
  /**
   * The engineer as read with the coverage when the query asked for fewer of his properties than
   * the Engineer type has (src/resolvers/projections.ts): such a partial record answers only this
   * coverage's `engineer` field and never goes into the request's engineer loader.
   */
  engineer?: EngineerRecord;
}

export interface EmploymentRecord {
  contactId: string;
  customerId: string;
  from?: string | null;
  to?: string | null;
  title?: string | null;
}
export interface OwnershipRecord {
  caseId: string;
  engineerId: string;
  from: string;
  to?: string | null;
}

/** The property map of a node or relationship as a typed record. */
export const asRecord = <T>(v: Value): T => v as unknown as T;
