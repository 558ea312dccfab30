import 'reflect-metadata';
import { ConfigError, loadConfig } from './config';
import { buildRapportSchema } from './build-schema';
import { bootstrapSchema } from './graph/bootstrap';
import { openStore } from './graph/open-store';
import { createLogger } from './logger';
import { createServer } from './server';
import { seedIfEmpty } from '../seeds/seed-if-empty';
import { refreshSearchKeys } from './graph/repositories/search-keys.repo';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  if (config.auth.enabled && config.env !== 'production') {
    logger.warn(
      { env: config.env },
      'serving beyond loopback without NODE_ENV=production: internal errors carry stack traces and introspection is on',
    );
  }
  let store;
  try {
    store = await openStore(config);
  } catch (err) {
    logger.fatal({ store: config.store }, (err as Error).message);
    process.stderr.write(`rapport: ${(err as Error).message}\n`);
    process.exit(1);
  }
  await bootstrapSchema(store, logger);
  if (config.seedOnEmpty) await seedIfEmpty(store, logger);
  const schema = await buildRapportSchema();
  const server = await createServer({
    config,
    store,
    schema,
    logger,
    policy: config.policy,
    auth: config.auth,
    webhooks: config.webhooks,
    eventClock: config.eventClock,
  });
  const url = await server.listen();
  // Pinyin search keys of records written while the server was down (while it runs, every write keeps them current).
  refreshSearchKeys(store)
    .then((n) => n && logger.info({ records: n }, 'search keys brought up to date'))
    .catch((err) => logger.warn({ err: (err as Error).message }, 'search keys not refreshed at start'));
  logger.info(
    {
      url,
      store: store.engine,
      dataDir: config.store === 'embedded' ? config.dataDir : undefined,
      auth: config.auth.enabled,
      authReason: config.auth.reason,
    },
    'Rapport is listening',
  );
  process.stdout.write(
    `Rapport is ready at ${url} (store: ${store.engine}; authentication ${config.auth.enabled ? 'on' : 'OFF, local development mode'})\n`,
  );
  process.stdout.write(`Open the web workspace at ${url.replace(/graphql$/, '')}\n`);

  // Logs are written asynchronously: flush them before the process ends.
  const exit = (code: number) => logger.flush(() => process.exit(code));
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => {
      logger.error('shutdown took longer than 10 s; exiting');
      exit(1);
    }, 10_000);
    force.unref();
    server.stop().then(
      () => {
        logger.info('stopped cleanly');
        exit(0);
      },
      (err) => {
        logger.error({ err }, 'error while stopping');
        exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err) => {
  process.stderr.write(`rapport: failed to start: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
