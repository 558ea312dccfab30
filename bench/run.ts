import { fork, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, promises as fsp } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { generateDataset, readManifest, type Manifest } from './generate';
import { drive, machineBusyMs, ownCpuMs, type LoadRun } from './load';
import { OPERATIONS, requestBody, type OpKey, type Samples } from './operations';
import { summarizeProfile, type ProfileSummary } from './profile';
import { runSoak, type SoakResult } from './soak';
import { postJson } from './http-post';
import { summarize } from './stats';
import { evaluateTargets, toMarkdown } from './report';
import type { StatementTime } from './timing-store';
import type { DirectResult, Engine, ImportResult, ServeStats } from './worker';

/**
 * The benchmark driver (npm run bench): import a generated scale into a fresh store, start the real
 * server in a child process, probe and load each operation over HTTP, measure the same data through
 * the storage port in the server's process, and write the results (Markdown + JSON).
 */

export interface BenchOptions {
  scale: string;
  divisor: number;
  dataDir: string;
  outDir: string;
  engines: Engine[];
  ops: OpKey[];
  durationS: number;
  directDurationS: number;
  connections: number[];
  batchSize: number;
  /** Operations to CPU-profile; `auto` = the one with the highest p50 at 1 connection. */
  profileOps: (OpKey | 'auto')[];
  profileImport: boolean;
  logLevel: string;
  keep: boolean;
  /** An existing embedded data directory to serve instead of importing into a fresh one (--store). */
  storeDir?: string;
  /** Seconds to wait at most for other processes to go quiet before starting (0 = do not wait). */
  waitQuietS: number;
  /** Minutes of mixed load after the operations, with the server's RSS sampled every 10 s (0 = none). */
  soakMinutes: number;
  soakConnections: number;
  /** The soak without its writes. */
  soakReadsOnly?: boolean;
  log: (line: string) => void;
}

export interface OpResult {
  key: OpKey;
  title: string;
  available: boolean;
  error?: string;
  /** One request after a warm-up one: its time, exact statement count and response size. */
  probe?: { ms: number; statements: number; bytes: number; statementNames: string[] };
  direct?: DirectResult;
  load: LoadRun[];
  /**
   * GraphQL p50 ÷ storage-port p50, measured interleaved (a few port calls, then as many sequential
   * HTTP requests, repeated) so that both see the same machine: other work on it cancels out.
   */
  apiRatioP50?: number;
  paired?: { pairs: number; httpP50: number; portP50: number };
  /** The server's RSS after this operation's runs, and its peak so far. */
  serverRssMb?: number;
  serverPeakRssMb?: number;
}

export interface EngineResult {
  engine: Engine;
  /** Missing when the run used an existing store (--store). */
  import?: ImportResult & { expectedNodesAndRelationships: number };
  server: { openMs: number; baselineRssMb: number; loadedRssMb: number; afterRunRssMb: number; afterRunHeapMb: number; maxRssMb: number };
  ops: OpResult[];
  /** Statements per request at two list lengths (they should be equal). */
  listLength: { query: string; short: number; long: number; shortStatements: number | null; longStatements: number | null }[];
  naive?: { batched: DirectResult; naive: DirectResult };
  /** The mixed-load soak with its RSS samples (--soak). */
  soak?: SoakResult;
  profiles: { label: string; summary: ProfileSummary }[];
}

export interface BenchResults {
  scale: string;
  divisor: number;
  startedAt: string;
  finishedAt: string;
  machine: {
    cpus: number;
    model: string;
    memoryGiB: number;
    node: string;
    os: string;
    loadAverageAtStart: number[];
    loadAverageAtEnd: number[];
  };
  /** The code measured: the commit, and how many files differed from it (work in progress). */
  code: { commit: string; changedFiles: number };
  options: {
    durationS: number;
    directDurationS: number;
    connections: number[];
    batchSize: number;
    logLevel: string;
    soakMinutes?: number;
    soakConnections?: number;
    soakReadsOnly?: boolean;
  };
  data: { seed: number; anchor: string; nodes: number; relationships: number; counts: Manifest['counts'] };
  engines: EngineResult[];
  targets: ReturnType<typeof evaluateTargets>;
}

