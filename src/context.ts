import type { SlaPolicy } from './domain/sla-policy';
import type { Logger } from './logger';
import type { Store } from './graph/store';
import { createLoaders, type Loaders } from './graph/loaders';

/** What every resolver gets: the store, this request's DataLoaders, who is calling. */
export interface Context {
  store: Store;
  loaders: Loaders;
  requestId: string;
  logger: Logger;
  /** The caller's identity for the change history ("anonymous" until authentication lands). */
  actor: string;
  /** The moment the request started: "now" for every rule evaluated in this request. */
  now: Date;
  /** SLA times and attention thresholds. */
  policy: SlaPolicy;
}

export function createContext(parts: Omit<Context, 'loaders' | 'now'> & { now?: Date }): Context {
  const now = parts.now ?? new Date();
  return { ...parts, now, loaders: createLoaders(parts.store, now) };
}
