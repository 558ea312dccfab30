import { AppError, ErrorCode } from '../errors';

/**
 * Engine errors become ours here, and only here. A constraint violation is CONFLICT; a broken
 * statement is an internal error whose Cypher is logged (by whoever catches it) but never shown.
 */
export type StoreErrorKind = 'CONFLICT' | 'QUERY' | 'TRANSIENT' | 'UNAVAILABLE' | 'SCHEMA_EXISTS' | 'UNKNOWN';

export class StoreError extends Error {
  constructor(
    readonly kind: StoreErrorKind,
    message: string,
    readonly cypher?: string,
    readonly engineCode?: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }

  /** What an API client may see. */
  toAppError(): AppError {
    if (this.kind === 'CONFLICT') {
      return new AppError(ErrorCode.CONFLICT, 'That record already exists (a unique key is taken)');
    }
    if (this.kind === 'UNAVAILABLE') return new AppError(ErrorCode.STORE_UNAVAILABLE, 'The store is not reachable');
    return new AppError(ErrorCode.INTERNAL_SERVER_ERROR, 'Internal error');
  }
}

interface EngineError {
  message?: string;
  gqlStatus?: string;
  code?: string;
}

/** @grafeo-db/js errors carry an ISO GQLSTATUS and a GRAFEO-xxxx code in the message. */
export function fromGrafeoError(err: unknown, cypher?: string): StoreError {
  if (err instanceof StoreError) return err;
  const e = (err ?? {}) as EngineError;
  const message = e.message ?? String(err);
  const status = e.gqlStatus;
  if (/constraint violation/i.test(message)) return new StoreError('CONFLICT', message, cypher, status);
  if (status === '40000' || /GRAFEO-T001|write conflict/i.test(message)) {
    return new StoreError('TRANSIENT', message, cypher, status);
  }
  if (status?.startsWith('42') || /GRAFEO-Q\d+/.test(message)) return new StoreError('QUERY', message, cypher, status);
  if (/already exists/i.test(message) && /index|constraint/i.test(message)) {
    return new StoreError('SCHEMA_EXISTS', message, cypher, status);
  }
  return new StoreError('UNKNOWN', message, cypher, status);
}

const NEO4J_UNAVAILABLE = ['ServiceUnavailable', 'SessionExpired'];

/** neo4j-driver errors carry Neo4j status codes such as Neo.ClientError.Schema.ConstraintValidationFailed. */
export function fromNeo4jError(err: unknown, cypher?: string): StoreError {
  if (err instanceof StoreError) return err;
  const e = (err ?? {}) as EngineError;
  const code = e.code ?? '';
  const message = e.message ?? String(err);
  if (code === 'Neo.ClientError.Schema.ConstraintValidationFailed') return new StoreError('CONFLICT', message, cypher, code);
  if (/^Neo\.ClientError\.Schema\.(EquivalentSchemaRuleAlreadyExists|IndexAlreadyExists|ConstraintAlreadyExists)/.test(code)) {
    return new StoreError('SCHEMA_EXISTS', message, cypher, code);
  }
  if (code.startsWith('Neo.ClientError.Statement')) return new StoreError('QUERY', message, cypher, code);
  if (code.startsWith('Neo.TransientError')) return new StoreError('TRANSIENT', message, cypher, code);
  if (NEO4J_UNAVAILABLE.includes(code)) return new StoreError('UNAVAILABLE', message, cypher, code);
  if (code === 'Neo.ClientError.Security.Unauthorized') return new StoreError('UNAVAILABLE', message, cypher, code);
  return new StoreError('UNKNOWN', message, cypher, code);
}
