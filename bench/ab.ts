import { fork, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readManifest } from './generate';
import { drive } from './load';
import { OPERATIONS, type OpKey, type Samples } from './operations';

/**
 * An interleaved A/B of two builds of the server on a busy machine (issue 15):
 *   node dist/bench/ab.js --a /path/to/checkout-a --b /path/to/checkout-b [--scale small] [--op card]
 *        [--rounds 6] [--seconds 3] [--connections 1,32] [--env-a K=V,…] [--env-b K=V,…]
 * Each checkout must have been built (npm run build). The data set is imported once (by A's worker),
 * the store directory copied for B, and both servers run side by side; every round drives A and B
 * in turn (the order alternating), so that noise from other processes falls on both alike. Prints
 * the median and the range of p50, p99 and req/s per variant and connection count.
 */
type Msg = { id?: number; ok?: boolean; result?: unknown; error?: string; type?: string; [k: string]: unknown };

interface Started {
  proc: ChildProcess;
  next: (type: string) => Promise<Msg>;
  /** The server's CPU time so far (µs, user + system). */
  cpuUs: () => Promise<number>;
}

function start(root: string, args: string[], env: Record<string, string> = {}): Started {
  const proc = fork(path.join(root, 'dist', 'bench', 'worker.js'), args, {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: { ...process.env, ...env },
  });
  const queue: Msg[] = [];
  const waiters: { type: string; resolve: (m: Msg) => void }[] = [];
  const calls = new Map<number, (m: Msg) => void>();
  let nextId = 1;
  proc.on('message', (m: Msg) => {
    if (m.id && calls.has(m.id)) {
      calls.get(m.id)!(m);
      calls.delete(m.id);
      return;
    }
    const i = waiters.findIndex((w) => w.type === m.type);
    if (i >= 0) waiters.splice(i, 1)[0].resolve(m);
    else queue.push(m);
  });
  const next = (type: string) =>
    new Promise<Msg>((resolve, reject) => {
      const i = queue.findIndex((m) => m.type === type);
      if (i >= 0) return resolve(queue.splice(i, 1)[0]);
      waiters.push({ type, resolve });
      proc.once('exit', (code) => reject(new Error(`worker exited (${code}) before "${type}"`)));
    });
  const cpuUs = () =>
    new Promise<number>((resolve) => {
      const id = nextId++;
      calls.set(id, (m) => resolve(Number((m.result as { cpuUs: number }).cpuUs)));
      proc.send({ id, type: 'stats' });
    });
  return { proc, next, cpuUs };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main(argv: string[]) {
  const arg = (name: string, dflt: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : dflt;
  };
  const roots = { A: path.resolve(arg('a', '.')), B: path.resolve(arg('b', '.')) };
  // --env-a / --env-b KEY=VALUE[,KEY=VALUE]: the same build under two settings (e.g. thread counts).
  const envOf = (v: 'a' | 'b') =>
    Object.fromEntries(
      arg(`env-${v}`, '')
        .split(',')
        .filter(Boolean)
        .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
    );
  const scale = arg('scale', 'small');
  const op = OPERATIONS[arg('op', 'card') as OpKey];
  const rounds = Number(arg('rounds', '6'));
  const seconds = Number(arg('seconds', '3'));
  const connections = arg('connections', '1,32').split(',').map(Number);
  const dataDir = path.resolve(arg('data', path.join(roots.B, 'bench', 'data', scale)));
  const manifest = await readManifest(dataDir);
  if (!manifest) throw new Error(`no data in ${dataDir}: npm run bench:data -- --scale ${scale}`);
  const samples: Samples = {
    cardCustomerIds: manifest.samples.cardCustomerIds,
    busiestEngineerId: manifest.samples.busiestEngineerId,
    successorEngineerId: manifest.samples.successorEngineerId,
    effectiveAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
  };
  const dirA = mkdtempSync(path.join(os.tmpdir(), 'rapport-ab-a-'));
  const dirB = `${dirA.replace(/-a-/, '-b-')}`;
  try {
    const imp = start(roots.A, ['import', 'embedded', dirA, dataDir, '2000']);
    await imp.next('import-done');
    await new Promise((r) => imp.proc.once('exit', r));
    cpSync(dirA, dirB, { recursive: true });
    const servers = {
      A: start(roots.A, ['serve', 'embedded', dirA, 'info'], envOf('a')),
      B: start(roots.B, ['serve', 'embedded', dirB, 'info'], envOf('b')),
    };
    const urls = { A: String((await servers.A.next('ready')).url), B: String((await servers.B.next('ready')).url) };
    const load = os.loadavg();
    process.stderr.write(
      `A ${roots.A} ${urls.A} ${JSON.stringify(envOf('a'))}\nB ${roots.B} ${urls.B} ${JSON.stringify(envOf('b'))}\nload average at start ${load.map((x) => x.toFixed(2)).join(' ')}\n`,
    );
    for (const v of ['A', 'B'] as const) await drive(urls[v], op, samples, { connections: 1, durationS: 2, timeoutS: 30 }); // warm-up
    const res: Record<string, { p50: number[]; p99: number[]; rps: number[]; cpu: number[]; bad: number }> = {};
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 ? (['B', 'A'] as const) : (['A', 'B'] as const);
      for (const c of connections) {
        for (const v of order) {
          const cpuBefore = await servers[v].cpuUs();
          const run = await drive(urls[v], op, samples, { connections: c, durationS: seconds, timeoutS: 30 });
          // Server CPU per request: less sensitive to other processes than latency is.
          const cpuMs = (await servers[v].cpuUs()) - cpuBefore;
          const k = `${v} ${c}`;
          res[k] ??= { p50: [], p99: [], rps: [], cpu: [], bad: 0 };
          res[k].cpu.push(cpuMs / 1000 / Math.max(run.requests, 1));
          res[k].p50.push(run.latency.p50);
          res[k].p99.push(run.latency.p99);
          res[k].rps.push(run.requestsPerSecond);
          res[k].bad += run.non2xx + run.errors + run.graphqlErrors + run.timeouts;
          process.stderr.write(
            `round ${r + 1} ${k.padEnd(5)} p50 ${run.latency.p50.toFixed(3)} p99 ${run.latency.p99.toFixed(3)} ${run.requestsPerSecond} req/s\n`,
          );
        }
      }
    }
    const fmt = (xs: number[], d: number) => `${median(xs).toFixed(d)} (${Math.min(...xs).toFixed(d)}–${Math.max(...xs).toFixed(d)})`;
    process.stdout.write(
      `load average at start ${load.map((x) => x.toFixed(2)).join(' ')}, at end ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}\n`,
    );
    for (const [k, v] of Object.entries(res).sort())
      process.stdout.write(
        `${k.padEnd(5)} p50 ${fmt(v.p50, 3)} ms  p99 ${fmt(v.p99, 2)} ms  ${fmt(v.rps, 0)} req/s  server CPU ${fmt(v.cpu, 3)} ms/req  bad ${v.bad}\n`,
      );
    for (const s of Object.values(servers)) s.proc.kill();
  } finally {
    rmSync(dirA, { recursive: true, force: true });
    rmSync(dirB, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    () => process.exit(0),
    (err) => {
      process.stderr.write(`${(err as Error).stack ?? err}\n`);
      process.exit(1);
    },
  );
}
