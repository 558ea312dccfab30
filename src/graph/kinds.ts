import * as E from '../domain/enums';
import type { NodeLabel } from '../domain/ids';

/**
 * The record kinds Rapport stores, declared once. The bulk import, the demo seed and the test
 * fixtures all write through these declarations (see upsert.repo.ts), so a field is validated and
 * stored the same way whichever path brings it in.
 */
export type FieldType = 'string' | 'text' | 'datetime' | 'int' | 'number' | 'boolean' | 'string[]' | 'enum';

export interface FieldSpec {
  name: string;
  type: FieldType;
  required?: boolean;
  values?: readonly string[];
  /** Longest string (characters). */
  max?: number;
  /** A format the value must match: an e-mail or phone number. */
  format?: 'email' | 'phone';
  default?: unknown;
}

/** A single-valued or many-valued relationship given as id field(s) on the row. */
export interface LinkSpec {
  field: string;
  rel: string;
  /** The target's label; several when the id's prefix decides (a handoff item's subject). */
  target: NodeLabel | NodeLabel[];
  /** out: (row node)-[rel]->(target); in: (target)-[rel]->(row node). */
  direction: 'out' | 'in';
  many?: boolean;
  required?: boolean;
}

export interface NodeKind {
  kind: string;
  label: NodeLabel;
  fields: FieldSpec[];
  links: LinkSpec[];
}

/** A relationship that carries data, keyed so that importing it twice does not duplicate it. */
export interface EdgeKind {
  kind: string;
  rel: string;
  from: { field: string; label: NodeLabel };
  to: { field: string; label: NodeLabel };
  /** Row fields that identify one relationship (besides its two ends); `id` when it has one. */
  key: string[];
  fields: FieldSpec[];
}

const str = (name: string, max = 200, required = false): FieldSpec => ({ name, type: 'string', max, required });
const enm = (name: string, values: Record<string, string>, required = true, dflt?: string): FieldSpec => ({
  name,
  type: 'enum',
  values: Object.values(values),
  required,
  default: dflt,
});
const dt = (name: string, required = false): FieldSpec => ({ name, type: 'datetime', required });
const id: FieldSpec = { name: 'id', type: 'string', required: true, max: 84 };
const status = enm('status', E.RecordStatus, false, E.RecordStatus.ACTIVE);

