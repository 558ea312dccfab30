import { ConfigError, loadConfig, type Config } from '../src/config';
import { bootstrapSchema } from '../src/graph/bootstrap';
import { openStore } from '../src/graph/open-store';
import type { Store } from '../src/graph/store';

/** Why a command-line tool could not reach its store: bad configuration, or a store it cannot open. */
export class CliStartError extends Error {
  constructor(
    readonly stage: 'config' | 'store',
    message: string,
  ) {
    super(message);
  }
}

/**
 * The configured store for a command-line tool, with constraints and indexes in place. The
 * embedded store refuses a data directory held by a running server, naming the directory.
 */
export async function openConfiguredStore(): Promise<{ config: Config; store: Store }> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) throw new CliStartError('config', err.message);
    throw err;
  }
  let store: Store;
  try {
    store = await openStore(config);
  } catch (err) {
    throw new CliStartError('store', (err as Error).message);
  }
  try {
    await bootstrapSchema(store);
  } catch (err) {
    await store.close();
    throw err;
  }
  return { config, store };
}
