import { getNamedType, type GraphQLOutputType } from 'graphql';
import type { MiddlewareFn } from 'type-graphql';
import type { Context } from '../context';
import { labelOfId, type NodeLabel } from '../domain/ids';
import { AppError, ErrorCode } from '../errors';
import { allows, operationClass, writeTargets } from './permissions';
import type { Scope } from './scope';

/** GraphQL types whose values belong to a customer, and how to find the record to check. */
/** The fields of a resolved value the checks read (values come untyped from the resolvers). */
interface Resolved {
  id: string;
  customerId: string;
  node?: { id?: string } | null;
}

const SCOPED: Record<string, (v: Resolved) => { label: NodeLabel; id: string } | null> = {
  Customer: (v) => ({ label: 'Customer', id: v.id }),
  Contact: (v) => ({ label: 'Contact', id: v.id }),
  Engineer: (v) => ({ label: 'Engineer', id: v.id }),
  Case: (v) => ({ label: 'Case', id: v.id }),
  Device: (v) => ({ label: 'Device', id: v.id }),
  Interaction: (v) => ({ label: 'Interaction', id: v.id }),
  Commitment: (v) => ({ label: 'Commitment', id: v.id }),
  Handoff: (v) => ({ label: 'Handoff', id: v.id }),
  HandoffItem: (v) => ({ label: 'HandoffItem', id: v.id }),
  Coverage: (v) => ({ label: 'Customer', id: v.customerId }),
  Employment: (v) => ({ label: 'Customer', id: v.customerId }),
  Node: (v) => (labelOfId(v.id) ? { label: labelOfId(v.id)!, id: v.id } : null),
  SearchHit: (v) => (v.node?.id && labelOfId(v.node.id) ? { label: labelOfId(v.node.id)!, id: v.node.id } : null),
};

async function keepVisible(type: GraphQLOutputType, value: unknown, scope: Scope): Promise<unknown> {
  const target = SCOPED[getNamedType(type).name];
  if (!target || value == null) return value;
  const check = async (v: unknown) => {
    const t = v && typeof v === 'object' ? target(v as Resolved) : null;
    return t ? scope.visible(t.label, t.id) : true;
  };
  if (Array.isArray(value)) {
    const flags = await Promise.all(value.map(check));
    return value.filter((_, i) => flags[i]);
  }
  return (await check(value)) ? value : null;
}

/**
 * Runs around every field: checks the caller's role for root operations and the regions a write
 * concerns, then drops from every result what lies outside the caller's regions — in lists,
 * nested fields, node(id) and search alike. Callers without a region limit (ADMIN, local
 * development) pay nothing.
 */
export const Guard: MiddlewareFn<Context> = async ({ context, info, args }, next) => {
  const parent = info.parentType.name;
  if (parent === 'Query' || parent === 'Mutation') {
    const cls = operationClass(parent, info.fieldName);
    if (!allows(context.principal, cls)) {
      throw new AppError(ErrorCode.FORBIDDEN, `${info.fieldName} needs ${cls === 'ADMIN' ? 'the ADMIN role' : 'the ACCOUNT_MANAGER or SERVICE_MANAGER role'}`, {
        operation: info.fieldName,
      });
    }
    if (parent === 'Mutation' && context.scope.limited) {
      const ids = writeTargets(info.fieldName, args).filter((x): x is string => typeof x === 'string');
      const outside = ids.length ? await context.scope.outside(ids, context.now) : [];
      if (outside.length) {
        throw new AppError(ErrorCode.FORBIDDEN, `${info.fieldName} concerns customers outside your regions: ${outside.join(', ')}`, { customers: outside });
      }
    }
  }
  const result = await next();
  return context.scope.limited ? keepVisible(info.returnType, result, context.scope) : result;
};
