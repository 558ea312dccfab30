import 'reflect-metadata';
import { fork } from 'node:child_process';
import http from 'node:http';
import { buildRapportSchema } from '../src/build-schema';
import { loadConfig } from '../src/config';
import { openStore } from '../src/graph/open-store';
import { createLogger } from '../src/logger';
import { createServer } from '../src/server';

/**
 * What HTTP, Express and Apollo cost before any resolver reads the store (issue 15: the floor under
 * the card's 1.5 ms p50 and 1,000 req/s): the real server (NODE_ENV=production, rate limit off) in
 * a child process, answering `{ __typename }` one request at a time over a keep-alive connection.
 * Prints the p50 and p90 round trip and the server's CPU per request.
 *   node dist/bench/http-floor.js --store DIR [--requests 3000]
 */
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};

async function serve(dir: string) {
  Object.assign(process.env, { RAPPORT_DATA_DIR: dir, NODE_ENV: 'production', RAPPORT_RATE_LIMIT_PER_MINUTE: '0' });
  const config = loadConfig();
  const store = await openStore(config);
  const schema = await buildRapportSchema();
  const server = await createServer({
    config: { ...config, port: 0 },
    store,
    schema,
    logger: createLogger('warn'),
    policy: config.policy,
    auth: config.auth,
    webhooks: null,
    eventClock: null,
  });
  const url = await server.listen();
  process.on('message', (m) => {
    if (m !== 'cpu') return;
    const c = process.cpuUsage();
    process.send!({ cpuUs: c.user + c.system });
  });
  process.send!({ url });
}

async function measure() {
  const store = arg('store', '');
  if (!store) throw new Error('--store DIR: a data directory (e.g. a copy of an imported benchmark store)');
  const requests = Number(arg('requests', '3000'));
  const child = fork(__filename, ['--serve', store], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const next = <T>() => new Promise<T>((resolve) => child.once('message', (m) => resolve(m as T)));
  const url = new URL((await next<{ url: string }>()).url);
  const cpuUs = async () => {
    const answer = next<{ cpuUs: number }>();
    child.send('cpu');
    return (await answer).cpuUs;
  };
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const body = JSON.stringify({ query: '{ __typename }' });
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          if (res.statusCode !== 200) reject(new Error(`HTTP ${res.statusCode}`));
          res.resume();
          res.on('end', resolve);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  try {
    for (let i = 0; i < 500; i++) await one();
    const before = await cpuUs();
    const times: number[] = [];
    for (let i = 0; i < requests; i++) {
      const t = performance.now();
      await one();
      times.push(performance.now() - t);
    }
    const cpu = (await cpuUs()) - before;
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(3);
    process.stdout.write(
      `{ __typename } over HTTP, 1 connection, ${requests} requests: p50 ${at(0.5)} ms, p90 ${at(0.9)} ms, ` +
        `server CPU ${(cpu / 1000 / requests).toFixed(3)} ms per request\n`,
    );
  } finally {
    agent.destroy();
    child.kill();
  }
}

(process.argv.includes('--serve') ? serve(arg('serve', '')) : measure()).catch((err) => {
  process.stderr.write(`http-floor: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
