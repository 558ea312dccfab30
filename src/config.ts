import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import dotenv from 'dotenv';
import { DEFAULT_POLICY, PolicyError, policyFromEnv, type SlaPolicy } from './domain/sla-policy';
import { loadAuthConfig, type AuthConfig } from './auth/auth-config';
import { limitsFromEnv, type Limits } from './limits-config'; // limits and hardening (issue 7)
import { webhookOptionsFromEnv, type WebhookWorkerOptions } from './events/webhook-worker'; // events (issue 16)
import { clockOptionsFromEnv, type EventClockOptions } from './events/clock';
import { READ_HOLDS, type ReadHold } from './graph/read-hold';
import { GRAPHQL_EXECUTORS, type GraphqlExecutorKind } from './graphql-executor';

export type StoreEngine = 'embedded' | 'neo4j';

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  logLevel: string;
  store: StoreEngine;
  dataDir: string;
  seedOnEmpty: boolean;
  /** RAPPORT_READ_CONCURRENCY: reads in the embedded engine at once (see readHold; null: one less than libuv's thread pool). */
  readConcurrency: number | null;
  /** RAPPORT_READ_HOLD: reads held to that number `always` (default) or only while a write is about (`writes`). */
  readHold: ReadHold;
  /** RAPPORT_GRAPHQL_EXECUTOR: queries compiled by graphql-jit (`jit`, default) or all interpreted (`graphql-js`). */
  graphqlExecutor: GraphqlExecutorKind;
  neo4j: { uri: string; username: string; password: string; database?: string };
  /** SLA times and attention thresholds (RAPPORT_POLICY_FILE, else the defaults). */
  policy: SlaPolicy;
  /** Authentication: on unless bound to loopback (RAPPORT_AUTH), and the JWT key. */
  auth: AuthConfig;
  /** Query limits, body size, rate limit and CORS origins (RAPPORT_MAX_*, RAPPORT_BODY_LIMIT, …). */
  limits: Limits;
  /** RAPPORT_ACCESS_LOG_DAYS: access-log retention in days (null: kept). */
  accessLogDays: number | null;
  /** Webhook delivery (RAPPORT_WEBHOOKS=off turns the worker off; RAPPORT_WEBHOOK_*: retries, timeouts). */
  webhooks: WebhookWorkerOptions | null;
  /** The clock of time-driven events (RAPPORT_EVENT_CLOCK_SECONDS, RAPPORT_SLA_AT_RISK_HOURS; RAPPORT_EVENT_CLOCK=off). */
  eventClock: EventClockOptions | null;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * Reads the configuration from environment variables (and `.env` in the working directory, whose
 * values never override the real environment). Every bad value is reported, not just the first.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, opts: { dotenvFile?: string } = {}): Config {
  const file = opts.dotenvFile ?? path.resolve('.env');
  const merged: NodeJS.ProcessEnv = { ...env };
  if (env === process.env && existsSync(file)) {
    const parsed = dotenv.parse(readFileSync(file));
    for (const [k, v] of Object.entries(parsed)) if (merged[k] === undefined) merged[k] = v;
  }
  const problems: string[] = [];
  const get = (name: string) => {
    const v = merged[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], dflt: T): T => {
    const v = get(name);
    if (v === undefined) return dflt;
    if (!(allowed as readonly string[]).includes(v)) {
      problems.push(`${name}="${v}" is not one of ${allowed.join(', ')}`);
      return dflt;
    }
    return v as T;
  };
  const bool = (name: string, dflt: boolean): boolean => {
    const v = get(name);
    if (v === undefined) return dflt;
    if (['1', 'true', 'yes', 'on'].includes(v.toLowerCase())) return true;
    if (['0', 'false', 'no', 'off'].includes(v.toLowerCase())) return false;
    problems.push(`${name}="${v}" is not a boolean (true/false)`);
    return dflt;
  };

  const readSecretFile = (name: string): string | undefined => {
    const file = get(name);
    if (!file) return undefined;
    try {
      return readFileSync(file, 'utf8').trim();
    } catch {
      problems.push(`${name}: cannot read ${file}`);
      return undefined;
    }
  };
  const nodeEnv = oneOf('NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const host = get('RAPPORT_HOST') ?? '127.0.0.1';
  if (!/^[A-Za-z0-9.:_-]+$/.test(host)) problems.push(`RAPPORT_HOST="${host}" is not a host name or IP address`);
  const portText = get('RAPPORT_PORT') ?? '4000';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 0 || port > 65535) {
    problems.push(`RAPPORT_PORT="${portText}" is not a port number (0-65535)`);
  }
  const logLevel = oneOf('RAPPORT_LOG_LEVEL', LOG_LEVELS, nodeEnv === 'test' ? 'silent' : 'info');
  const store = oneOf('RAPPORT_STORE', ['embedded', 'neo4j'] as const, 'embedded');
  const dataDir = path.resolve(get('RAPPORT_DATA_DIR') ?? './data');
  const seedOnEmpty = bool('RAPPORT_SEED_ON_EMPTY', true);
  const readConcurrencyText = get('RAPPORT_READ_CONCURRENCY');
  const readConcurrency = readConcurrencyText ? Number(readConcurrencyText) : null;
  if (readConcurrencyText && !(Number.isInteger(readConcurrency) && readConcurrency! >= 1)) {
    problems.push(`RAPPORT_READ_CONCURRENCY="${readConcurrencyText}" is not a whole number (1 or more)`);
  }
  const readHold = oneOf('RAPPORT_READ_HOLD', READ_HOLDS, 'always');
  const graphqlExecutor = oneOf('RAPPORT_GRAPHQL_EXECUTOR', GRAPHQL_EXECUTORS, 'jit');

  const uri = get('NEO4J_URI') ?? '';
  const username = get('NEO4J_USERNAME') ?? 'neo4j';
  const password = get('NEO4J_PASSWORD') ?? readSecretFile('NEO4J_PASSWORD_FILE') ?? '';
  const database = get('NEO4J_DATABASE');
  if (store === 'neo4j') {
    if (!uri) problems.push('NEO4J_URI is required when RAPPORT_STORE=neo4j (e.g. neo4j://localhost:7687)');
    else if (!/^(neo4j|bolt)(\+s|\+ssc)?:\/\/[^\s]+$/.test(uri)) {
      problems.push(`NEO4J_URI="${uri}" must start with neo4j://, neo4j+s://, bolt:// or bolt+s://`);
    }
    if (!password) problems.push('NEO4J_PASSWORD is required when RAPPORT_STORE=neo4j');
  }
  const daysText = get('RAPPORT_ACCESS_LOG_DAYS');
  const accessLogDays = daysText ? Number(daysText) : null;
  if (daysText && !(Number.isInteger(accessLogDays) && accessLogDays! > 0)) {
    problems.push(`RAPPORT_ACCESS_LOG_DAYS="${daysText}" is not a whole number of days (1 or more)`);
  }
  const auth = loadAuthConfig(get, host, problems);
  const limits = limitsFromEnv(get, problems); // limits and hardening (issue 7): src/limits-config.ts
  const webhookOptions = webhookOptionsFromEnv(get, problems); // events (issue 16)
  const webhooks = bool('RAPPORT_WEBHOOKS', true) ? webhookOptions : null;
  const clockOptions = clockOptionsFromEnv(get, problems);
  const eventClock = bool('RAPPORT_EVENT_CLOCK', true) ? clockOptions : null;
  let policy: SlaPolicy = DEFAULT_POLICY;
  try {
    policy = policyFromEnv(merged);
  } catch (err) {
    if (!(err instanceof PolicyError)) throw err;
    problems.push(`RAPPORT_POLICY_FILE: ${err.message}`);
  }
  if (problems.length) throw new ConfigError(problems);
  return {
    env: nodeEnv,
    host,
    port,
    logLevel,
    store,
    dataDir,
    seedOnEmpty,
    readConcurrency,
    readHold,
    graphqlExecutor,
    neo4j: { uri, username, password, database },
    policy,
    auth,
    limits,
    accessLogDays,
    webhooks,
    eventClock,
  };
}
