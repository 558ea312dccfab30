import 'reflect-metadata';
import path from 'node:path';
import { buildRapportSchema } from '../src/build-schema';
import { loadConfig } from '../src/config';
import { bootstrapSchema } from '../src/graph/bootstrap';
import { EmbeddedStore } from '../src/graph/embedded-store';
import { Neo4jStore } from '../src/graph/neo4j-store';
import { CountingStore, type Params, type Store, type TxRunner } from '../src/graph/store';
import { importPath, type ImportReport } from '../src/import/import-files';
import { createLogger } from '../src/logger';
import { createServer } from '../src/server';
import { IMPORT_DIR } from './generate';
import { OPERATIONS, naiveCustomers, type OpKey } from './operations';
import { mb, summarize, type LatencySummary } from './stats';
import { TimingStore, statementName, type StatementTime } from './timing-store';
import type { AttentionCache } from '../src/graph/attention-cache';
import type { PageBounds } from '../src/graph/page-bounds';

/**
 * The benchmark's child process (forked by bench/run.ts, talks over IPC):
 *   import — loads a generated data set into a fresh store through importPath and reports;
 *   serve  — opens that store, starts the real HTTP server on a free port, and on request runs the
 *            "direct" variants of the operations against the same store in the same process.
 * Keeping the server in its own process keeps the load generator's CPU and memory out of its RSS,
 * and lets a CPU profile (--cpu-prof) cover the server alone.
 */

export type Engine = 'embedded' | 'neo4j';

export interface ImportResult {
  report: ImportReport;
  /** The import's time window on the monotonic clock (µs), to cut a CPU profile to it. */
  window: { fromUs: number; toUs: number };
  wallMs: number;
  closeMs: number;
  maxRssMb: number;
  /** CPU time of the import process (all threads) ÷ wall time. */
  cpuPct: number;
  /** Time inside the store, by statement (the rest is the importer's own work). */
  storeMs: number;
  statements: StatementTime[];
}

export interface DirectResult {
  latency: LatencySummary;
  statementsPerCall: number;
  /** Where one call's storage time goes, statement by statement (a separate, timed pass). */
  breakdown: { statement: string; callsPerOp: number; msPerOp: number }[];
}

export interface ServeStats {
  calls: number;
  /** Statements running now (the driver waits for a quiet server between runs). */
  pending: number;
  rssMb: number;
  maxRssMb: number;
  heapUsedMb: number;
  /** CPU time of the server process so far (user + system, µs). */
  cpuUs: number;
}

/** Opens the store a bench run uses: a fresh embedded directory, or the Neo4j database named by NEO4J_*. */
export async function openBenchStore(engine: Engine, dir: string): Promise<Store> {
  if (engine === 'embedded') return EmbeddedStore.open(dir);
  return Neo4jStore.connect({
    uri: process.env.NEO4J_URI ?? '',
    username: process.env.NEO4J_USERNAME ?? 'neo4j',
    password: process.env.NEO4J_PASSWORD ?? '',
    database: process.env.NEO4J_DATABASE,
  });
}

/** Neo4j has no "fresh directory": the bench empties the database (in bounded batches) before loading. */
async function emptyNeo4j(store: Store) {
  for (;;) {
    const rows = await store.write('MATCH (n) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS n');
    if (!rows[0] || Number(rows[0].n) === 0) return;
  }
}

/**
 * Counts statements in flight. A client that gives up (the end of a saturated run) does not stop the
 * server's work on its request, so the driver waits for a quiet store before the next measurement.
 */
