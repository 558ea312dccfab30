import type { Config } from '../config';
import { EmbeddedStore } from './embedded-store';
import { Neo4jStore } from './neo4j-store';
import type { Store } from './store';

/** The engine named by configuration (RAPPORT_STORE). */
export async function openStore(
  config: Pick<Config, 'store' | 'dataDir' | 'neo4j'> & Partial<Pick<Config, 'readConcurrency' | 'readHold'>>,
): Promise<Store> {
  if (config.store === 'neo4j') return Neo4jStore.connect(config.neo4j);
  return EmbeddedStore.open(config.dataDir, { readConcurrency: config.readConcurrency ?? undefined, readHold: config.readHold });
}
