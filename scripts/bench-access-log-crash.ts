import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EmbeddedStore } from '../src/graph/embedded-store';
import { REPO_ROOT } from '../src/paths';

/**
 * The access log's loss window under kill -9 (issue 15). Starts the built server on a temporary data
 * directory (demo data, authentication off on loopback, so the local caller sees phones in clear),
 * sends customer cards one after another from `--clients` parallel clients, kills the server with
 * SIGKILL after a random time, then opens the store and counts the answered requests (200 with
 * phones) whose access-log entry is missing, and how long before the kill they were answered.
 *
 *   npm run bench:access-log-crash -- [--rounds 5] [--clients 4]
 */
const QUERY = `query Card($id: ID!) { customer(id: $id) { id contacts { id phone } coverage { engineer { id phone } } } }`;

function start(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'dist', 'src', 'main.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      RAPPORT_DATA_DIR: dataDir,
      RAPPORT_PORT: String(port),
      RAPPORT_LOG_LEVEL: 'silent',
      RAPPORT_RATE_LIMIT_PER_MINUTE: '0',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (b: Buffer) => b.toString().includes('ready at') && resolve(child));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

async function round(n: number, clients: number) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rapport-crash-'));
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  try {
    const server = await start(dir, port);
    const ids: string[] = ['cus_cm-urumqi'];
    const answered = new Map<string, number>(); // requestId -> when answered (ms)
    let stop = false;
    const client = async (c: number) => {
      for (let i = 0; !stop; i++) {
        const requestId = `r${n}-${c}-${i}`;
        try {
          const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-request-id': requestId },
            body: JSON.stringify({ query: QUERY, variables: { id: ids[0] } }),
          });
          const body = await res.text();
          if (res.status === 200 && /"phone":"\+?\d/.test(body)) answered.set(requestId, performance.now());
        } catch {
          return; // the server is gone
        }
      }
    };
    const running = Array.from({ length: clients }, (_, c) => client(c));
    await new Promise((r) => setTimeout(r, 1_000 + Math.random() * 2_000));
    server.kill('SIGKILL');
    const killedAt = performance.now();
    stop = true;
    await Promise.all(running);
    if (server.exitCode === null && server.signalCode === null) await new Promise((r) => server.once('exit', r));
    const store = EmbeddedStore.open(dir);
    const logged = new Set((await store.read('MATCH (a:AccessLog) RETURN a.requestId AS id')).map((r) => r.id as string));
    await store.close();
    const lost = [...answered.entries()].filter(([id]) => !logged.has(id));
    const window = lost.length ? Math.max(...lost.map(([, t]) => killedAt - t)) : 0;
    process.stdout.write(
      `| ${n} | ${answered.size} | ${lost.length} | ${window.toFixed(0)} | ${lost.length ? (killedAt - Math.max(...[...answered.values()])).toFixed(0) : '-'} |\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function main(argv: string[]) {
  const arg = (name: string, d: number) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? Number(argv[i + 1]) : d;
  };
  const rounds = arg('rounds', 5);
  const clients = arg('clients', 4);
  process.stdout.write(
    '| round | requests answered with phones | of them not in the log after kill -9 | oldest lost answer, ms before the kill | newest answer, ms before the kill |\n|---:|---:|---:|---:|---:|\n',
  );
  for (let n = 1; n <= rounds; n++) await round(n, clients);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((err) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
}
