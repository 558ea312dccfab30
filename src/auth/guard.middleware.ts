import type { MiddlewareFn } from 'type-graphql';
import type { Context } from '../context';
import { AppError, ErrorCode } from '../errors';
import { allows, operationClass, writeTargets } from './permissions';
import { keepVisible, refuseOutside } from './scope';

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
      throw new AppError(
        ErrorCode.FORBIDDEN,
        `${info.fieldName} needs ${cls === 'ADMIN' ? 'the ADMIN role' : 'the ACCOUNT_MANAGER or SERVICE_MANAGER role'}`,
        {
          operation: info.fieldName,
        },
      );
    }
    if (parent === 'Mutation' && context.scope.limited) {
      const ids = writeTargets(info.fieldName, args).filter((x): x is string => typeof x === 'string');
      await refuseOutside(context.scope, info.fieldName, ids, context.now);
    }
  }
  const result = await next();
  return context.scope.limited ? keepVisible(info.returnType, result, context.scope) : result;
};
