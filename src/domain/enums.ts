/** The closed sets of the domain (docs/domain.md). GraphQL enums are registered from these. */
export enum RegionKind {
  PROVINCE = 'PROVINCE',
  CITY = 'CITY',
  OFFICE = 'OFFICE',
}
export enum CustomerTier {
  VIP = 'VIP',
  KEY = 'KEY',
  STANDARD = 'STANDARD',
}
export enum RecordStatus {
  ACTIVE = 'ACTIVE',
  ARCHIVED = 'ARCHIVED',
}
export enum ContactRole {
  ON_DUTY = 'ON_DUTY',
  ENGINEER = 'ENGINEER',
  SUPERVISOR = 'SUPERVISOR',
  MANAGER = 'MANAGER',
  EXECUTIVE = 'EXECUTIVE',
}
export enum EngineerKind {
  EMPLOYEE = 'EMPLOYEE',
  PARTNER = 'PARTNER',
}
export enum EngineerStatus {
  ACTIVE = 'ACTIVE',
  ON_LEAVE = 'ON_LEAVE',
  TRANSFERRED = 'TRANSFERRED',
  LEFT = 'LEFT',
  ARCHIVED = 'ARCHIVED',
}
export enum CoverageRole {
  PRIMARY = 'PRIMARY',
  BACKUP = 'BACKUP',
  PARTNER_ONSITE = 'PARTNER_ONSITE',
  PRODUCT_LEAD = 'PRODUCT_LEAD',
  SERVICE_MANAGER = 'SERVICE_MANAGER',
  ACCOUNT_MANAGER = 'ACCOUNT_MANAGER',
}
export enum MaintenanceStatus {
  ACTIVE = 'ACTIVE',
  EXPIRING = 'EXPIRING',
  EXPIRED = 'EXPIRED',
  UNKNOWN = 'UNKNOWN',
}
export enum CaseKind {
  FAULT = 'FAULT',
  COMPLAINT = 'COMPLAINT',
  SERVICE_REQUEST = 'SERVICE_REQUEST',
  CHANGE = 'CHANGE',
}
export enum CaseSeverity {
  CRITICAL = 'CRITICAL',
  MAJOR = 'MAJOR',
  MINOR = 'MINOR',
}
export enum CaseStatus {
  OPEN = 'OPEN',
  IN_PROGRESS = 'IN_PROGRESS',
  WAITING_CUSTOMER = 'WAITING_CUSTOMER',
  RESOLVED = 'RESOLVED',
  CLOSED = 'CLOSED',
  ARCHIVED = 'ARCHIVED',
}
export enum InteractionChannel {
  VISIT = 'VISIT',
  CALL = 'CALL',
  EMAIL = 'EMAIL',
  MEETING = 'MEETING',
  MESSAGE = 'MESSAGE',
}
export enum CommitmentStatus {
  OPEN = 'OPEN',
  KEPT = 'KEPT',
  BROKEN = 'BROKEN',
  CANCELLED = 'CANCELLED',
}
export enum HandoffReason {
  ROTATION = 'ROTATION',
  TRANSFER = 'TRANSFER',
  LEAVE = 'LEAVE',
  VACATION = 'VACATION',
}
export enum HandoffStatus {
  PLANNED = 'PLANNED',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
}
export enum HandoffItemKind {
  VISIT_CUSTOMER = 'VISIT_CUSTOMER',
  INTRODUCE_CONTACT = 'INTRODUCE_CONTACT',
  TRANSFER_CASE = 'TRANSFER_CASE',
  TRANSFER_COMMITMENT = 'TRANSFER_COMMITMENT',
  SHARE_ESCALATION_PATH = 'SHARE_ESCALATION_PATH',
}
export enum OperationKind {
  UPGRADE = 'UPGRADE',
  PATCH = 'PATCH',
  CONFIGURATION = 'CONFIGURATION',
  ALARM_MASK = 'ALARM_MASK',
  RESTART = 'RESTART',
  REPLACEMENT = 'REPLACEMENT',
  OTHER = 'OTHER',
}
export enum OperationRisk {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
}
export enum OperationStatus {
  PLANNED = 'PLANNED',
  IN_PROGRESS = 'IN_PROGRESS',
  DONE = 'DONE',
  ROLLED_BACK = 'ROLLED_BACK',
}
export enum OperationOutcome {
  SUCCESS = 'SUCCESS',
  PARTIAL = 'PARTIAL',
  FAILED = 'FAILED',
}
export enum AuthorisationSide {
  CUSTOMER = 'CUSTOMER',
  OURS = 'OURS',
}
export enum HandoffItemStatus {
  OPEN = 'OPEN',
  DONE = 'DONE',
  WAIVED = 'WAIVED',
}

/** Case statuses in which the case still needs someone. */
export const OPEN_CASE_STATUSES: CaseStatus[] = [CaseStatus.OPEN, CaseStatus.IN_PROGRESS, CaseStatus.WAITING_CUSTOMER];

/** The escalation order of our side (DOMAIN.md / issue #3). */
export const ESCALATION_ORDER: CoverageRole[] = [
  CoverageRole.PRIMARY,
  CoverageRole.BACKUP,
  CoverageRole.PARTNER_ONSITE,
  CoverageRole.PRODUCT_LEAD,
  CoverageRole.SERVICE_MANAGER,
  CoverageRole.ACCOUNT_MANAGER,
];
