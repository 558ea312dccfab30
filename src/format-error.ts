import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { AppError, ErrorCode } from './errors';
import { StoreError } from './graph/store-errors';
import type { Logger } from './logger';

/** Codes that graphql-js, Apollo and type-graphql produce for the client's own mistakes. */
const CLIENT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
  'SUBSCRIPTION_NOT_SUPPORTED',
]);

/** graphql-js stops coercing variables after 50 errors and adds this one, without a code: still the client's. */
const TOO_MANY_VARIABLE_ERRORS = /^Too many errors processing variables/;

/**
 * The one place where errors become what API clients see: our AppErrors keep their code and
 * message; store errors are logged with their Cypher and shown only as a code; anything unknown is
 * INTERNAL_SERVER_ERROR without details.
 */
export function createFormatError(logger: Logger, opts: { exposeStack: boolean }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const base = { locations: formatted.locations, path: formatted.path };
    if (original instanceof AppError) {
      return { ...base, message: original.message, extensions: { code: original.code, ...original.details } };
    }
    if (original instanceof StoreError) {
      logger.error(
        { err: { kind: original.kind, message: original.message, code: original.engineCode }, cypher: original.cypher },
        'store error',
      );
      const app = original.toAppError();
      return { ...base, message: app.message, extensions: { code: app.code } };
    }
    let code = formatted.extensions?.code as string | undefined;
    // A literal argument our scalar refused (e.g. at: "yesterday") is bad input, not a broken document.
    const cause = (error as { originalError?: { extensions?: { code?: string } } }).originalError;
    if (code === 'GRAPHQL_VALIDATION_FAILED' && cause?.extensions?.code === 'BAD_USER_INPUT') code = 'BAD_USER_INPUT';
    if (original instanceof GraphQLError && !original.originalError && TOO_MANY_VARIABLE_ERRORS.test(original.message))
      code = 'BAD_USER_INPUT';
    if (code && CLIENT_CODES.has(code)) {
      const extensions: Record<string, unknown> = { code };
      const validation = (original as { extensions?: { validationErrors?: unknown } } | undefined)?.extensions?.validationErrors;
      if (code === 'BAD_USER_INPUT' && Array.isArray(validation)) {
        extensions.fields = validation.map((v: { property: string; constraints?: Record<string, string> }) => ({
          field: v.property,
          reason: Object.values(v.constraints ?? {}).join('; ') || 'invalid',
        }));
      }
      return { ...base, message: formatted.message, extensions };
    }
    if (original instanceof GraphQLError && original.extensions?.code && !original.originalError) {
      return { ...base, message: formatted.message, extensions: { code: original.extensions.code } };
    }
    logger.error({ err: original }, 'unexpected error');
    return {
      ...base,
      message: 'Internal error',
      extensions: {
        code: ErrorCode.INTERNAL_SERVER_ERROR,
        ...(opts.exposeStack && original instanceof Error ? { stacktrace: original.stack?.split('\n') } : {}),
      },
    };
  };
}