export const NODE_KINDS: NodeKind[] = [
  {
    kind: 'regions',
    label: 'Region',
    fields: [id, str('name', 200, true), enm('kind', E.RegionKind)],
    links: [{ field: 'parentId', rel: 'PART_OF', target: 'Region', direction: 'out' }],
  },
  {
    kind: 'partners',
    label: 'Partner',
    fields: [id, str('name', 200, true), status],
    links: [],
  },
  {
    kind: 'customers',
    label: 'Customer',
    fields: [id, str('name', 200, true), str('nameLatin'), enm('tier', E.CustomerTier), str('segment', 80), status],
    links: [
      { field: 'regionId', rel: 'LOCATED_IN', target: 'Region', direction: 'out' },
      { field: 'parentId', rel: 'BRANCH_OF', target: 'Customer', direction: 'out' },
    ],
  },
  {
    kind: 'engineers',
    label: 'Engineer',
    fields: [
      id,
      str('name', 200, true),
      str('nameLatin'),
      enm('kind', E.EngineerKind),
      enm('status', E.EngineerStatus, false, E.EngineerStatus.ACTIVE),
      { name: 'phone', type: 'string', max: 40, format: 'phone' },
      { name: 'email', type: 'string', max: 200, format: 'email' },
      { name: 'skills', type: 'string[]', default: [] },
    ],
    links: [
      { field: 'regionId', rel: 'BASED_IN', target: 'Region', direction: 'out' },
      { field: 'partnerId', rel: 'EMPLOYED_BY', target: 'Partner', direction: 'out' },
    ],
  },
  {
    kind: 'contacts',
    label: 'Contact',
    fields: [
      id,
      str('name', 200, true),
      str('nameLatin'),
      str('title', 120),
      enm('role', E.ContactRole),
      { name: 'phone', type: 'string', max: 40, format: 'phone' },
      { name: 'email', type: 'string', max: 200, format: 'email' },
      status,
    ],
    links: [{ field: 'reportsToId', rel: 'REPORTS_TO', target: 'Contact', direction: 'out' }],
  },
  {
    kind: 'devices',
    label: 'Device',
    fields: [
      id,
      str('serial', 80, true),
      str('model', 120, true),
      str('productLine', 80),
      str('softwareVersion', 80),
      dt('installedAt'),
      dt('maintenanceUntil'),
      status,
    ],
    links: [{ field: 'customerId', rel: 'INSTALLED_AT', target: 'Customer', direction: 'out', required: true }],
  },
  {
    kind: 'cases',
    label: 'Case',
    fields: [
      id,
      str('number', 40),
      str('title', 300, true),
      enm('kind', E.CaseKind),
      enm('severity', E.CaseSeverity),
      enm('status', E.CaseStatus),
      dt('openedAt', true),
      dt('respondedAt'),
      dt('resolvedAt'),
      dt('lastCustomerUpdateAt'),
      // How many times the case was reopened after being resolved (experience counts these against).
      { name: 'reopenCount', type: 'int' },
    ],
    links: [
      { field: 'customerId', rel: 'FOR', target: 'Customer', direction: 'out', required: true },
      { field: 'deviceId', rel: 'CONCERNS', target: 'Device', direction: 'out' },
      { field: 'raisedById', rel: 'RAISED_BY', target: 'Contact', direction: 'out' },
      { field: 'workedOnIds', rel: 'WORKED_ON', target: 'Engineer', direction: 'in', many: true },
    ],
  },
  {
    kind: 'interactions',
    label: 'Interaction',
    fields: [id, dt('at', true), enm('channel', E.InteractionChannel), { name: 'summary', type: 'text', max: 4000 }],
    links: [
      { field: 'customerId', rel: 'FOR', target: 'Customer', direction: 'out', required: true },
      { field: 'engineerId', rel: 'HAD', target: 'Engineer', direction: 'in' },
      { field: 'caseId', rel: 'ABOUT', target: 'Case', direction: 'out' },
      { field: 'contactIds', rel: 'WITH', target: 'Contact', direction: 'out', many: true },
    ],
  },
  {
    kind: 'commitments',
    label: 'Commitment',
    fields: [
      id,
      { name: 'text', type: 'text', max: 2000, required: true },
      dt('dueAt', true),
      enm('status', E.CommitmentStatus, false, E.CommitmentStatus.OPEN),
      dt('madeAt'),
      dt('resolvedAt'),
    ],
    links: [
      { field: 'customerId', rel: 'TO', target: 'Customer', direction: 'out', required: true },
      { field: 'engineerId', rel: 'PROMISED', target: 'Engineer', direction: 'in' },
      { field: 'caseId', rel: 'ABOUT', target: 'Case', direction: 'out' },
    ],
  },
  {
    kind: 'handoffs',
    label: 'Handoff',
    fields: [
      id,
      enm('reason', E.HandoffReason),
      dt('effectiveAt', true),
      // VACATION cover ends here; the original coverage was never touched.
      dt('until'),
      enm('status', E.HandoffStatus),
      dt('createdAt'),
      str('createdBy', 120),
      dt('completedAt'),
      str('completedBy', 120),
      { name: 'forced', type: 'boolean' },
      { name: 'closeReason', type: 'text', max: 2000 },
      { name: 'note', type: 'text', max: 2000 },
      // Which successor takes which customer in which roles (JSON), fixed when the handoff starts.
      { name: 'assignments', type: 'text', max: 1_000_000 },
    ],
    links: [
      { field: 'fromId', rel: 'FROM', target: 'Engineer', direction: 'out', required: true },
      { field: 'toIds', rel: 'TO', target: 'Engineer', direction: 'out', many: true },
    ],
  },
  {
    kind: 'handoff-items',
    label: 'HandoffItem',
    fields: [
      id,
      enm('kind', E.HandoffItemKind),
      enm('status', E.HandoffItemStatus, false, E.HandoffItemStatus.OPEN),
      { name: 'seq', type: 'int' },
      dt('createdAt'),
      dt('doneAt'),
      str('doneBy', 120),
      { name: 'note', type: 'text', max: 2000 },
    ],
    links: [
      { field: 'handoffId', rel: 'INCLUDES', target: 'Handoff', direction: 'in', required: true },
      { field: 'customerId', rel: 'FOR', target: 'Customer', direction: 'out', required: true },
      { field: 'assigneeId', rel: 'ASSIGNED_TO', target: 'Engineer', direction: 'out' },
      { field: 'refersToId', rel: 'REFERS_TO', target: ['Customer', 'Contact', 'Case', 'Commitment'], direction: 'out', required: true },
    ],
  },
  {
    // Vacations, leave and training: dated periods of an engineer (docs/rules.md).
    kind: 'absences',
    label: 'Absence',
    fields: [
      id,
      enm('reason', { VACATION: 'VACATION', LEAVE: 'LEAVE', TRAINING: 'TRAINING', OTHER: 'OTHER' }),
      dt('from', true),
      dt('to'),
      { name: 'note', type: 'text', max: 2000 },
    ],
    links: [
      { field: 'engineerId', rel: 'HAS', target: 'Engineer', direction: 'in', required: true },
      { field: 'coverEngineerIds', rel: 'COVERED_BY', target: 'Engineer', direction: 'out', many: true },
    ],
  },
  {
    // A change made on a device (issue 14): planned, authorised on both sides, started, done or rolled back.
    kind: 'operations',
    label: 'Operation',
    fields: [
      id,
      enm('kind', E.OperationKind),
      // Left empty, the kind's default risk applies (domain/operations.ts).
      enm('risk', E.OperationRisk, false),
      enm('status', E.OperationStatus, false, E.OperationStatus.PLANNED),
      str('title', 300),
      dt('plannedFrom'),
      dt('plannedTo'),
      dt('startedAt'),
      dt('doneAt'),
      dt('rolledBackAt'),
      enm('outcome', E.OperationOutcome, false),
      str('fromVersion', 80),
      str('toVersion', 80),
      str('compatibilityCheckedBy', 120),
      dt('compatibilityCheckedAt'),
      { name: 'note', type: 'text', max: 4000 },
    ],
    links: [
      { field: 'deviceId', rel: 'ON', target: 'Device', direction: 'out', required: true },
      { field: 'performedById', rel: 'PERFORMED_BY', target: 'Engineer', direction: 'out' },
      { field: 'informedIds', rel: 'INFORMS', target: 'Contact', direction: 'out', many: true },
      { field: 'caseId', rel: 'PART_OF', target: 'Case', direction: 'out' },
    ],
  },
];

