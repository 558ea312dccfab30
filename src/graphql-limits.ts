import {
  GraphQLError,
  Kind,
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  valueFromASTUntyped,
  parse,
  type ASTNode,
  type ASTVisitor,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLFormattedError,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { ApolloServerOptions, ApolloServerPlugin, BaseContext } from '@apollo/server';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './domain/pagination';

/**
 * Query limits on /graphql (issue #7, hardening). Depth, aliases and directives are validation
 * rules; tokens are counted by the parser itself (it stops at the limit, so a huge document is never
 * fully parsed); cost needs the variables (`first: $n`), so it is checked once the operation is
 * known. Every refusal is a 400 with its own `extensions.code`.
 */
export interface QueryLimits {
  /** Nesting of fields, the root field being 1 (`{ health { ok } }` is 2). */
  maxDepth: number;
  /** Aliased fields in one operation, fragments counted where they are spread. */
  maxAliases: number;
  /** Lexical tokens in the whole document (graphql-js `maxTokens`). */
  maxTokens: number;
  /** Directive uses (`@include`, `@skip`, …) in one operation. */
  maxDirectives: number;
  /** Estimated cost of the operation, see `operationCost`. */
  maxCost: number;
}

export const DEFAULT_QUERY_LIMITS: Readonly<QueryLimits> = {
  maxDepth: 12,
  maxAliases: 30,
  maxTokens: 5000,
  maxDirectives: 20,
  maxCost: 25_000,
};

/** The size the cost assumes for a list without `first` (and for `first` left out): the default page. */
export const ASSUMED_LIST_SIZE = DEFAULT_PAGE_SIZE;

export enum LimitCode {
  QUERY_TOO_DEEP = 'QUERY_TOO_DEEP',
  TOO_MANY_ALIASES = 'TOO_MANY_ALIASES',
  TOO_MANY_TOKENS = 'TOO_MANY_TOKENS',
  TOO_MANY_DIRECTIVES = 'TOO_MANY_DIRECTIVES',
  QUERY_TOO_COSTLY = 'QUERY_TOO_COSTLY',
}

/** A document refused by a limit; `limit` and `found` go to the client. */
export class QueryLimitError extends GraphQLError {
  constructor(
    readonly code: LimitCode,
    message: string,
    readonly limit: number,
    readonly found: number,
    nodes?: readonly ASTNode[],
  ) {
    super(message, { nodes, extensions: { code, limit, found, http: { status: 400 } } });
    this.name = 'QueryLimitError';
  }
}

// ---------------------------------------------------------------------------------------------
// Measuring a document

/** `__schema` and `__type` are bounded by graphql-js's MaxIntrospectionDepthRule (and off in production). */
const isIntrospectionRoot = (name: string) => name === '__schema' || name === '__type';

export interface OperationShape {
  depth: number;
  aliases: number;
  directives: number;
}

type Fragments = Record<string, FragmentDefinitionNode | undefined>;

/**
 * Depth, aliases and directives of one operation. Fragments count where they are spread (a fragment
 * with 5 aliases spread twice is 10); each fragment is measured once, so a chain of fragments that
 * spread each other twice cannot make the measuring itself exponential. Unknown fragments and
 * fragment cycles count as empty: other validation rules report them.
 */
export function operationShape(operation: OperationDefinitionNode, fragments: Fragments): OperationShape {
  const memo = new Map<string, OperationShape>();
  const visiting = new Set<string>();

  const measure = (set: SelectionSetNode): OperationShape => {
    const shape = { depth: 0, aliases: 0, directives: 0 };
    for (const sel of set.selections) {
      shape.directives += sel.directives?.length ?? 0;
      let inner: OperationShape | undefined;
      if (sel.kind === Kind.FIELD) {
        if (sel.alias) shape.aliases += 1;
        const child = sel.selectionSet ? measure(sel.selectionSet) : { depth: 0, aliases: 0, directives: 0 };
        const depth = isIntrospectionRoot(sel.name.value) ? 1 : 1 + child.depth;
        inner = { depth, aliases: child.aliases, directives: child.directives };
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        inner = measure(sel.selectionSet);
      } else {
        const name = sel.name.value;
        const fragment = fragments[name];
        if (!fragment || visiting.has(name)) continue;
        inner = memo.get(name);
        if (!inner) {
          visiting.add(name);
          const own = measure(fragment.selectionSet);
          visiting.delete(name);
          inner = { ...own, directives: own.directives + (fragment.directives?.length ?? 0) };
          memo.set(name, inner);
        }
      }
      shape.depth = Math.max(shape.depth, inner.depth);
      shape.aliases += inner.aliases;
      shape.directives += inner.directives;
    }
    return shape;
  };

  const shape = measure(operation.selectionSet);
  shape.directives += operation.directives?.length ?? 0;
  for (const v of operation.variableDefinitions ?? []) shape.directives += v.directives?.length ?? 0;
  return shape;
}

/**
 * The estimated cost of an operation: the number of objects the largest possible answer holds.
 * A field with a selection costs (1 + the cost of its selection) times the size of the list it
 * returns (1 for a single object): its `first` argument, or `last` when it pages backwards (capped
 * at 200, as the resolvers cap it; 20 when left out), or for a list under a connection (`edges`) the connection's `first`, or 20 for
 * any other list. Scalar and enum fields (also lists of them) cost nothing. Introspection
 * (`__schema`, `__type`) is not counted. Fragments on several types (`... on Customer`,
 * `... on Contact`) all count. `customers(first: 50) { edges { node { name contacts { name } } } }`
 * costs 1 (the connection) + 50 edges × (1 + 1 node + 20 contacts) = 1,101.
 */
export function operationCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Fragments,
  variables: Record<string, unknown> | null | undefined = {},
): number {
  const vars: Record<string, unknown> = {};
  for (const def of operation.variableDefinitions ?? []) {
    const name = def.variable.name.value;
    if (variables && Object.prototype.hasOwnProperty.call(variables, name)) vars[name] = variables[name];
    else if (def.defaultValue) vars[name] = valueFromASTUntyped(def.defaultValue);
  }
  const memo = new Map<string, number>();
  const visiting = new Set<string>();

  const pageSize = (arg: { value: ValueNode } | undefined): number => {
    const raw = arg ? valueFromASTUntyped(arg.value, vars) : undefined;
    if (typeof raw !== 'number' || !Number.isFinite(raw)) return ASSUMED_LIST_SIZE;
    return Math.min(Math.max(Math.trunc(raw), 0), MAX_PAGE_SIZE);
  };

  const cost = (set: SelectionSetNode, parent: GraphQLNamedType | undefined, connectionPage: number | undefined): number => {
    let total = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        const name = sel.name.value;
        if (name === '__typename' || isIntrospectionRoot(name)) continue;
        const def = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[name] : undefined;
        // Scalars and enums are free: how many an object can have is bounded by its type and the alias limit.
        if (!sel.selectionSet) continue;
        const returnsList = def ? isListType(getNullableType(def.type)) : false;
        const firstArg = sel.arguments?.find((a) => a.name.value === 'first');
        // Paging backwards: `last` sizes the page as `first` does (the resolvers refuse both at once).
        const lastArg = sel.arguments?.find((a) => a.name.value === 'last');
        const paged = def ? def.args.some((a) => a.name === 'first') : firstArg !== undefined;
        const size = paged ? (lastArg && !firstArg ? pageSize(lastArg) : pageSize(firstArg)) : undefined;
        const times = returnsList ? (size ?? connectionPage ?? ASSUMED_LIST_SIZE) : 1;
        const child = cost(sel.selectionSet, def ? getNamedType(def.type) : undefined, returnsList ? undefined : size);
        total += times * (1 + child);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const type = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : parent;
        total += cost(sel.selectionSet, type ?? undefined, connectionPage);
      } else {
        const name = sel.name.value;
        const fragment = fragments[name];
        const key = `${name}/${connectionPage ?? ''}`;
        if (!fragment || visiting.has(key)) continue;
        let c = memo.get(key);
        if (c === undefined) {
          visiting.add(key);
          c = cost(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value) ?? undefined, connectionPage);
          visiting.delete(key);
          memo.set(key, c);
        }
        total += c;
      }
    }
    return total;
  };

  const root =
    operation.operation === 'query'
      ? schema.getQueryType()
      : operation.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  return cost(operation.selectionSet, root ?? undefined, undefined);
}

