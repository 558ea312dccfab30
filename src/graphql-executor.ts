import type { DocumentNode, ExecutionResult, GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { Lru } from './lru';
import { HeaderMap, type ApolloServerPlugin, type BaseContext, type GraphQLRequestListener } from '@apollo/server';

/**
 * How GraphQL queries are executed (issue 15, RAPPORT_GRAPHQL_EXECUTOR):
 * - `jit` (default): each distinct query is compiled by graphql-jit into plain JavaScript (no
 *   per-field walk of the document, no promise bookkeeping for objects whose fields are all ready)
 *   and run from a bounded cache, with the same resolvers and loaders. Only an answer without
 *   errors is kept: a query whose compiled run met any error (a bad variable, a missing record, a
 *   refused field) is run again by graphql-js, which then answers it, so every error a client sees
 *   is graphql-js's own. Mutations always run on graphql-js (they must not run twice, and are few).
 * - `graphql-js`: graphql-js's interpreter for everything, as Apollo Server runs it by default.
 *
 * Parsing, validation, the query limits and the plugins run before either, in Apollo Server.
 * Subscriptions (graphql-ws) always use graphql-js.
 */
export const GRAPHQL_EXECUTORS = ['jit', 'graphql-js'] as const;
export type GraphqlExecutorKind = (typeof GRAPHQL_EXECUTORS)[number];

/** Compiled queries kept (least recently used dropped first). */
export const COMPILED_CACHE_SIZE = 500;

interface CompiledEntry {
  seen: number;
  /** undefined: not compiled yet; null: graphql-jit declined the query (graphql-js runs it). */
  compiled: CompiledQuery | null | undefined;
}

export interface CompiledRequest {
  /** The query's identity: Apollo's hash of its text. */
  key: string;
  document: DocumentNode;
  operationName?: string | null;
  variables?: Record<string, unknown>;
  context: unknown;
}

/**
 * A bounded cache of compiled queries, by the query text's hash and the operation's name, the least
 * recently used dropped first.
 *
 * A query is compiled the second time it arrives (`compileAt`): compiling costs 2–20 ms, a query
 * sent once (an ad-hoc query, a fuzzer) would pay more than it gains, and a stream of distinct
 * queries then costs what it costs under graphql-js.
 */
export class CompiledOperations {
  private readonly entries: Lru<string, CompiledEntry>;
  private readonly compileAt: number;
  /** Queries compiled, and answers given from compiled code (the others were left to graphql-js). */
  compilations = 0;
  answered = 0;

  /** `compileAt`: the sighting that compiles a query (default 2; tests use 1 to compile everything). */
  constructor(
    private readonly schema: GraphQLSchema,
    opts: { capacity?: number; compileAt?: number } = {},
  ) {
    this.entries = new Lru(opts.capacity ?? COMPILED_CACHE_SIZE);
    this.compileAt = opts.compileAt ?? 2;
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * The compiled query's answer, or null for graphql-js to answer instead: not compiled yet,
   * declined by graphql-jit, or an answer with errors.
   */
  async execute(request: CompiledRequest): Promise<ExecutionResult | null> {
    const key = `${request.operationName ?? ''}\u0000${request.key}`;
    let entry = this.entries.get(key);
    if (!entry) this.entries.set(key, (entry = { seen: 0, compiled: undefined }));
    if (entry.compiled === undefined && ++entry.seen >= this.compileAt) {
      this.compilations++;
      const compiled = compileQuery(this.schema, request.document, request.operationName ?? undefined);
      entry.compiled = isCompiledQuery(compiled) ? compiled : null;
    }
    if (!entry.compiled) return null;
    const result = await entry.compiled.query(undefined, request.context, request.variables ?? {});
    if (result.errors?.length) return null;
    this.answered++;
    return result;
  }
}

/**
 * Runs queries compiled, through Apollo Server's `responseForOperation` hook: after parsing,
 * validation and the other plugins' checks, before Apollo's own execution, which still runs
 * whenever this answers null.
 */
export function compiledQueriesPlugin<C extends BaseContext>(operations: CompiledOperations): ApolloServerPlugin<C> {
  const listener: GraphQLRequestListener<C> = {
    async responseForOperation(rc) {
      if (rc.operation.operation !== 'query' || !rc.queryHash) return null;
      const result = await operations.execute({
        key: rc.queryHash,
        document: rc.document,
        operationName: rc.operationName,
        variables: rc.request.variables,
        context: rc.contextValue,
      });
      if (!result) return null;
      return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: result } };
    },
  };
  return {
    async requestDidStart() {
      return listener;
    },
  };
}
