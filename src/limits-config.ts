import { DEFAULT_QUERY_LIMITS, type QueryLimits } from './graphql-limits';

/** Everything that bounds what one caller can ask of the server (issue #7, hardening). */
export interface Limits {
  query: QueryLimits;
  /** Largest accepted request body in bytes (RAPPORT_BODY_LIMIT); larger is 413 PAYLOAD_TOO_LARGE. */
  bodyLimitBytes: number;
  /** Requests per minute per caller on /graphql (RAPPORT_RATE_LIMIT_PER_MINUTE); 0 = no limit. */
  rateLimitPerMinute: number;
  /** Browser origins allowed by CORS (RAPPORT_CORS_ORIGINS); empty = closed. */
  corsOrigins: string[];
}

export const DEFAULT_LIMITS: Readonly<Limits> = {
  query: { ...DEFAULT_QUERY_LIMITS },
  bodyLimitBytes: 1024 * 1024,
  rateLimitPerMinute: 600,
  corsOrigins: [],
};

/** The environment variables, their bounds and the QueryLimits key they set. */
const QUERY_VARS: { name: string; key: keyof QueryLimits; min: number; max: number }[] = [
  { name: 'RAPPORT_MAX_DEPTH', key: 'maxDepth', min: 2, max: 100 },
  { name: 'RAPPORT_MAX_ALIASES', key: 'maxAliases', min: 0, max: 10_000 },
  { name: 'RAPPORT_MAX_TOKENS', key: 'maxTokens', min: 100, max: 1_000_000 },
  { name: 'RAPPORT_MAX_DIRECTIVES', key: 'maxDirectives', min: 0, max: 10_000 },
  { name: 'RAPPORT_MAX_COST', key: 'maxCost', min: 1, max: 100_000_000 },
];

const MAX_BODY = 100 * 1024 * 1024;

/** "1048576", "512kb", "1mb" (1024-based, as express does) → bytes; undefined when unreadable. */
export function parseByteSize(text: string): number | undefined {
  const m = /^(\d+)\s*(b|kb|mb)?$/i.exec(text.trim());
  if (!m) return undefined;
  const unit = (m[2] ?? 'b').toLowerCase();
  return Number(m[1]) * (unit === 'mb' ? 1024 * 1024 : unit === 'kb' ? 1024 : 1);
}

/** An origin as browsers send it: scheme, host and optional port, nothing else. */
const ORIGIN = /^https?:\/\/(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/i;

/**
 * Reads the limits from the environment; every bad value is added to `problems` (the defaults are
 * used for it meanwhile), so loadConfig can report all of them at once.
 */
export function limitsFromEnv(get: (name: string) => string | undefined, problems: string[]): Limits {
  const integer = (name: string, dflt: number, min: number, max: number): number => {
    const v = get(name);
    if (v === undefined) return dflt;
    const n = Number(v);
    if (!/^\d+$/.test(v) || n < min || n > max) {
      problems.push(`${name}="${v}" is not a whole number between ${min} and ${max}`);
      return dflt;
    }
    return n;
  };

  const query = { ...DEFAULT_QUERY_LIMITS };
  for (const { name, key, min, max } of QUERY_VARS) query[key] = integer(name, DEFAULT_QUERY_LIMITS[key], min, max);

  let bodyLimitBytes = DEFAULT_LIMITS.bodyLimitBytes;
  const body = get('RAPPORT_BODY_LIMIT');
  if (body !== undefined) {
    const bytes = parseByteSize(body);
    if (bytes === undefined || bytes < 1024 || bytes > MAX_BODY) {
      problems.push(`RAPPORT_BODY_LIMIT="${body}" is not a size between 1kb and 100mb (e.g. 1048576, 512kb, 1mb)`);
    } else bodyLimitBytes = bytes;
  }

  const rateLimitPerMinute = integer('RAPPORT_RATE_LIMIT_PER_MINUTE', DEFAULT_LIMITS.rateLimitPerMinute, 0, 1_000_000);

  const corsOrigins: string[] = [];
  const cors = get('RAPPORT_CORS_ORIGINS');
  if (cors !== undefined) {
    for (const raw of cors
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      if (raw === '*') problems.push('RAPPORT_CORS_ORIGINS: "*" is not allowed; list the origins (https://app.example.com)');
      else if (!ORIGIN.test(raw)) problems.push(`RAPPORT_CORS_ORIGINS: "${raw}" is not an origin (scheme://host[:port], no path)`);
      else corsOrigins.push(raw.replace(/\/$/, '').toLowerCase());
    }
  }

  return { query, bodyLimitBytes, rateLimitPerMinute, corsOrigins };
}