export const fragmentsOf = (document: DocumentNode): Fragments => {
  const fragments: Fragments = Object.create(null);
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
  return fragments;
};

// ---------------------------------------------------------------------------------------------
// Enforcing

const opLabel = (op: OperationDefinitionNode) => (op.name ? `Operation "${op.name.value}"` : 'The operation');

/** The depth, alias and directive limits as one graphql-js validation rule. */
export function shapeLimitsRule(limits: QueryLimits): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    Document(document) {
      const fragments = fragmentsOf(document);
      for (const def of document.definitions) {
        if (def.kind !== Kind.OPERATION_DEFINITION) continue;
        for (const error of shapeErrors(operationShape(def, fragments), limits, def)) context.reportError(error);
      }
      return false;
    },
  });
}

function shapeErrors(shape: OperationShape, limits: QueryLimits, op: OperationDefinitionNode): QueryLimitError[] {
  const errors: QueryLimitError[] = [];
  if (shape.depth > limits.maxDepth) {
    errors.push(
      new QueryLimitError(
        LimitCode.QUERY_TOO_DEEP,
        `${opLabel(op)} is nested ${shape.depth} fields deep; the limit is ${limits.maxDepth}.`,
        limits.maxDepth,
        shape.depth,
        [op],
      ),
    );
  }
  if (shape.aliases > limits.maxAliases) {
    errors.push(
      new QueryLimitError(
        LimitCode.TOO_MANY_ALIASES,
        `${opLabel(op)} uses ${shape.aliases} aliases; the limit is ${limits.maxAliases}.`,
        limits.maxAliases,
        shape.aliases,
        [op],
      ),
    );
  }
  if (shape.directives > limits.maxDirectives) {
    errors.push(
      new QueryLimitError(
        LimitCode.TOO_MANY_DIRECTIVES,
        `${opLabel(op)} uses ${shape.directives} directives; the limit is ${limits.maxDirectives}.`,
        limits.maxDirectives,
        shape.directives,
        [op],
      ),
    );
  }
  return errors;
}