const WORKER = path.join(__dirname, 'worker.js');

/** A forked worker with request/response messaging. */
class Worker {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly events: { type: string; [k: string]: unknown }[] = [];
  private readonly listeners: ((m: { type: string; [k: string]: unknown }) => void)[] = [];
  readonly exited: Promise<number>;

  constructor(readonly proc: ChildProcess) {
    proc.on('message', (m: { id?: number; ok?: boolean; result?: unknown; error?: string; type?: string }) => {
      if (m.id && this.waiting.has(m.id)) {
        const w = this.waiting.get(m.id)!;
        this.waiting.delete(m.id);
        if (m.ok) w.resolve(m.result);
        else w.reject(new Error(m.error));
        return;
      }
      const event = m as { type: string };
      this.events.push(event);
      for (const l of this.listeners) l(event);
    });
    this.exited = new Promise((resolve) => proc.on('exit', (code) => resolve(code ?? 1)));
    void this.exited.then((code) => {
      for (const w of this.waiting.values()) w.reject(new Error(`bench worker exited (${code})`));
      this.waiting.clear();
    });
  }

  static start(args: string[], execArgv: string[] = [], quiet = false, env: NodeJS.ProcessEnv = {}): Worker {
    return new Worker(
      fork(WORKER, args, { execArgv, stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit', 'ipc'], env: { ...process.env, ...env } }),
    );
  }

  call<T>(type: string, payload: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.proc.send({ id, type, ...payload });
    });
  }

  /** Resolves with the first event of this type (or rejects when the worker exits first). */
  event<T>(type: string, onOther?: (m: { type: string; [k: string]: unknown }) => void): Promise<T> {
    const seen = this.events.find((e) => e.type === type);
    if (seen) return Promise.resolve(seen as T);
    return new Promise<T>((resolve, reject) => {
      this.listeners.push((m) => (m.type === type ? resolve(m as T) : onOther?.(m)));
      void this.exited.then((code) => reject(new Error(`bench worker exited (${code}) before "${type}"`)));
    });
  }
}

function codeVersion(): BenchResults['code'] {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const changed = execFileSync('git', ['status', '--porcelain'], { encoding: 'utf8' }).split('\n').filter(Boolean).length;
    return { commit, changedFiles: changed };
  } catch {
    return { commit: 'unknown', changedFiles: 0 };
  }
}

function machine(loadAverageAtStart: number[]): BenchResults['machine'] {
  let model = os.cpus()[0]?.model ?? 'unknown';
  try {
    const line = execFileSync('lscpu', { encoding: 'utf8' })
      .split('\n')
      .find((l) => /^Model name:/.test(l));
    if (line) model = line.replace(/^Model name:\s*/, '').trim();
  } catch {
    // lscpu is not everywhere: os.cpus() is enough.
  }
  const round = (xs: number[]) => xs.map((x) => Math.round(x * 100) / 100);
  return {
    cpus: os.cpus().length,
    model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    loadAverageAtStart: round(loadAverageAtStart),
    loadAverageAtEnd: round(os.loadavg()),
  };
}

async function runImport(o: BenchOptions, engine: Engine, dir: string, execArgv: string[] = []): Promise<ImportResult> {
  const w = Worker.start(['import', engine, dir, o.dataDir, String(o.batchSize)], execArgv);
  const done = await w.event<{ result: ImportResult }>('import-done', (m) => {
    if (m.type === 'progress')
      o.log(
        `  import ${String(m.file).padEnd(22)} ${String(m.rows).padStart(8)} rows${m.rejected ? ` (${m.rejected} rejected)` : ''}, ${m.rowsPerSecond} rows/s, RSS ${m.rssMb} MB${m.done ? ' ✓' : ''}`,
      );
  });
  await w.exited;
  return done.result;
}

