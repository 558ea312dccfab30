import type { Store } from '../src/graph/store';
import type { Logger } from '../src/logger';
import { loadDemo } from './load-demo';

/** True when the store holds no data at all (any node counts: a store with only history is not empty). */
export async function isEmpty(store: Store): Promise<boolean> {
  // API keys are credentials, not data: creating the first admin key does not make a store "used".
  const rows = await store.read('MATCH (n) WHERE NOT n:ApiKey RETURN n.id AS id LIMIT 1');
  return rows.length === 0;
}

/**
 * At start (RAPPORT_SEED_ON_EMPTY): loads the demo data into an empty store and says so; never
 * touches a store that holds data. Returns the number of records loaded (0 when left alone).
 */
export async function seedIfEmpty(store: Store, logger: Logger): Promise<number> {
  if (!(await isEmpty(store))) {
    logger.info('store has data: left untouched (demo data not loaded)');
    return 0;
  }
  const { total, counts } = await loadDemo(store);
  logger.info({ records: total, counts }, `store is empty: loaded the demo data (${total} records)`);
  return total;
}