export function costError(cost: number, limits: QueryLimits, op: OperationDefinitionNode): QueryLimitError | undefined {
  if (cost <= limits.maxCost) return undefined;
  const shown = Number.isFinite(cost) && cost < Number.MAX_SAFE_INTEGER ? Math.round(cost) : Number.MAX_SAFE_INTEGER;
  return new QueryLimitError(
    LimitCode.QUERY_TOO_COSTLY,
    `${opLabel(op)} has an estimated cost of ${shown}; the limit is ${limits.maxCost}. ` +
      'Ask for smaller pages (first) or fewer nested lists.',
    limits.maxCost,
    shown,
    [op],
  );
}

/** Checks the cost of the operation that is about to run (its variables are known by then). */
export function costLimitPlugin(limits: QueryLimits): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const error = costError(operationCost(schema, operation, fragmentsOf(document), request.variables), limits, operation);
          if (error) throw error;
        },
      };
    },
  };
}

/**
 * Every limit a document breaks, in the order the server checks them (tokens, then depth, aliases
 * and directives of each operation, then the cost of each operation with the given variables).
 * For tests and tools: the server itself enforces the same numbers with `withQueryLimits`.
 */
export function limitViolations(
  schema: GraphQLSchema,
  source: string,
  limits: QueryLimits,
  variables?: Record<string, unknown>,
): { code: LimitCode; limit: number; found: number; operation?: string }[] {
  let document: DocumentNode;
  try {
    document = parse(source, { maxTokens: limits.maxTokens });
  } catch (err) {
    if (isTokenLimitMessage((err as Error).message))
      return [{ code: LimitCode.TOO_MANY_TOKENS, limit: limits.maxTokens, found: limits.maxTokens + 1 }];
    throw err;
  }
  const fragments = fragmentsOf(document);
  const out: { code: LimitCode; limit: number; found: number; operation?: string }[] = [];
  for (const def of document.definitions) {
    if (def.kind !== Kind.OPERATION_DEFINITION) continue;
    const errors = [...shapeErrors(operationShape(def, fragments), limits, def)];
    const c = costError(operationCost(schema, def, fragments, variables), limits, def);
    if (c) errors.push(c);
    for (const e of errors) out.push({ code: e.code, limit: e.limit, found: e.found, operation: def.name?.value });
  }
  return out;
}

