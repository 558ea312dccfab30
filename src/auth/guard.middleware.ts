import { isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import type { Context } from '../context';
import { AppError, ErrorCode } from '../errors';
import { allows, operationClass, writeTargets } from './permissions';
import { keepVisible, refuseOutside } from './scope';

/**
 * Runs around every field: checks the caller's role for root operations and the regions a write
 * concerns, then drops from every result what lies outside the caller's regions — in lists,
 * nested fields, node(id) and search alike. Callers without a region limit (ADMIN, local
 * development) pay nothing.
 *
 * It wraps the resolvers of the built schema (`guardSchema`) rather than being a type-graphql
 * global middleware (issue 15): a global middleware turns every field, every scalar of every
 * object in a list, into a chain of async functions and promises. Here a field whose resolver
 * answers synchronously still does when the caller is not region-limited.
 */
function guard(resolve: GraphQLFieldResolver<unknown, Context>, parent: string, field: string): GraphQLFieldResolver<unknown, Context> {
  const root = parent === 'Query' || parent === 'Mutation';
  const cls = root ? operationClass(parent, field) : null;
  const run: GraphQLFieldResolver<unknown, Context> = (source, args, context, info) => {
    const result = resolve(source, args, context, info);
    return context.scope.limited ? Promise.resolve(result).then((value) => keepVisible(info.returnType, value, context.scope)) : result;
  };
  if (!root) return run;
  return (source, args, context, info) => {
    if (!allows(context.principal, cls!)) {
      // A rejected promise, as the middleware's refusal was: the same error, at the same place.
      return Promise.reject(
        new AppError(
          ErrorCode.FORBIDDEN,
          `${field} needs ${cls === 'ADMIN' ? 'the ADMIN role' : 'the ACCOUNT_MANAGER or SERVICE_MANAGER role'}`,
          { operation: field },
        ),
      );
    }
    if (parent === 'Mutation' && context.scope.limited) {
      const ids = writeTargets(field, args).filter((x): x is string => typeof x === 'string');
      return refuseOutside(context.scope, field, ids, context.now).then(() => run(source, args, context, info));
    }
    return run(source, args, context, info);
  };
}

/**
 * Puts the guard around the resolver of every field of the schema's object types (not the
 * introspection types): the fields type-graphql built, each of which has a resolver.
 */
export function guardSchema(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.resolve) field.resolve = guard(field.resolve as GraphQLFieldResolver<unknown, Context>, type.name, field.name);
    }
  }
  return schema;
}