interface Serving {
  worker: Worker;
  url: string;
  ready: { openMs: number; baselineRssMb: number; loadedRssMb: number };
}

async function startServer(o: BenchOptions, engine: Engine, dir: string, execArgv: string[] = []): Promise<Serving> {
  // As deployed: NODE_ENV=production (graphql-js and express skip their development checks).
  const worker = Worker.start(['serve', engine, dir, o.logLevel], execArgv, true, { NODE_ENV: 'production' });
  const ready = await worker.event<{ url: string; openMs: number; baselineRssMb: number; loadedRssMb: number }>('ready');
  return { worker, url: ready.url, ready };
}

/** Waits until the server has no statement running and its count has stopped moving (10 minutes at most). */
async function quiet(s: Serving): Promise<ServeStats> {
  let last = await s.worker.call<ServeStats>('stats');
  let still = 0;
  for (const giveUp = Date.now() + 600_000; Date.now() < giveUp;) {
    await new Promise((r) => setTimeout(r, 200));
    const now = await s.worker.call<ServeStats>('stats');
    still = now.pending === 0 && now.calls === last.calls ? still + 1 : 0;
    last = now;
    if (still >= 3) return now;
  }
  throw new Error('the server did not go quiet within 10 minutes (a statement still running?)');
}

async function probe(
  s: Serving,
  body: string,
): Promise<{ ms: number; statements: number; bytes: number; errors: string | null; statementNames: string[] }> {
  const before = await quiet(s);
  const t = performance.now();
  const res = await fetch(s.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const text = await res.text();
  const ms = performance.now() - t;
  const after = await quiet(s);
  let errors: string | null = res.ok ? null : `HTTP ${res.status}`;
  try {
    const json = JSON.parse(text) as { errors?: { message: string; extensions?: { code?: string } }[] };
    if (json.errors?.length) errors = json.errors.map((e) => `${e.extensions?.code ?? ''} ${e.message}`.trim()).join('; ');
  } catch {
    errors = `not JSON: ${text.slice(0, 200)}`;
  }
  const statements = after.calls - before.calls;
  const statementNames = statements > 0 && statements <= 500 ? await s.worker.call<string[]>('recent', { n: statements }) : [];
  return { ms: Math.round(ms * 100) / 100, statements, bytes: Buffer.byteLength(text), errors, statementNames };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const post = async (url: string, body: string) => (await postJson(agent, url, body)).text;

/** The API-layer ratio from interleaved samples: blocks of port calls and HTTP requests, alternating. */
async function paired(s: Serving, key: OpKey, samples: Samples, seconds: number, probeMs: number) {
  const op = OPERATIONS[key];
  const block = probeMs > 50 ? 1 : 5;
  const http: number[] = [];
  const port: number[] = [];
  const until = performance.now() + seconds * 1000;
  for (let n = 0; performance.now() < until || http.length < 5; n += block) {
    const vars = Array.from({ length: block }, (_, i) => op.variables(n + i, samples));
    port.push(...(await s.worker.call<number[]>('direct-samples', { op: key, vars })));
    for (let i = 0; i < block; i++) {
      const body = requestBody(op, n + i, samples);
      const t = performance.now();
      await post(s.url, body);
      http.push(performance.now() - t);
    }
  }
  const p50 = (xs: number[]) => summarize(xs).p50;
  return { pairs: http.length, httpP50: p50(http), portP50: p50(port) };
}

async function benchEngine(o: BenchOptions, engine: Engine, manifest: Manifest, samples: Samples): Promise<EngineResult> {
  const existing = engine === 'embedded' ? o.storeDir : undefined;
  const dir = existing ?? mkdtempSync(path.join(os.tmpdir(), `rapport-bench-${engine}-`));
  let imported: ImportResult | undefined;
  if (existing) o.log(`\n== ${engine}: serving the existing store ${existing} (--store: no import)`);
  else {
    o.log(`\n== ${engine}: importing ${o.dataDir} into a fresh store (${engine === 'embedded' ? dir : process.env.NEO4J_URI})`);
    imported = await runImport(o, engine, dir);
    const r = imported.report;
    o.log(
      `  ${r.nodesAndRelationshipsPerSecond.toLocaleString('en')} nodes+rels/s, ${r.rowsPerSecond.toLocaleString('en')} rows/s, ${(r.durationMs / 1000).toFixed(1)} s, ${r.errorCount} errors, peak RSS ${imported.maxRssMb} MB, CPU ${imported.cpuPct} %, ${Math.round((imported.storeMs / Math.max(1, r.durationMs)) * 100)} % of the time in the store`,
    );
    if (r.errorCount) o.log(`  first errors: ${JSON.stringify(r.errors.slice(0, 3))}`);
  }

  o.log(`== ${engine}: starting the server`);
  const s = await startServer(o, engine, dir);
  o.log(`  ${s.url} (store opened in ${s.ready.openMs} ms, RSS ${s.ready.loadedRssMb} MB)`);
  const ops: OpResult[] = [];
  for (const key of o.ops) {
    const op = OPERATIONS[key];
    const result: OpResult = { key, title: op.title, available: true, load: [] };
    ops.push(result);
    await probe(s, requestBody(op, 0, samples)); // warm-up
    const p = await probe(s, requestBody(op, 1, samples));
    if (p.errors) {
      result.available = false;
      result.error = p.errors;
      o.log(`  ${key}: NOT AVAILABLE — ${p.errors}`);
      continue;
    }
    result.probe = { ms: p.ms, statements: p.statements, bytes: p.bytes, statementNames: p.statementNames };
    o.log(`  ${key}: probe ${p.ms} ms, ${p.statements} statements, ${p.bytes} bytes`);
    const vars = Array.from({ length: Math.max(1, samples.cardCustomerIds.length) }, (_, n) => op.variables(n, samples));
    result.direct = await s.worker.call<DirectResult>('direct', { op: key, vars, durationMs: o.directDurationS * 1000, minIterations: 5 });
    o.log(
      `    port: p50 ${result.direct.latency.p50} ms over ${result.direct.latency.count} calls, ${result.direct.statementsPerCall} statements/call`,
    );
    // An operation that takes a large part of a second is run as a fixed number of requests.
    const heavy = p.ms * 20 > o.durationS * 1000;
    for (const connections of o.connections) {
      await quiet(s);
      if (!heavy) await drive(s.url, op, samples, { connections, durationS: 1, timeoutS: 60 });
      const before = await quiet(s);
      await s.worker.call('timing', { reset: true });
      const machineBefore = machineBusyMs();
      const ownBefore = ownCpuMs();
      const run = await drive(
        s.url,
        op,
        samples,
        heavy ? { connections, amount: Math.max(5, connections), timeoutS: 600 } : { connections, durationS: o.durationS, timeoutS: 60 },
      );
      const machineAfter = machineBusyMs();
      const ownAfter = ownCpuMs();
      const after = await s.worker.call<ServeStats>('stats');
      await quiet(s);
      const t = await s.worker.call<{ totalMs: number; top: StatementTime[] }>('timing', { reset: true });
      if (run.requests) {
        run.storeMsPerRequest = Math.round((t.totalMs / run.requests) * 100) / 100;
        run.storeTop = t.top.map((x) => ({
          statement: x.statement,
          perRequestMs: Math.round((x.totalMs / run.requests) * 100) / 100,
          callsPerRequest: Math.round((x.calls / run.requests) * 100) / 100,
        }));
      }
      const serverMs = (after.cpuUs - before.cpuUs) / 1000;
      run.serverCpuPct = Math.round(serverMs / (run.seconds * 10));
      if (machineBefore != null && machineAfter != null) {
        run.otherCpuPct = Math.max(0, Math.round((machineAfter - machineBefore - serverMs - (ownAfter - ownBefore)) / (run.seconds * 10)));
      }
      result.load.push(run);
      o.log(
        `    ${String(connections).padStart(2)} conn: ${run.requests} req, ${run.requestsPerSecond} req/s, p50 ${run.latency.p50} p95 ${run.latency.p95} p99 ${run.latency.p99} ms${run.errors || run.non2xx || run.graphqlErrors ? ` (errors ${run.errors}, non-2xx ${run.non2xx}, GraphQL errors ${run.graphqlErrors})` : ''}, CPU server ${run.serverCpuPct} % / others ${run.otherCpuPct ?? '?'} %, store ${run.storeMsPerRequest} ms/request`,
      );
    }
    const mem = await quiet(s);
    result.serverRssMb = mem.rssMb;
    result.serverPeakRssMb = mem.maxRssMb;
    o.log(`    server RSS ${mem.rssMb} MB (peak so far ${mem.maxRssMb} MB)`);
    result.paired = await paired(s, key, samples, o.directDurationS * 2, p.ms);
    result.apiRatioP50 = Math.round((result.paired.httpP50 / result.paired.portP50) * 100) / 100;
    o.log(
      `    interleaved: HTTP p50 ${result.paired.httpP50} ms ÷ port p50 ${result.paired.portP50} ms = ${result.apiRatioP50} (${result.paired.pairs} pairs)`,
    );
  }

  // Statements per request must not grow with the length of a list.
  const listLength: EngineResult['listLength'] = [];
  for (const [key, field, short, long] of [
    ['customers', 'first', 10, 100],
    ['attention', 'first', 5, 50],
  ] as const) {
    if (!o.ops.includes(key) || !ops.find((x) => x.key === key)?.available) continue;
    const a = await probe(s, requestBody(OPERATIONS[key], 0, samples, { [field]: short }));
    const b = await probe(s, requestBody(OPERATIONS[key], 0, samples, { [field]: long }));
    listLength.push({
      query: key,
      short,
      long,
      shortStatements: a.errors ? null : a.statements,
      longStatements: b.errors ? null : b.statements,
    });
  }

  let naive: EngineResult['naive'];
  if (o.ops.includes('customers')) {
    const vars = [{ first: 100 }];
    const batched = await s.worker.call<DirectResult>('direct', {
      op: 'customers',
      vars,
      durationMs: o.directDurationS * 1000,
      minIterations: 5,
    });
    const naiveRun = await s.worker.call<DirectResult>('naive', {
      op: 'customers',
      vars,
      durationMs: o.directDurationS * 1000,
      minIterations: 5,
    });
    naive = { batched, naive: naiveRun };
    o.log(
      `  customers(first:100) batched: ${batched.statementsPerCall} statements, p50 ${batched.latency.p50} ms; naive: ${naiveRun.statementsPerCall} statements, p50 ${naiveRun.latency.p50} ms`,
    );
  }

  let soak: SoakResult | undefined;
  if (o.soakMinutes > 0) {
    await quiet(s);
    soak = await runSoak({
      url: s.url,
      minutes: o.soakMinutes,
      connections: o.soakConnections,
      readsOnly: o.soakReadsOnly,
      samples,
      customerCount: manifest.counts.customers,
      rssAfterOpeningMb: s.ready.loadedRssMb,
      stats: () => s.worker.call<ServeStats>('stats'),
      log: o.log,
    });
    const errs = soak.errors.network + soak.errors.non2xx + soak.errors.graphql;
    o.log(
      `  soak: ${soak.requests} requests, ${soak.requestsPerSecond} req/s, p50 ${soak.latency.p50} p99 ${soak.latency.p99} ms, ${errs} errors; ` +
        `RSS after opening ${soak.rssAfterOpeningMb} MB, at the start ${soak.rssAtStartMb} MB, at the end ${soak.rssAtEndMb} MB, max sampled ${soak.maxSampledRssMb} MB; ` +
        `slope ${Number.isFinite(soak.slope.mbPerMin) ? soak.slope.mbPerMin.toFixed(2) : '—'} MB/min over the last ${Math.round(soak.slope.toS - soak.slope.fromS)} s (${soak.slope.n} samples)`,
    );
    if (errs) o.log(`  soak: first errors: ${soak.errors.first.join(' | ')}`);
  }

  const afterRun = await quiet(s);
  const stopped = await s.worker.call<{ maxRssMb: number; rssMb: number }>('stop');
  await s.worker.exited;
  const server = {
    openMs: s.ready.openMs,
    baselineRssMb: s.ready.baselineRssMb,
    loadedRssMb: s.ready.loadedRssMb,
    afterRunRssMb: afterRun.rssMb,
    afterRunHeapMb: afterRun.heapUsedMb,
    maxRssMb: stopped.maxRssMb,
  };

  const profiles: EngineResult['profiles'] = [];
  if (engine === 'embedded') {
    const available = ops.filter((x) => x.available && x.load.length);
    const slowest = [...available].sort((a, b) => (b.load[0]?.latency.p50 ?? 0) - (a.load[0]?.latency.p50 ?? 0))[0];
    const wanted = [...new Set(o.profileOps.map((k) => (k === 'auto' ? slowest?.key : k)))];
    for (const key of wanted) {
      const target = available.find((x) => x.key === key);
      if (!target) continue;
      const profDir = path.join(o.outDir, 'profiles');
      await fsp.mkdir(profDir, { recursive: true });
      const name = `${o.scale}-${target.key}.cpuprofile`;
      o.log(`== profiling ${target.key} at 1 connection (node --cpu-prof → ${path.join(profDir, name)})`);
      const ps = await startServer(o, engine, dir, ['--cpu-prof', '--cpu-prof-dir', profDir, '--cpu-prof-name', name]);
      const heavy = (target.probe?.ms ?? 0) * 20 > o.durationS * 1000;
      // Warm up first, then profile only the window of the measured load.
      await drive(
        ps.url,
        OPERATIONS[target.key],
        samples,
        heavy ? { connections: 1, amount: 1, timeoutS: 600 } : { connections: 1, durationS: 1, timeoutS: 60 },
      );
      await quiet(ps);
      const from = await ps.worker.call<{ us: number }>('mark');
      await drive(
        ps.url,
        OPERATIONS[target.key],
        samples,
        heavy ? { connections: 1, amount: 5, timeoutS: 600 } : { connections: 1, durationS: o.durationS, timeoutS: 60 },
      );
      const to = await ps.worker.call<{ us: number }>('mark');
      await quiet(ps);
      await ps.worker.call('stop');
      await ps.worker.exited;
      const label = `${target.title}${target === slowest ? ' — the slowest operation' : ''} (server, 1 connection)`;
      profiles.push({ label, summary: await summarizeProfile(path.join(profDir, name), { fromUs: from.us, toUs: to.us }) });
    }
  }
  if (o.profileImport && engine === 'embedded') {
    const profDir = path.join(o.outDir, 'profiles');
    await fsp.mkdir(profDir, { recursive: true });
    const name = `${o.scale}-import.cpuprofile`;
    const dir2 = mkdtempSync(path.join(os.tmpdir(), 'rapport-bench-profile-'));
    o.log(`== profiling the import (node --cpu-prof → ${path.join(profDir, name)})`);
    const runImportResult = runImport({ ...o, log: () => {} }, engine, dir2, [
      '--cpu-prof',
      '--cpu-prof-dir',
      profDir,
      '--cpu-prof-name',
      name,
    ]);
    await runImportResult;
    await fsp.rm(dir2, { recursive: true, force: true });
    const profiled = await runImportResult;
    profiles.push({
      label: 'import (importPath, fresh embedded store)',
      summary: await summarizeProfile(path.join(profDir, name), profiled.window),
    });
  }
  if (!o.keep && !existing) await fsp.rm(dir, { recursive: true, force: true });
  else if (engine === 'embedded') o.log(`  kept the store in ${dir}`);

  return {
    engine,
    import: imported && { ...imported, expectedNodesAndRelationships: manifest.nodes + manifest.relationships },
    server,
    ops,
    listLength,
    naive,
    soak,
    profiles,
  };
}

/** Waits (up to `maxS` seconds) for the machine to be quiet: other work on it skews every figure. */
async function waitQuiet(o: BenchOptions) {
  if (!o.waitQuietS) return;
  const until = Date.now() + o.waitQuietS * 1000;
  while (Date.now() < until) {
    const a = machineBusyMs();
    await new Promise((r) => setTimeout(r, 5000));
    const b = machineBusyMs();
    if (a == null || b == null) return;
    const pct = (b - a) / 50;
    if (pct < 15) return;
    o.log(`  waiting for a quiet machine: other processes use ${Math.round(pct)} % CPU`);
  }
}

export async function runBench(o: BenchOptions): Promise<BenchResults> {
  await waitQuiet(o);
  const loadAverageAtStart = os.loadavg();
  const startedAt = new Date().toISOString();
  let manifest = await readManifest(o.dataDir);
  if (!manifest || manifest.divisor !== o.divisor) {
    o.log(`== no ${o.scale} data in ${o.dataDir}: generating it (npm run bench:data -- --scale ${o.scale})`);
    manifest = await generateDataset({ out: o.dataDir, divisor: o.divisor, scaleName: o.scale, onProgress: o.log });
  }
  o.log(
    `== data: ${o.dataDir} — ${manifest.nodes.toLocaleString('en')} nodes + ${manifest.relationships.toLocaleString('en')} relationships (seed ${manifest.seed}, anchor ${manifest.anchor})`,
  );
  const samples: Samples = {
    cardCustomerIds: manifest.samples.cardCustomerIds.length ? manifest.samples.cardCustomerIds : ['cus_000001'],
    busiestEngineerId: manifest.samples.busiestEngineerId,
    successorEngineerId: manifest.samples.successorEngineerId,
    effectiveAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
  };
  const engines: EngineResult[] = [];
  for (const engine of o.engines) engines.push(await benchEngine(o, engine, manifest, samples));
  const partial: Omit<BenchResults, 'targets'> = {
    scale: o.scale,
    divisor: o.divisor,
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: machine(loadAverageAtStart),
    code: codeVersion(),
    options: {
      durationS: o.durationS,
      directDurationS: o.directDurationS,
      connections: o.connections,
      batchSize: o.batchSize,
      logLevel: o.logLevel,
      ...(o.soakMinutes > 0
        ? { soakMinutes: o.soakMinutes, soakConnections: o.soakConnections, soakReadsOnly: Boolean(o.soakReadsOnly) }
        : {}),
    },
    data: {
      seed: manifest.seed,
      anchor: manifest.anchor,
      nodes: manifest.nodes,
      relationships: manifest.relationships,
      counts: manifest.counts,
    },
    engines,
  };
  const results: BenchResults = { ...partial, targets: evaluateTargets(partial) };
  await fsp.mkdir(o.outDir, { recursive: true });
  const md = toMarkdown(results);
  await fsp.writeFile(path.join(o.outDir, `results-${o.scale}.json`), JSON.stringify(results, null, 2) + '\n');
  await fsp.writeFile(path.join(o.outDir, `results-${o.scale}.md`), md);
  process.stdout.write(`\n${md}\n`);
  o.log(`wrote ${path.join(o.outDir, `results-${o.scale}.md`)} and .json`);
  return results;
}