// graphql-js 16: "Syntax Error: Document contains more that 5000 tokens. Parsing aborted." (sic)
const TOKEN_LIMIT = /Document contains more tha[nt] \d+ tokens/;
const isTokenLimitMessage = (message: string) => TOKEN_LIMIT.test(message);

// ---------------------------------------------------------------------------------------------
// Errors as clients see them

/** "Did you mean …?" would tell a stranger the names of fields, arguments, types and enum values. */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;
export const withoutSuggestions = (message: string) => message.replace(SUGGESTION, '');

type FormatError = NonNullable<ApolloServerOptions<BaseContext>['formatError']>;

/**
 * Wraps the server's formatError (src/format-error.ts): a refusal by a limit keeps its own code,
 * `limit` and `found` (Apollo would report it as GRAPHQL_VALIDATION_FAILED or a parse failure);
 * everything else is formatted by the inner function. With `maskSuggestions` (production),
 * "Did you mean …?" is cut from every message.
 */
export function limitAwareFormatError(inner: FormatError, opts: { maskSuggestions: boolean; maxTokens: number }): FormatError {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const limitError = findLimitError(error);
    let out: GraphQLFormattedError;
    if (limitError) {
      out = {
        message: limitError.message,
        locations: formatted.locations,
        extensions: { code: limitError.code, limit: limitError.limit, found: limitError.found },
      };
    } else if (formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED' && isTokenLimitMessage(formatted.message)) {
      out = {
        message: `The document has more than ${opts.maxTokens} tokens; the limit is ${opts.maxTokens}.`,
        extensions: { code: LimitCode.TOO_MANY_TOKENS, limit: opts.maxTokens },
      };
    } else {
      out = inner(formatted, error);
    }
    return opts.maskSuggestions ? { ...out, message: withoutSuggestions(out.message) } : out;
  };
}

function findLimitError(error: unknown): QueryLimitError | undefined {
  for (let e = error, i = 0; e && i < 3; e = (e as { originalError?: unknown }).originalError, i++) {
    if (e instanceof QueryLimitError) return e;
  }
  return undefined;
}

/**
 * Adds the query limits to an ApolloServer configuration: the parser's token limit, the depth,
 * alias and directive rule, the cost plugin and the error wrapper. In production, suggestions are
 * masked too (introspection is switched off by the caller).
 */
export function withQueryLimits<C extends BaseContext>(
  options: ApolloServerOptions<C>,
  limits: QueryLimits,
  env: 'development' | 'production' | 'test',
): ApolloServerOptions<C> {
  return {
    ...options,
    parseOptions: { ...(options.parseOptions ?? {}), maxTokens: limits.maxTokens },
    validationRules: [...(options.validationRules ?? []), shapeLimitsRule(limits)],
    plugins: [...(options.plugins ?? []), costLimitPlugin(limits) as ApolloServerPlugin<C>],
    formatError: limitAwareFormatError(options.formatError ?? ((f) => f), {
      maskSuggestions: env === 'production',
      maxTokens: limits.maxTokens,
    }),
  };
}
