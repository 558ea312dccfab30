import { GraphQLError, execute, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';

/**
 * How GraphQL operations are executed (issue 15, RAPPORT_GRAPHQL_EXECUTOR):
 * - `jit` (default): each distinct operation is compiled once by graphql-jit into plain JavaScript
 *   (no per-field walk of the document, no promise bookkeeping for objects whose fields are all
 *   ready), then run from a bounded cache. The same resolvers, loaders and errors as graphql-js.
 * - `graphql-js`: graphql-js's own interpreter, as Apollo Server runs it by default.
 *
 * Validation, the query limits and the plugins run before either, in Apollo Server; only execution
 * differs. Subscriptions (graphql-ws) always use graphql-js.
 */
export const GRAPHQL_EXECUTORS = ['jit', 'graphql-js'] as const;
export type GraphqlExecutorKind = (typeof GRAPHQL_EXECUTORS)[number];

/** Compiled operations kept (least recently used dropped first). */
export const COMPILED_CACHE_SIZE = 500;

type Gateway<C extends BaseContext> = ApolloServerOptionsWithGateway<C>['gateway'];

interface CompiledEntry {
  seen: number;
  /**
   * undefined: seen once, not compiled (graphql-js ran it); null: graphql-jit declined the operation,
   * graphql-js runs it (and answers its errors).
   */
  compiled: CompiledQuery | null | undefined;
}

/**
 * A bounded cache of compiled operations, by the operation's text hash and name. Map order is
 * insertion order: a hit is moved to the end, the first entry is the least recently used.
 *
 * An operation is compiled the second time it arrives: compiling costs 2–20 ms, an operation sent
 * once (an ad-hoc query, a fuzzer) would pay more than it gains, and a stream of distinct
 * operations costs no more than under graphql-js.
 */
export class CompiledOperations {
  private readonly entries = new Map<string, CompiledEntry>();
  compilations = 0;

  private readonly capacity: number;
  private readonly compileAt: number;

  /** `compileAt`: the sighting that compiles an operation (default 2; tests use 1 to compile everything). */
  constructor(
    private readonly schema: GraphQLSchema,
    opts: { capacity?: number; compileAt?: number } = {},
  ) {
    this.capacity = opts.capacity ?? COMPILED_CACHE_SIZE;
    this.compileAt = opts.compileAt ?? 2;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Executes the operation, compiling it on first sight. */
  async run(request: {
    key: string;
    document: Parameters<typeof execute>[0]['document'];
    operationName?: string | null;
    variables?: Record<string, unknown>;
    context: unknown;
  }): Promise<ExecutionResult> {
    const key = `${request.operationName ?? ''}\u0000${request.key}`;
    let entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    } else {
      entry = { seen: 0, compiled: undefined };
      this.entries.set(key, entry);
      if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    }
    if (entry.compiled === undefined && ++entry.seen >= this.compileAt) {
      this.compilations++;
      const compiled = compileQuery(this.schema, request.document, request.operationName ?? undefined);
      entry.compiled = isCompiledQuery(compiled) ? compiled : null;
    }
    const interpreted = () =>
      execute({
        schema: this.schema,
        document: request.document,
        operationName: request.operationName,
        variableValues: request.variables,
        contextValue: request.context,
      });
    if (!entry.compiled) return interpreted(); // not compiled yet, or declined
    const result = await entry.compiled.query(undefined, request.context, request.variables ?? {});
    if (!result.errors?.length) return result;
    // No data at all: the request failed before any resolver ran (its variables). graphql-js answers
    // it again, with its own messages and the error nodes Apollo reads to answer 400 BAD_USER_INPUT.
    if (result.data === undefined) return interpreted();
    return { ...result, errors: result.errors.map(asGraphqlJsError) };
  }
}

/**
 * graphql-jit's field errors are GraphQLError look-alikes without `extensions` when the cause had
 * none; Apollo's error formatting needs a real one. Same message, locations, path and cause.
 */
function asGraphqlJsError(error: GraphQLError): GraphQLError {
  if (!(error instanceof GraphQLError)) return error;
  const copy = new GraphQLError(error.message, { path: error.path, originalError: error.originalError, extensions: error.extensions });
  (copy as { locations?: GraphQLError['locations'] }).locations = error.locations;
  return copy;
}

/**
 * Apollo Server 4+ takes a custom executor only through its gateway interface: a "gateway" that
 * serves one fixed schema and executes with the compiled operations.
 */
export function compiledGateway<C extends BaseContext>(schema: GraphQLSchema, operations = new CompiledOperations(schema)): Gateway<C> {
  let announce: ((s: { apiSchema: GraphQLSchema; coreSupergraphSdl: string }) => void) | null = null;
  return {
    onSchemaLoadOrUpdate(callback) {
      announce = callback;
      return () => {
        announce = null;
      };
    },
    async load() {
      announce?.({ apiSchema: schema, coreSupergraphSdl: '' });
      return {
        executor: async (rc) =>
          (await operations.run({
            key: rc.queryHash,
            document: rc.document,
            operationName: rc.operationName,
            variables: rc.request.variables,
            context: rc.context,
          })) as Awaited<ReturnType<NonNullable<Awaited<ReturnType<Gateway<C>['load']>>['executor']>>>,
      };
    },
    async stop() {},
  };
}
