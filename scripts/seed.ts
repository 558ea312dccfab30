import 'reflect-metadata';
import type { Config } from '../src/config';
import { CliStartError, openConfiguredStore } from './cli-store';
import type { Store } from '../src/graph/store';
import { DemoDataError, loadDemo } from '../seeds/load-demo';
import { isEmpty } from '../seeds/seed-if-empty';

/**
 * `npm run seed` loads the demo data into an empty store; `npm run seed -- --reset` deletes everything
 * in the configured store first and reloads it. Same configuration as the server (RAPPORT_STORE,
 * RAPPORT_DATA_DIR, NEO4J_*). The embedded store refuses a data directory held by a running server.
 */
const USAGE = `Usage: npm run seed [-- --reset]

Loads the demo dataset (seeds/demo/*.json) into the store the server is configured to use.
  (no option)  load into an empty store; refuse when the store already holds data
  --reset      delete ALL data in the store first, then load the demo data
`;

const where = (config: Config) =>
  config.store === 'neo4j'
    ? `Neo4j at ${config.neo4j.uri}${config.neo4j.database ? ` (database ${config.neo4j.database})` : ''}`
    : `the embedded store in ${config.dataDir}`;

async function main(argv: string[]): Promise<number> {
  const unknown = argv.filter((a) => !['--reset', '--help', '-h'].includes(a));
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (unknown.length) {
    process.stderr.write(`rapport seed: unknown argument ${unknown.join(' ')}\n\n${USAGE}`);
    return 2;
  }
  const reset = argv.includes('--reset');

  let config: Config;
  let store: Store;
  try {
    ({ config, store } = await openConfiguredStore());
  } catch (err) {
    if (!(err instanceof CliStartError)) throw err;
    // e.g. "The data directory ... is in use by another Rapport process": stop the server first.
    process.stderr.write(err.stage === 'config' ? `${err.message}\n` : `rapport seed: ${err.message}\n`);
    return err.stage === 'config' ? 2 : 1;
  }
  try {
    if (!reset && !(await isEmpty(store))) {
      process.stderr.write(
        `rapport seed: ${where(config)} already holds data; nothing was changed.\n` +
          'Run `npm run seed -- --reset` to DELETE all of it and load the demo data instead.\n',
      );
      return 1;
    }
    const started = Date.now();
    const result = await loadDemo(store, { reset });
    if (reset) process.stdout.write(`deleted ${result.deleted} nodes from ${where(config)}\n`);
    const perKind = Object.entries(result.counts)
      .map(([kind, n]) => `${kind} ${n}`)
      .join(', ');
    process.stdout.write(
      `loaded the demo data into ${where(config)}: ${result.total} records in ${Date.now() - started} ms\n  ${perKind}\n`,
    );
    return 0;
  } catch (err) {
    if (err instanceof DemoDataError) {
      process.stderr.write(`rapport seed: ${err.message}\n`);
      return 1;
    }
    throw err;
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`rapport seed: failed: ${(err as Error).stack ?? err}\n`);
    process.exit(1);
  },
);
