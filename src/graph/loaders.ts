import type { Store } from './store';

/** DataLoaders for every relation field, created fresh for each request. */
export interface Loaders {}

export function createLoaders(_store: Store, _now: Date): Loaders {
  return {};
}
