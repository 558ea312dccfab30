import type { Store } from '../src/graph/store';
import type { Logger } from '../src/logger';

/** True when the store holds no Rapport data yet. */
export async function isEmpty(store: Store): Promise<boolean> {
  const rows = await store.read('MATCH (n:Customer) RETURN n.id AS id LIMIT 1');
  return rows.length === 0;
}

/** Loads the demo data into an empty store; leaves a store with data alone. */
export async function seedIfEmpty(store: Store, logger: Logger): Promise<void> {
  if (!(await isEmpty(store))) {
    logger.info('store has data: demo data not loaded');
    return;
  }
  logger.info('store is empty: the demo data arrives with the writes issue (#4)');
}