class PendingStore implements Store {
  pending = 0;
  /** The most recent statements (to name what one probe request ran). */
  readonly recent: string[] = [];
  /** The embedded store's attention cache, passed through (the server's list uses it). */
  readonly attentionCache?: () => AttentionCache;
  readonly pageBounds?: () => PageBounds;
  constructor(private readonly inner: Store) {
    if (inner.attentionCache) this.attentionCache = () => inner.attentionCache!();
    if (inner.pageBounds) this.pageBounds = () => inner.pageBounds!();
  }
  private note(cypher: string) {
    this.recent.push(cypher);
    if (this.recent.length > 500) this.recent.shift();
  }
  get engine() {
    return this.inner.engine;
  }
  private async track<T>(p: () => Promise<T>): Promise<T> {
    this.pending++;
    try {
      return await p();
    } finally {
      this.pending--;
    }
  }
  read(cypher: string, params?: Params) {
    this.note(cypher);
    return this.track(() => this.inner.read(cypher, params));
  }
  write(cypher: string, params?: Params) {
    this.note(cypher);
    return this.track(() => this.inner.write(cypher, params));
  }
  transaction<T>(work: (tx: TxRunner) => Promise<T>) {
    return this.track(() =>
      this.inner.transaction((tx) =>
        work({
          run: (cypher, params) => {
            this.note(cypher);
            return tx.run(cypher, params);
          },
        }),
      ),
    );
  }
  ping() {
    return this.inner.ping();
  }
  close() {
    return this.inner.close();
  }
}

const send = (msg: unknown) => new Promise<void>((resolve) => process.send!(msg, undefined, {}, () => resolve()));
const cpuUs = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};
const maxRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

async function runImport(engine: Engine, dir: string, data: string, batchSize: number) {
  const store = await openBenchStore(engine, dir);
  if (engine === 'neo4j') await emptyNeo4j(store);
  await bootstrapSchema(store);
  const timing = new TimingStore(store);
  const cpuBefore = cpuUs();
  let last = 0;
  const fromUs = Number(process.hrtime.bigint() / 1000n);
  const started = performance.now();
  const report = await importPath(timing, path.join(data, IMPORT_DIR), {
    batchSize,
    actor: 'bench',
    origin: 'benchmark',
    maxReportedErrors: 20,
    onProgress: (p) => {
      const now = performance.now();
      if (!p.done && now - last < 2000) return;
      last = now;
      void send({
        type: 'progress',
        file: p.file,
        rows: p.rows,
        rejected: p.rejected,
        rowsPerSecond: p.rowsPerSecond,
        done: p.done,
        rssMb: mb(process.memoryUsage().rss),
      });
    },
  });
  const wallMs = performance.now() - started;
  const toUs = Number(process.hrtime.bigint() / 1000n);
  const cpuPct = Math.round((cpuUs() - cpuBefore) / (wallMs * 10));
  const closeStarted = performance.now();
  await store.close();
  const result: ImportResult = {
    report,
    window: { fromUs, toUs },
    wallMs: Math.round(wallMs),
    closeMs: Math.round(performance.now() - closeStarted),
    maxRssMb: maxRssMb(),
    cpuPct,
    storeMs: timing.totalMs(),
    statements: timing.top(12),
  };
  await send({ type: 'import-done', result });
}

async function measure(
  fn: (store: Store) => Promise<unknown>,
  inner: Store,
  durationMs: number,
  minIterations: number,
): Promise<DirectResult> {
  const counting = new CountingStore(inner);
  // Warm-up: a tenth of the time (at least one call), so the JIT and the engine's caches settle.
  const warmUntil = performance.now() + durationMs / 10;
  do await fn(counting);
  while (performance.now() < warmUntil);
  counting.reset();
  const samples: number[] = [];
  const until = performance.now() + durationMs;
  while (performance.now() < until || samples.length < minIterations) {
    const t = performance.now();
    await fn(counting);
    samples.push(performance.now() - t);
  }
  const statementsPerCall = counting.calls / samples.length;
  // A separate pass with every statement timed (the timing is not in the latency figures).
  const timing = new TimingStore(inner);
  const passes = Math.max(3, Math.min(20, samples.length));
  for (let i = 0; i < passes; i++) await fn(timing);
  const breakdown = timing.top(8).map((t) => ({
    statement: t.statement,
    callsPerOp: Math.round((t.calls / passes) * 100) / 100,
    msPerOp: Math.round((t.totalMs / passes) * 100) / 100,
  }));
  return { latency: summarize(samples), statementsPerCall, breakdown };
}

