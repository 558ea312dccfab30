import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Parses an ISO-8601 date or date-time into a canonical UTC ISO string, or null. */
export function parseIsoDateTime(text: string): string | null {
  if (!ISO.test(text)) return null;
  // A date-time without an offset is read as UTC, so "2025-03-01T09:00" means the same on every server.
  const withZone = /T/.test(text) && !/(Z|[+-]\d{2}:?\d{2})$/.test(text) ? `${text}Z` : text;
  const ms = Date.parse(withZone);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

function invalid(value: unknown): GraphQLError {
  return new GraphQLError(`DateTime must be an ISO-8601 string such as 2025-06-15T08:00:00Z, got ${JSON.stringify(value)}`, {
    extensions: { code: 'BAD_USER_INPUT' },
  });
}

/**
 * Serialized stored values, by their text (issue 15): a card serializes dozens of instants, the same
 * ones request after request, and parsing and formatting each costs microseconds. Bounded: emptied
 * when full.
 */
const SERIALIZED = new Map<string, string>();
const SERIALIZED_MAX = 50_000;

/** An instant as an ISO-8601 string. Output is always UTC with milliseconds: 2025-06-15T08:00:00.000Z. */
export const DateTimeScalar = new GraphQLScalarType<string, string>({
  name: 'DateTime',
  description: 'An instant, as an ISO-8601 string (output in UTC, e.g. 2025-06-15T08:00:00.000Z).',
  serialize(value) {
    if (value instanceof Date) return value.toISOString();
    if (typeof value === 'string') {
      const known = SERIALIZED.get(value);
      if (known !== undefined) return known;
      const iso = parseIsoDateTime(value);
      if (iso) {
        if (SERIALIZED.size >= SERIALIZED_MAX) SERIALIZED.clear();
        SERIALIZED.set(value, iso);
        return iso;
      }
    }
    throw new GraphQLError(`Cannot serialize ${JSON.stringify(value)} as DateTime`);
  },
  parseValue(value) {
    const iso = typeof value === 'string' ? parseIsoDateTime(value) : null;
    if (!iso) throw invalid(value);
    return iso;
  },
  parseLiteral(ast) {
    const iso = ast.kind === Kind.STRING ? parseIsoDateTime(ast.value) : null;
    if (!iso) throw invalid(ast.kind === Kind.STRING ? ast.value : ast.kind);
    return iso;
  },
});
