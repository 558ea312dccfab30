import http from 'node:http';
import path from 'node:path';
import type * as EmbeddedStoreModule from '../src/graph/embedded-store';
import type * as BuildSchemaModule from '../src/build-schema';
import type * as ConfigModule from '../src/config';
import type * as LoggerModule from '../src/logger';
import type * as ServerModule from '../src/server';
import type * as ContextModule from '../src/context';
import { execute, parse } from 'graphql';
import type * as GenerateModule from './generate';
import { OPERATIONS, requestBody, type OpKey, type Samples } from './operations';
import { summarize } from './stats';
import { ReplayStore } from './replay-store';
import { postJson } from './http-post';

/**
 * The server's own cost per request, without the store's (issue 15): the real HTTP server of a
 * build (`--root`, default this checkout) over an imported embedded store (`--store`, a directory
 * filled by `node dist/bench/worker.js import …`), where every read is answered from memory after
 * its first run (the same rows for the same statement and parameters). What is left is Express,
 * Apollo, graphql-js, type-graphql, the resolvers, the loaders and JSON. Sequential requests over
 * one keep-alive connection for `--seconds`; prints the p50 and the process CPU per request (the
 * client's share included, the same for every build) as JSON on stderr. Two builds, run alternately, compare
 * with little noise from other processes: CPU time per request hardly depends on them.
 * With `--mode exec`, graphql-js execution of the build's schema alone (no HTTP, no Apollo).
 *   node dist/bench/overhead.js --root /path/to/checkout --store /tmp/store [--op card] [--seconds 5] [--mode http|exec]
 */
async function main(argv: string[]) {
  const arg = (name: string, dflt: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : dflt;
  };
  const root = path.resolve(arg('root', path.join(__dirname, '..', '..')));
  const seconds = Number(arg('seconds', '5'));
  const op = OPERATIONS[arg('op', 'card') as OpKey];
  const dist = (m: string) => path.join(root, 'dist', 'src', m);
  /* eslint-disable @typescript-eslint/no-require-imports */
  require(path.join(root, 'node_modules', 'reflect-metadata'));
  const { EmbeddedStore } = require(dist('graph/embedded-store')) as typeof EmbeddedStoreModule;
  const { buildRapportSchema } = require(dist('build-schema')) as typeof BuildSchemaModule;
  const { loadConfig } = require(dist('config')) as typeof ConfigModule;
  const { createLogger } = require(dist('logger')) as typeof LoggerModule;
  const { createServer } = require(dist('server')) as typeof ServerModule;
  const { readManifest } = require(path.join(root, 'dist', 'bench', 'generate')) as typeof GenerateModule;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const manifest = await readManifest(path.resolve(arg('data', path.join(__dirname, '..', '..', 'bench', 'data', 'small'))));
  if (!manifest) throw new Error('no bench data: npm run bench:data -- --scale small');
  const samples: Samples = {
    cardCustomerIds: manifest.samples.cardCustomerIds,
    busiestEngineerId: manifest.samples.busiestEngineerId,
    successorEngineerId: manifest.samples.successorEngineerId,
    effectiveAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
  };
  const store = new ReplayStore(await EmbeddedStore.open(arg('store', '')));
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'production',
    RAPPORT_HOST: '127.0.0.1',
    RAPPORT_PORT: '0',
    RAPPORT_STORE: 'embedded',
    RAPPORT_LOG_LEVEL: arg('log-level', 'info'),
    RAPPORT_SEED_ON_EMPTY: 'false',
    RAPPORT_RATE_LIMIT_PER_MINUTE: '0',
  });
  const schema = await buildRapportSchema();
  const logger = createLogger(config.logLevel);
  const server = await createServer({
    config,
    store,
    schema,
    logger,
    policy: config.policy,
    auth: config.auth,
  });
  const url = await server.listen();
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const post = async (body: string) => (await postJson(agent, url, body)).text;
  // --mode exec: graphql-js execution alone (no HTTP, no Apollo), with the build's own context.
  const document = parse(op.query);
  const { createContext } = require(dist('context')) as typeof ContextModule; // eslint-disable-line @typescript-eslint/no-require-imports
  const run =
    arg('mode', 'http') === 'exec'
      ? async (n: number) =>
          JSON.stringify(
            await execute({
              schema,
              document,
              variableValues: op.variables(n, samples),
              contextValue: createContext({ store, requestId: 'bench', logger, policy: config.policy }),
            }),
          )
      : (n: number) => post(requestBody(op, n, samples));
  // Every sample customer once (fills the replay store), then warm-up.
  const ids = samples.cardCustomerIds.length;
  for (let n = 0; n < ids; n++) {
    const text = await run(n);
    if (text.includes('"errors"')) throw new Error(`the operation answered errors: ${text.slice(0, 300)}`);
  }
  const warmUntil = performance.now() + 2000;
  for (let n = 0; performance.now() < warmUntil; n++) await run(n);
  const times: number[] = [];
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  for (let n = 0; performance.now() - started < seconds * 1000; n++) {
    const t = performance.now();
    await run(n);
    times.push(performance.now() - t);
  }
  const wall = performance.now() - started;
  const cpu = process.cpuUsage(cpu0);
  const lat = summarize(times);
  const sorted = Float64Array.from(times).sort();
  // The server logs to stdout (send it to /dev/null): the result goes to stderr.
  process.stderr.write(
    `RESULT ${JSON.stringify({
      root,
      requests: times.length,
      // The fastest tenth: on a busy machine, the least disturbed requests.
      p10: Math.round(sorted[Math.floor(sorted.length / 10)] * 1000) / 1000,
      p50: lat.p50,
      mean: Math.round((wall / times.length) * 1000) / 1000,
      cpuMsPerRequest: Math.round(((cpu.user + cpu.system) / 1000 / times.length) * 1000) / 1000,
    })}\n`,
  );
  agent.destroy();
  // No server.stop(): closing the store checkpoints it (seconds), and a CPU profile should end with
  // the measurement. The store is a throw-away copy.
  void server;
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
