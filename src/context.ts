import type { SlaPolicy } from './domain/sla-policy';
import { LOCAL_DEV, type Principal } from './auth/roles';
import { createScope, type Scope } from './auth/scope';
import type { Logger } from './logger';
import type { Store } from './graph/store';
import { createLoaders, type Loaders } from './graph/loaders';

/** What every resolver gets: the store, this request's DataLoaders, who is calling. */
export interface Context {
  store: Store;
  loaders: Loaders;
  requestId: string;
  logger: Logger;
  /** Who is calling: roles, granted regions, and the identity written to the change history. */
  principal: Principal;
  /** principal.actor: the caller's identity in the change history and logs. */
  actor: string;
  /** The caller's regions: what he may see and change. */
  scope: Scope;
  /** The moment the request started: "now" for every rule evaluated in this request. */
  now: Date;
  /** SLA times and attention thresholds. */
  policy: SlaPolicy;
}

export function createContext(
  parts: Omit<Context, 'loaders' | 'now' | 'principal' | 'actor' | 'scope'> & { now?: Date; principal?: Principal; actor?: string },
): Context {
  const now = parts.now ?? new Date();
  const principal = parts.principal ?? (parts.actor ? { ...LOCAL_DEV, actor: parts.actor } : LOCAL_DEV);
  // Object.assign, not `{ ...parts, now, … }`: on Node 20, properties after a spread cost
  // microseconds each, on every request.
  return Object.assign({}, parts, {
    now,
    principal,
    actor: principal.actor,
    scope: createScope(parts.store, principal),
    loaders: createLoaders(parts.store, now),
  });
}
