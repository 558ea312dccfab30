import { GraphQLError } from 'graphql';

/** Our error codes. They reach API clients as `extensions.code`. */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  FORBIDDEN = 'FORBIDDEN',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  STORE_UNAVAILABLE = 'STORE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

export interface FieldProblem {
  field: string;
  reason: string;
}

/**
 * An error whose message is safe to show to API clients. Anything that is not an AppError
 * is masked as INTERNAL_SERVER_ERROR at the GraphQL boundary.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  toGraphQLError(): GraphQLError {
    return new GraphQLError(this.message, { extensions: { code: this.code, ...this.details } });
  }
}

export const badInput = (problems: FieldProblem[]): AppError =>
  new AppError(ErrorCode.BAD_USER_INPUT, `Invalid input: ${problems.map((p) => `${p.field}: ${p.reason}`).join('; ')}`, {
    fields: problems,
  });

export const notFound = (kind: string, id: string): AppError => new AppError(ErrorCode.NOT_FOUND, `${kind} ${id} not found`, { kind, id });

export const conflict = (message: string, details: Record<string, unknown> = {}): AppError =>
  new AppError(ErrorCode.CONFLICT, message, details);
