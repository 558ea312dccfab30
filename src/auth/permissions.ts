import { Role, type Principal } from './roles';

/**
 * Who may call which operation, in one table. Reads are open to every role (region scoping and
 * masking still apply); writes of day-to-day work (cases, interactions, commitments, handoffs) are
 * for account and service managers in their regions; everything else — master data, coverage,
 * keys, imports, the access log — is for ADMIN. A mutation missing from the table is ADMIN only.
 */
export type OperationClass = 'READ' | 'WRITE_OPS' | 'ADMIN';

const WRITE_OPS = new Set([
  'openCase',
  'updateCase',
  'assignCaseOwner',
  'logInteraction',
  'makeCommitment',
  'resolveCommitment',
  'planHandoff',
  'startHandoff',
  'completeHandoffItem',
  'waiveHandoffItem',
  'reopenHandoffItem',
  'completeHandoff',
  'cancelHandoff',
]);

const ADMIN_QUERIES = new Set(['accessLog', 'apiKeys']);

export function operationClass(parent: 'Query' | 'Mutation', field: string): OperationClass {
  if (parent === 'Query') return ADMIN_QUERIES.has(field) ? 'ADMIN' : 'READ';
  return WRITE_OPS.has(field) ? 'WRITE_OPS' : 'ADMIN';
}

export function allows(p: Principal, cls: OperationClass): boolean {
  if (p.roles.includes(Role.ADMIN)) return true;
  if (cls === 'READ') return p.roles.length > 0;
  if (cls === 'WRITE_OPS') return p.roles.includes(Role.ACCOUNT_MANAGER) || p.roles.includes(Role.SERVICE_MANAGER);
  return false;
}

/** The arguments of the scoped writes that name a customer, an engineer or a record (unchecked: they come from the client). */
export interface WriteArgs {
  id?: unknown;
  caseId?: unknown;
  input?: {
    id?: unknown;
    customerId?: unknown;
    outgoingEngineerId?: unknown;
    successors?: { customerIds?: unknown[] | null }[] | null;
  } | null;
}

/** The ids a scoped write concerns, read from its arguments (their customers must be in scope); callers keep the strings. */
export function writeTargets(field: string, args: WriteArgs): unknown[] {
  const input: NonNullable<WriteArgs['input']> = args.input ?? {};
  switch (field) {
    case 'openCase':
    case 'logInteraction':
    case 'makeCommitment':
      return [input.customerId];
    case 'updateCase':
      return [input.id];
    case 'assignCaseOwner':
      return [args.caseId];
    case 'resolveCommitment':
      return [args.id];
    case 'planHandoff':
    case 'startHandoff':
      return [input.outgoingEngineerId, ...(input.successors ?? []).flatMap((s) => s.customerIds ?? [])];
    case 'completeHandoffItem':
    case 'waiveHandoffItem':
    case 'reopenHandoffItem':
    case 'completeHandoff':
    case 'cancelHandoff':
      return [args.id];
    default:
      return [];
  }
}
