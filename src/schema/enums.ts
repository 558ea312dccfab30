import { registerEnumType } from 'type-graphql';
import * as E from '../domain/enums';

registerEnumType(E.RegionKind, { name: 'RegionKind' });
registerEnumType(E.CustomerTier, { name: 'CustomerTier', description: 'VIP and KEY accounts get a dedicated channel and tighter SLAs.' });
registerEnumType(E.RecordStatus, { name: 'RecordStatus', description: 'ARCHIVED records are kept for history, never deleted.' });
registerEnumType(E.ContactRole, { name: 'ContactRole', description: "A contact's level at the customer." });
registerEnumType(E.EngineerKind, { name: 'EngineerKind', description: 'Own staff or a partner (contractor) engineer.' });
registerEnumType(E.EngineerStatus, { name: 'EngineerStatus' });
registerEnumType(E.CoverageRole, { name: 'CoverageRole', description: 'The role in which an engineer covers a customer; also the escalation order.' });
registerEnumType(E.MaintenanceStatus, { name: 'MaintenanceStatus', description: 'EXPIRING = the contract ends within 30 days.' });
registerEnumType(E.CaseKind, { name: 'CaseKind' });
registerEnumType(E.CaseSeverity, { name: 'CaseSeverity' });
registerEnumType(E.CaseStatus, { name: 'CaseStatus' });
registerEnumType(E.InteractionChannel, { name: 'InteractionChannel' });
registerEnumType(E.CommitmentStatus, { name: 'CommitmentStatus' });
registerEnumType(E.HandoffReason, { name: 'HandoffReason' });
registerEnumType(E.HandoffStatus, { name: 'HandoffStatus' });
registerEnumType(E.HandoffItemKind, { name: 'HandoffItemKind' });
registerEnumType(E.HandoffItemStatus, { name: 'HandoffItemStatus' });
registerEnumType(E.OperationKind, { name: 'OperationKind', description: 'What an operation does to a device.' });
registerEnumType(E.OperationRisk, {
  name: 'OperationRisk',
  description: 'Defaults per kind: UPGRADE and ALARM_MASK HIGH; PATCH, CONFIGURATION, RESTART, REPLACEMENT MEDIUM; OTHER LOW.',
});
registerEnumType(E.OperationStatus, { name: 'OperationStatus' });
registerEnumType(E.OperationOutcome, { name: 'OperationOutcome' });
registerEnumType(E.AuthorisationSide, { name: 'AuthorisationSide', description: 'CUSTOMER: a contact with authority; OURS: a managing engineer.' });

export * from '../domain/enums';
