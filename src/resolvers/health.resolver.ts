import { Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { Health } from '../schema/health.type';

@Resolver()
export class HealthResolver {
  @Query(() => Health, { description: 'Service health: the server and its store.' })
  async health(@Ctx() ctx: Context): Promise<Health> {
    const storeReachable = await ctx.store.ping().then(
      () => true,
      () => false,
    );
    return { ok: true, store: ctx.store.engine, storeReachable };
  }
}
