import { createContext, type Context } from '../context';
import type { WriteMeta } from '../graph/repositories/write.repo';

/** Who writes and when: the caller's identity and the request's clock go into every change entry. */
export const writeMeta = (ctx: Context): WriteMeta => ({ actor: ctx.actor, now: ctx.now.toISOString() });

/**
 * Runs a write and then replaces the request's DataLoaders: they cache per request, and the fields
 * of this mutation's result (or a later mutation in the same document) must see the write.
 */
export async function write<T>(ctx: Context, work: (meta: WriteMeta) => Promise<T>): Promise<T> {
  const result = await work(writeMeta(ctx));
  ctx.loaders = createContext({ ...ctx }).loaders;
  return result;
}
