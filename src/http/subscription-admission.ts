import {
  GraphQLError,
  Kind,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { shapeLimitsRule, type QueryLimits } from '../graphql-limits';

/**
 * What a graphql-ws `subscribe` message must pass before anything runs — the same gate as an HTTP
 * request: the token limit while parsing, graphql-js's validation, and the depth/alias/directive
 * limits. Returns the GraphQL errors to send back (graphql-ws's "error" message; the socket stays
 * open), or the document to execute.
 *
 * graphql-js 16's SingleFieldSubscriptionsRule evaluates the root selection with no variables and
 * throws (an internal error that closes the socket) on an @skip or @include whose `if` is missing, a
 * variable or not a Boolean. Such a directive on the root selection is refused here first, with a
 * clear message: the one root field of a subscription cannot be conditional on a variable.
 */
export function admitSubscription(
  schema: GraphQLSchema,
  limits: QueryLimits,
  payload: { query: string; operationName?: string | null; variables?: Record<string, unknown> | null },
): { errors: GraphQLError[] } | { args: Pick<ExecutionArgs, 'schema' | 'document' | 'operationName' | 'variableValues'> } {
  let document: DocumentNode;
  try {
    document = parse(payload.query, { maxTokens: limits.maxTokens });
  } catch (err) {
    const e = err as GraphQLError;
    return { errors: [new GraphQLError(e.message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })] };
  }
  const conditional = conditionalRootDirectives(document);
  if (conditional.length)
    return {
      errors: conditional.map(
        (name) =>
          new GraphQLError(
            `@${name} on a subscription's root selection needs a literal true or false: the subscription's one root field cannot depend on a variable`,
            { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
          ),
      ),
    };
  const errors = validate(schema, document, [...specifiedRules, shapeLimitsRule(limits)]);
  if (errors.length)
    return {
      errors: errors.map((e) =>
        e.extensions?.code ? e : new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
      ),
    };
  return { args: { schema, document, operationName: payload.operationName, variableValues: payload.variables } };
}

/** The @skip/@include directives without a literal Boolean `if` on the root selection of a subscription. */
function conditionalRootDirectives(document: DocumentNode): string[] {
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  const found: string[] = [];
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode) => {
    for (const sel of set.selections) {
      for (const d of sel.directives ?? []) {
        if (d.name.value !== 'skip' && d.name.value !== 'include') continue;
        const cond = d.arguments?.find((a) => a.name.value === 'if');
        if (!cond || cond.value.kind !== Kind.BOOLEAN) found.push(d.name.value);
      }
      if (sel.kind === Kind.INLINE_FRAGMENT) walk(sel.selectionSet);
      if (sel.kind === Kind.FRAGMENT_SPREAD && !seen.has(sel.name.value)) {
        seen.add(sel.name.value);
        const f = fragments.get(sel.name.value);
        if (f) walk(f.selectionSet);
      }
    }
  };
  for (const def of document.definitions)
    if (def.kind === Kind.OPERATION_DEFINITION && def.operation === 'subscription') walk(def.selectionSet);
  return found;
}
