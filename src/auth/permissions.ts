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
  'planOperation',
  'authoriseOperation',
  'recordCompatibilityCheck',
  'startOperation',
  'completeOperation',
  'rollBackOperation',
  'informOperationContacts',
  // The messaging gateway's confirmation records an interaction and completes handoff items: day-to-day work.
  'confirmIntroductionDelivered',
]);

const ADMIN_QUERIES = new Set(['accessLog', 'apiKeys', 'webhooks', 'webhookDeliveries']);

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

/**
 * The ids a scoped write concerns, read from its arguments (their customers must be in scope). A
 * handoff names its customers here; the customers it actually hands over are known from its plan at
 * effectiveAt, which the handoff resolver checks with the same scope module before writing.
 */
/** The arguments writeTargets reads: ids at the top level or in `input`. */
interface WriteArgs {
  id?: string;
  caseId?: string;
  input?: { id?: string; customerId?: string; deviceId?: string; successors?: { customerIds?: string[] | null }[] | null };
}

export function writeTargets(field: string, args: Record<string, unknown>): string[] {
  // GraphQL has already checked the required arguments; an absent optional id names no target.
  return targetsOf(field, args as WriteArgs).filter((id): id is string => typeof id === 'string');
}

function targetsOf(field: string, args: WriteArgs): (string | undefined)[] {
  const input = args.input ?? {};
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
      return (input.successors ?? []).flatMap((s) => s.customerIds ?? []);
    case 'completeHandoffItem':
    case 'waiveHandoffItem':
    case 'reopenHandoffItem':
    case 'completeHandoff':
    case 'cancelHandoff':
      return [args.id];
    case 'planOperation':
      return [input.deviceId];
    case 'authoriseOperation':
    case 'recordCompatibilityCheck':
    case 'startOperation':
    case 'completeOperation':
    case 'rollBackOperation':
    case 'informOperationContacts':
      return [args.id];
    default:
      return [];
  }
}
