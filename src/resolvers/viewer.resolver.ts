import { Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { mayWriteOperations, seesPersonalData } from '../auth/roles';
import { Viewer } from '../schema/viewer.type';

@Resolver()
export class ViewerResolver {
  @Query(() => Viewer, { description: 'Who is asking: actor, roles and regions of the caller (for the web app).' })
  viewer(@Ctx() ctx: Context): Viewer {
    const p = ctx.principal;
    return {
      actor: p.actor,
      kind: p.kind,
      roles: [...p.roles],
      regions: p.regions ? [...p.regions] : null,
      seesPersonalData: seesPersonalData(p),
      mayWrite: mayWriteOperations(p),
      authenticated: p.kind !== 'local-dev',
    };
  }
}
