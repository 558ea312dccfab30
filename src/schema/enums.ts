import { registerEnumType } from 'type-graphql';
import * as E from '../domain/enums';

registerEnumType(E.RegionKind, { name: 'RegionKind', description: 'Level of a region in the hierarchy: province, city, office.' });
registerEnumType(E.CustomerTier, { name: 'CustomerTier', description: 'VIP and KEY accounts get a dedicated channel and tighter SLAs.' });
registerEnumType(E.RecordStatus, { name: 'RecordStatus', description: 'ARCHIVED records are kept for history, never deleted.' });
registerEnumType(E.ContactRole, { name: 'ContactRole', description: "A contact's level at the customer." });
registerEnumType(E.EngineerKind, { name: 'EngineerKind', description: 'Own staff or a partner (contractor) engineer.' });
registerEnumType(E.EngineerStatus, {
  name: 'EngineerStatus',
  description: 'Where an engineer stands: active, on leave, transferred away, left the company, archived.',
});
registerEnumType(E.CoverageRole, {
  name: 'CoverageRole',
  description: 'The role in which an engineer covers a customer; also the escalation order.',
});
registerEnumType(E.MaintenanceStatus, { name: 'MaintenanceStatus', description: 'EXPIRING = the contract ends within 30 days.' });
registerEnumType(E.CaseKind, {
  name: 'CaseKind',
  description: 'What a case is about: a fault, a complaint, a service request or a change.',
});
registerEnumType(E.CaseSeverity, {
  name: 'CaseSeverity',
  description: 'How serious a case is; with the customer tier it sets the SLA targets.',
});
registerEnumType(E.CaseStatus, {
  name: 'CaseStatus',
  description: 'Where a case is in its life; OPEN, IN_PROGRESS and WAITING_CUSTOMER still need someone.',
});
registerEnumType(E.InteractionChannel, { name: 'InteractionChannel', description: 'How we were in contact with the customer.' });
registerEnumType(E.CommitmentStatus, {
  name: 'CommitmentStatus',
  description: 'A promise made to a customer: OPEN until kept, broken or cancelled.',
});
registerEnumType(E.HandoffReason, { name: 'HandoffReason', description: 'Why an engineer hands over their customers.' });
registerEnumType(E.HandoffStatus, {
  name: 'HandoffStatus',
  description: 'Where a handoff is: planned, in progress (checklist being worked), completed or cancelled.',
});
registerEnumType(E.HandoffItemKind, { name: 'HandoffItemKind', description: 'What a handoff checklist item asks for.' });
registerEnumType(E.HandoffItemStatus, {
  name: 'HandoffItemStatus',
  description: 'A checklist item is OPEN until done or waived (with a note).',
});
registerEnumType(E.OperationKind, { name: 'OperationKind', description: 'What an operation does to a device.' });
registerEnumType(E.OperationRisk, {
  name: 'OperationRisk',
  description: 'Defaults per kind: UPGRADE and ALARM_MASK HIGH; PATCH, CONFIGURATION, RESTART, REPLACEMENT MEDIUM; OTHER LOW.',
});
registerEnumType(E.OperationStatus, {
  name: 'OperationStatus',
  description: 'Where an operation on a device stands: PLANNED, IN_PROGRESS once started, then DONE or ROLLED_BACK.',
});
registerEnumType(E.OperationOutcome, {
  name: 'OperationOutcome',
  description: 'How a completed operation went (SUCCESS, PARTIAL or FAILED), as recorded by completeOperation.',
});
registerEnumType(E.AuthorisationSide, {
  name: 'AuthorisationSide',
  description: 'CUSTOMER: a contact with authority; OURS: a managing engineer.',
});

export * from '../domain/enums';
