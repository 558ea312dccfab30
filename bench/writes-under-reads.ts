import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { ids } from './generate';
import { postJson } from './http-post';
import { writeTargets } from './soak';
import { CARD_QUERY, OPERATIONS } from './operations';
import { Rng } from './random';
import { LOG_INTERACTION_MUTATION } from './soak';
import { summarize, type LatencySummary } from './stats';

/**
 * Issue 15, writes under concurrent reads: `logInteraction` timed alone and while `--connections`
 * closed-loop readers (customer cards and `attention(first: 50)`) keep the server busy. Each build
 * (`--build label=path/to/dist/src/main.js`, two or more) serves its own copy of `--store` (an
 * embedded data directory, e.g. an imported medium data set) in its own process; the builds alternate
 * `--rounds` times, so a change of the machine's load hits every build alike. Reports, per build and
 * round, the write's p50/p99 alone and under load, the reads' p50/p99, and the server's CPU time per
 * request (from /proc: the machine is shared, CPU time is steadier than wall time) and the load average.
 *
 *   npm run build && node dist/bench/writes-under-reads.js --store DIR --build before=../b/dist/src/main.js --build after=dist/src/main.js
 */

interface Options {
  store: string;
  builds: { label: string; main: string }[];
  rounds: number;
  seconds: number;
  connections: number;
  customers: number;
  work: string;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { store: '', builds: [], rounds: 3, seconds: 30, connections: 8, customers: 5000, work: os.tmpdir() };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => argv[++i] ?? '';
    if (a === '--store') o.store = path.resolve(v());
    else if (a === '--build') {
      const [label, main] = v().split('=');
      o.builds.push({ label, main: path.resolve(main) });
    } else if (a === '--rounds') o.rounds = Number(v());
    else if (a === '--seconds') o.seconds = Number(v());
    else if (a === '--connections') o.connections = Number(v());
    else if (a === '--customers') o.customers = Number(v());
    else if (a === '--work') o.work = path.resolve(v());
    else throw new Error(`unknown option ${a}`);
  }
  if (!o.store || o.builds.length < 1)
    throw new Error('usage: --store DIR --build label=main.js [--build ...] [--rounds 3] [--seconds 30]');
  return o;
}

/** user + system CPU time of a process, in ms (Linux /proc). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / 100;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface RunResult {
  label: string;
  round: number;
  alone: LatencySummary;
  /** Server CPU time per write while writes ran alone (ms). */
  cpuMsPerWriteAlone: number;
  loaded: LatencySummary;
  writes: number;
  reads: { card: LatencySummary; attention: LatencySummary };
  readsPerSecond: number;
  cpuMsPerRequest: number;
  cpuShare: number;
  load: [number, number];
  errors: number;
}

async function startServer(main: string, dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [main], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      MALLOC_ARENA_MAX: '2',
      RAPPORT_STORE: 'embedded',
      RAPPORT_DATA_DIR: dataDir,
      RAPPORT_HOST: '127.0.0.1',
      RAPPORT_PORT: String(port),
      RAPPORT_LOG_LEVEL: 'warn',
      RAPPORT_SEED_ON_EMPTY: 'false',
      RAPPORT_RATE_LIMIT_PER_MINUTE: '0',
      // The start's sweep only: no minute sweep inside the measured window (the same for every build).
      RAPPORT_EVENT_CLOCK_SECONDS: '3600',
      RAPPORT_WEBHOOKS: 'off',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}

