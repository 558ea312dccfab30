import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { requestBody, type Operation, type Samples } from './operations';
import { summarize, type LatencySummary } from './stats';

/**
 * One load run with autocannon: `connections` keep-alive connections POST the operation to
 * /graphql, either for a fixed duration or (for operations that take seconds each) a fixed number
 * of requests. Every response time is kept, so p50/p95/p99 are exact, not histogram buckets.
 */
export interface LoadRun {
  connections: number;
  mode: 'duration' | 'amount';
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  latency: LatencySummary;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** 200 responses that carried GraphQL errors. */
  graphqlErrors: number;
  /** The server process's CPU time over the run ÷ wall time (100 % = one core busy). */
  serverCpuPct?: number;
  /** CPU used by everything else on the machine (not the server, not this driver): noise. */
  otherCpuPct?: number;
  /** Time the server spent in store statements per request (statements overlap when concurrent). */
  storeMsPerRequest?: number;
  storeTop?: { statement: string; perRequestMs: number; callsPerRequest: number }[];
}

/** Busy CPU time of the whole machine so far, in ms (Linux /proc/stat; null elsewhere). */
export function machineBusyMs(): number | null {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number) as number[];
    const total = fields.slice(0, 8).reduce((a, b) => a + b, 0);
    const idle = fields[3] + (fields[4] ?? 0);
    return ((total - idle) * 1000) / 100; // USER_HZ = 100
  } catch {
    return null;
  }
}

/** CPU time of this process so far, in ms. */
export const ownCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

export async function drive(
  url: string,
  op: Operation,
  samples: Samples,
  opts: { connections: number; durationS?: number; amount?: number; timeoutS: number },
): Promise<LoadRun> {
  let n = 0;
  const times: number[] = [];
  const started = performance.now();
  let finish!: (err: unknown, result: autocannon.Result) => void;
  const finished = new Promise<autocannon.Result>((resolve, reject) => (finish = (err, result) => (err ? reject(err) : resolve(result))));
  const instance = autocannon(
    {
      url,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      connections: opts.connections,
      duration: opts.durationS ?? 10,
      amount: opts.amount,
      timeout: opts.timeoutS,
      requests: [{ setupRequest: (req) => ({ ...req, body: requestBody(op, n++, samples) }) }],
      // A GraphQL error still answers 200: count it as a mismatch.
      verifyBody: (body) => !String(body).startsWith('{"errors"') && !String(body).includes('"errors":['),
    },
    (err, result) => finish(err, result),
  );
  instance.on('response', (_client, _status, _bytes, ms) => times.push(ms));
  const result = await finished;
  const seconds = opts.amount ? (performance.now() - started) / 1000 : result.duration;
  return {
    connections: opts.connections,
    mode: opts.amount ? 'amount' : 'duration',
    seconds: Math.round(seconds * 100) / 100,
    requests: times.length,
    requestsPerSecond: Math.round((times.length / seconds) * 10) / 10,
    latency: summarize(times),
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    graphqlErrors: result.mismatches,
  };
}
