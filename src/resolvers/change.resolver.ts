import { Args, ArgsType, Ctx, Field, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import type { FieldChange as FieldChangeValue } from '../domain/changes';
import { pageArgs } from '../domain/pagination';
import { changeCursor, listChanges, type ChangeRecord } from '../graph/repositories/change-page.repo';
import { Change, ChangeConnection, FieldChange } from '../schema/change.type';
import { PageArgs } from './query.resolver';
import { requireId } from './args';

@ArgsType()
class ChangesArgs extends PageArgs {
  @Field(() => ID, { description: 'Any record id (cus_…, cas_…, con_…, …).' })
  entityId!: string;
}

/** The change history: who changed what and when, newest first. */
@Resolver(() => Change)
export class ChangeResolver {
  @Query(() => ChangeConnection, { description: 'The recorded changes of one entity, newest first, as a Relay connection.' })
  changes(@Args(() => ChangesArgs) { entityId, first, after }: ChangesArgs, @Ctx() ctx: Context) {
    requireId(entityId, 'entityId');
    return listChanges(ctx.store, entityId, pageArgs(first, after, changeCursor));
  }

  @FieldResolver(() => [FieldChange])
  fields(@Root() c: ChangeRecord): FieldChange[] {
    let parsed: Record<string, FieldChangeValue> = {};
    try {
      parsed = JSON.parse(c.changes) as Record<string, FieldChangeValue>;
    } catch {
      // A record written by hand with broken JSON shows no fields rather than failing the page.
    }
    return Object.entries(parsed).map(([field, v]) => ({
      field,
      before: JSON.stringify(v?.before ?? null),
      after: JSON.stringify(v?.after ?? null),
    }));
  }
}
