import type { GraphQLResolveInfo } from 'graphql';
import { showRecordField } from '../auth/personal-data';
import { labelOfId } from '../domain/ids';
import { Args, ArgsType, Ctx, Field, FieldResolver, ID, Query, Resolver, Root, Info } from 'type-graphql';
import type { Context } from '../context';
import type { FieldChange as FieldChangeValue } from '../domain/changes';
import { pageArgs } from '../domain/pagination';
import { changeCursor, listChanges, type ChangeRecord } from '../graph/repositories/change-page.repo';
import { Change, ChangeConnection, FieldChange } from '../schema/change.type';
import { emptyConnection } from '../schema/page-info.type';
import { ForwardPageArgs } from './query.resolver';
import { requireId } from './args';

@ArgsType()
class ChangesArgs extends ForwardPageArgs {
  @Field(() => ID, { description: 'Any record id (cus_…, cas_…, con_…, …).' })
  entityId!: string;
}

/** The change history: who changed what and when, newest first. */
@Resolver(() => Change)
export class ChangeResolver {
  @Query(() => ChangeConnection, { description: 'The recorded changes of one entity, newest first, as a Relay connection.' })
  async changes(@Args(() => ChangesArgs) { entityId, first, after }: ChangesArgs, @Ctx() ctx: Context) {
    requireId(entityId, 'entityId');
    const page = pageArgs(first, after, changeCursor);
    // The history of something outside the caller's regions is as invisible as the thing itself.
    const label = labelOfId(entityId);
    if (label && !(await ctx.scope.visible(label, entityId))) return emptyConnection();
    return listChanges(ctx.store, entityId, page);
  }

  @FieldResolver(() => [FieldChange])
  fields(@Root() c: ChangeRecord, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): FieldChange[] {
    let parsed: Record<string, FieldChangeValue> = {};
    try {
      parsed = JSON.parse(c.changes) as Record<string, FieldChangeValue>;
    } catch {
      // A record written by hand with broken JSON shows no fields rather than failing the page.
    }
    return Object.entries(parsed).map(([field, v]) => ({
      field,
      // A phone or e-mail in the history is personal data like the field itself: masked or logged.
      before: JSON.stringify(showRecordField(ctx, info, c.entityLabel, c.entityId, field, v?.before) ?? null),
      after: JSON.stringify(showRecordField(ctx, info, c.entityLabel, c.entityId, field, v?.after) ?? null),
    }));
  }
}