async function runOnce(o: Options, build: { label: string; main: string }, round: number, port: number): Promise<RunResult> {
  const dataDir = path.join(o.work, `run-${build.label}-${round}`);
  rmSync(dataDir, { recursive: true, force: true });
  cpSync(o.store, dataDir, { recursive: true });
  const url = `http://127.0.0.1:${port}/graphql`;
  const child = await startServer(build.main, dataDir, port);
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.connections + 2 });
  const post = (body: string) => postJson(agent, url, body, 120_000);
  try {
    for (let i = 0; ; i++) {
      try {
        const res = await post(JSON.stringify({ query: '{ __typename }' }));
        if (res.status === 200) break;
      } catch {
        /* not listening yet */
      }
      if (i > 600) throw new Error(`${build.label}: the server did not start`);
      await sleep(100);
    }
    const rng = new Rng(15, `writes-${round}`);
    // Write targets: customers with a covering engineer and a current contact, read through their cards.
    const targets = await writeTargets(
      agent,
      url,
      Array.from({ length: 200 }, () => ids.customer(rng.int(o.customers))),
      24,
    );
    let n = 0;
    let errors = 0;
    const write = async (): Promise<number> => {
      const t = targets[n % targets.length];
      const input = {
        engineerId: t.engineerId,
        customerId: t.customerId,
        contactIds: [t.contactId],
        channel: 'CALL',
        at: new Date().toISOString(),
        summary: `writes-under-reads ${n++}`,
      };
      const started = performance.now();
      const res = await post(JSON.stringify({ query: LOG_INTERACTION_MUTATION, variables: { input } }));
      const ms = performance.now() - started;
      if (res.status !== 200 || res.text.includes('"errors"')) {
        errors++;
        if (errors <= 3) process.stderr.write(`write error: ${res.text.slice(0, 300)}\n`);
      }
      return ms;
    };
    // Alone: the start's sweep is over when a write gets the lock; then 20 writes one after another.
    await write();
    await sleep(1000);
    const aloneTimes: number[] = [];
    const aloneCpu0 = cpuMs(child.pid!);
    for (let i = 0; i < 20; i++) aloneTimes.push(await write());
    const cpuMsPerWriteAlone = (cpuMs(child.pid!) - aloneCpu0) / aloneTimes.length;

    // Under load: readers in closed loops, a writer that writes, pauses 100 ms, writes again.
    let stop = false;
    const readTimes = { card: [] as number[], attention: [] as number[] };
    const reader = async () => {
      while (!stop) {
        const kind = rng.int(10) < 7 ? 'card' : 'attention';
        const body =
          kind === 'card'
            ? JSON.stringify({ query: CARD_QUERY, variables: { id: ids.customer(rng.int(o.customers)) } })
            : JSON.stringify({ query: OPERATIONS.attention.query, variables: { first: 50 } });
        const started = performance.now();
        const res = await post(body);
        readTimes[kind].push(performance.now() - started);
        if (res.status !== 200 || res.text.startsWith('{"errors"')) errors++;
      }
    };
    const readers = Array.from({ length: o.connections }, () => reader());
    await sleep(3000);
    readTimes.card.length = 0;
    readTimes.attention.length = 0;
    const load0 = os.loadavg()[0];
    const cpu0 = cpuMs(child.pid!);
    const t0 = performance.now();
    const loadedTimes: number[] = [];
    while (performance.now() - t0 < o.seconds * 1000) {
      loadedTimes.push(await write());
      await sleep(100);
    }
    const elapsed = performance.now() - t0;
    const cpu = cpuMs(child.pid!) - cpu0;
    const reads = readTimes.card.length + readTimes.attention.length;
    stop = true;
    await Promise.all(readers);
    return {
      label: build.label,
      round,
      alone: summarize(aloneTimes),
      cpuMsPerWriteAlone,
      loaded: summarize(loadedTimes),
      writes: loadedTimes.length,
      reads: { card: summarize(readTimes.card), attention: summarize(readTimes.attention) },
      readsPerSecond: (reads / elapsed) * 1000,
      cpuMsPerRequest: cpu / (reads + loadedTimes.length),
      cpuShare: cpu / elapsed,
      load: [load0, os.loadavg()[0]],
      errors,
    };
  } finally {
    agent.destroy();
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const f = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const results: RunResult[] = [];
  console.log(
    `writes under reads: ${o.connections} reader connections, ${o.seconds} s per run, ${o.rounds} rounds, ${os.cpus().length} cores`,
  );
  console.log(
    'build      round  alone p50/p99 ms  CPU ms/write alone  loaded p50/p99 ms  writes  card p50/p99  attention p50/p99  reads/s  CPU ms/req  CPU share  load  errors',
  );
  let port = 18_400 + Math.floor(Math.random() * 500);
  for (let round = 1; round <= o.rounds; round++) {
    // Alternate the order each round, so neither build always runs first.
    const order = round % 2 ? o.builds : [...o.builds].reverse();
    for (const b of order) {
      const r = await runOnce(o, b, round, port++);
      results.push(r);
      console.log(
        [
          r.label.padEnd(10),
          String(r.round).padStart(5),
          `${f(r.alone.p50)}/${f(r.alone.p99)}`.padStart(17),
          f(r.cpuMsPerWriteAlone).padStart(19),
          `${f(r.loaded.p50)}/${f(r.loaded.p99)}`.padStart(18),
          String(r.writes).padStart(7),
          `${f(r.reads.card.p50)}/${f(r.reads.card.p99)}`.padStart(13),
          `${f(r.reads.attention.p50)}/${f(r.reads.attention.p99)}`.padStart(18),
          f(r.readsPerSecond).padStart(8),
          r.cpuMsPerRequest.toFixed(2).padStart(11),
          r.cpuShare.toFixed(2).padStart(10),
          `${r.load[0].toFixed(1)}-${r.load[1].toFixed(1)}`.padStart(9),
          String(r.errors).padStart(7),
        ].join(' '),
      );
    }
  }
  console.log('\nmedians over the rounds (ms)');
  for (const b of o.builds) {
    const rs = results.filter((r) => r.label === b.label);
    const med = (xs: number[]) => [...xs].sort((a, c) => a - c)[Math.floor((xs.length - 1) / 2)];
    console.log(
      `${b.label.padEnd(10)} write alone p50 ${f(med(rs.map((r) => r.alone.p50)))} (CPU ${f(med(rs.map((r) => r.cpuMsPerWriteAlone)))} ms), under load p50 ${f(med(rs.map((r) => r.loaded.p50)))} p99 ${f(
        med(rs.map((r) => r.loaded.p99)),
      )}; card p50 ${f(med(rs.map((r) => r.reads.card.p50)))}, attention p50 ${f(med(rs.map((r) => r.reads.attention.p50)))}; reads/s ${f(
        med(rs.map((r) => r.readsPerSecond)),
      )}; CPU ms/request ${med(rs.map((r) => r.cpuMsPerRequest)).toFixed(2)}`,
    );
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