async function runServe(engine: Engine, dir: string, logLevel: string) {
  const baselineRssMb = mb(process.memoryUsage().rss);
  const openStarted = performance.now();
  const inner = await openBenchStore(engine, dir);
  await inner.ping();
  const openMs = Math.round(performance.now() - openStarted);
  const pending = new PendingStore(inner);
  // Every statement the server runs is timed (a Map update each): how much of a request is the store.
  const timing = new TimingStore(pending);
  const counting = new CountingStore(timing);
  const schema = await buildRapportSchema();
  // The configuration a deployment would have (same loader as src/main.ts), except that the
  // per-caller rate limit is off: the benchmark is one caller measuring capacity.
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'production',
    RAPPORT_HOST: '127.0.0.1',
    RAPPORT_PORT: '0',
    RAPPORT_STORE: engine,
    RAPPORT_LOG_LEVEL: logLevel,
    RAPPORT_SEED_ON_EMPTY: 'false',
    RAPPORT_RATE_LIMIT_PER_MINUTE: '0',
  });
  const server = await createServer({
    config,
    store: counting,
    schema,
    logger: createLogger(config.logLevel),
    policy: config.policy,
    auth: config.auth,
    // As `npm start`: the clock keeps the attention states current (RAPPORT_EVENT_CLOCK=false turns it off).
    eventClock: config.eventClock,
  });
  const url = await server.listen();
  await send({ type: 'ready', url, openMs, baselineRssMb, loadedRssMb: mb(process.memoryUsage().rss) });

  process.on('message', async (msg: { id: number; type: string; [k: string]: unknown }) => {
    try {
      let result: unknown;
      if (msg.type === 'stats') {
        const stats: ServeStats = {
          calls: counting.calls,
          pending: pending.pending,
          rssMb: mb(process.memoryUsage().rss),
          maxRssMb: maxRssMb(),
          heapUsedMb: mb(process.memoryUsage().heapUsed),
          cpuUs: cpuUs(),
        };
        result = stats;
      } else if (msg.type === 'direct-samples') {
        // A few sequential calls, timed one by one: the driver interleaves them with HTTP requests.
        const op = OPERATIONS[msg.op as OpKey];
        const vars = msg.vars as Record<string, unknown>[];
        const samples: number[] = [];
        for (const v of vars) {
          const t = performance.now();
          await op.direct(inner, v, { now: new Date(), policy: config.policy });
          samples.push(performance.now() - t);
        }
        result = samples;
      } else if (msg.type === 'timing') {
        result = { totalMs: timing.totalMs(), top: timing.top(6) };
        if (msg.reset) timing.reset();
      } else if (msg.type === 'recent') {
        result = pending.recent.slice(-(msg.n as number)).map(statementName);
      } else if (msg.type === 'mark') {
        result = { us: Number(process.hrtime.bigint() / 1000n) };
      } else if (msg.type === 'direct' || msg.type === 'naive') {
        const op = OPERATIONS[msg.op as OpKey];
        const vars = msg.vars as Record<string, unknown>[];
        const fn = msg.type === 'naive' ? naiveCustomers : op.direct;
        let n = 0;
        result = await measure(
          (store) => fn(store, vars[n++ % vars.length], { now: new Date(), policy: config.policy }),
          inner,
          msg.durationMs as number,
          msg.minIterations as number,
        );
      } else if (msg.type === 'stop') {
        const rssMb = mb(process.memoryUsage().rss);
        await server.stop();
        await send({ id: msg.id, ok: true, result: { maxRssMb: maxRssMb(), rssMb } });
        process.exit(0);
      } else {
        throw new Error(`unknown message ${msg.type}`);
      }
      await send({ id: msg.id, ok: true, result });
    } catch (err) {
      await send({ id: msg.id, ok: false, error: (err as Error).stack ?? String(err) });
    }
  });
}

if (require.main === module) {
  const [mode, engine, dir, ...rest] = process.argv.slice(2);
  const job =
    mode === 'import' ? runImport(engine as Engine, dir, rest[0], Number(rest[1])) : runServe(engine as Engine, dir, rest[0] ?? 'info');
  job.catch((err) => {
    process.stderr.write(`bench worker (${mode}): ${(err as Error).stack ?? err}\n`);
    process.exit(1);
  });
  if (mode === 'import') job.then(() => process.exit(0));
}