export const EDGE_KINDS: EdgeKind[] = [
  {
    kind: 'coverage',
    rel: 'COVERS',
    from: { field: 'engineerId', label: 'Engineer' },
    to: { field: 'customerId', label: 'Customer' },
    key: ['id'],
    fields: [id, enm('role', E.CoverageRole), dt('from', true), dt('to'), str('assignedBy', 120)],
  },
  {
    kind: 'employments',
    rel: 'WORKS_AT',
    from: { field: 'contactId', label: 'Contact' },
    to: { field: 'customerId', label: 'Customer' },
    key: ['from'],
    fields: [dt('from', true), dt('to'), str('title', 120)],
  },
  {
    kind: 'case-ownerships',
    rel: 'OWNED_BY',
    from: { field: 'caseId', label: 'Case' },
    to: { field: 'engineerId', label: 'Engineer' },
    key: ['from'],
    fields: [dt('from', true), dt('to'), str('assignedBy', 120)],
  },
  {
    // Who at the customer authorised an operation (a contact with SUPERVISOR authority or above).
    kind: 'operation-customer-authorisations',
    rel: 'AUTHORISED_BY',
    from: { field: 'operationId', label: 'Operation' },
    to: { field: 'contactId', label: 'Contact' },
    key: ['side'],
    fields: [enm('side', E.AuthorisationSide), dt('at', true)],
  },
  {
    // Who on our side authorised it (an engineer in a managing coverage role for the customer).
    kind: 'operation-our-authorisations',
    rel: 'AUTHORISED_BY',
    from: { field: 'operationId', label: 'Operation' },
    to: { field: 'engineerId', label: 'Engineer' },
    key: ['side'],
    fields: [enm('side', E.AuthorisationSide), dt('at', true)],
  },
];

export const kindByName = (name: string): NodeKind | EdgeKind | undefined =>
  NODE_KINDS.find((k) => k.kind === name) ?? EDGE_KINDS.find((k) => k.kind === name);

/** Relationship type names that are Cypher keywords on one of the engines need backticks. */
export const relName = (rel: string): string => `\`${rel}\``;
