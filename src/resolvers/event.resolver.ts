import { Arg, Ctx, ID, Mutation, Resolver, Root, Subscription } from 'type-graphql';
import { InteractionChannel } from '../domain/enums';
import { confirmIntroductionDelivered } from '../events/introduction-confirm';
import { refuseOutsideCustomers } from '../auth/scope';
import { write } from './write-context';
import type { Context } from '../context';
import type { EventType, StoredEvent } from '../domain/events';
import { feedFor } from '../events/feed';
import { personalDataFor } from '../events/webhook-worker';
import { EventType as EventTypeEnum } from '../domain/events';
import { IntroductionConfirmation, RapportEvent } from '../schema/webhook.type';

/**
 * `subscription { events(types: [...]) }` over graphql-ws on /graphql. Region scope as for queries:
 * a caller limited to regions gets only events of customers in them (events about no single
 * customer, such as HandoffStarted, go to unlimited callers only). Personal data is always masked.
 */
@Resolver()
export class EventResolver {
  @Subscription(() => RapportEvent, {
    description: 'Events as they are committed (from the moment of subscribing).',
    subscribe: async ({ args, context }) => {
      const ctx = context as Context;
      const types = (args.types as EventType[] | null) ?? null;
      const regions = await ctx.scope.regionIds();
      const inScope = regions === null ? null : new Set(regions);
      return feedFor(ctx.store).subscribe(
        (e) => (!types || types.includes(e.type)) && (inScope === null || (e.regionId !== null && inScope.has(e.regionId))),
      );
    },
  })
  events(@Root() e: StoredEvent, @Arg('types', () => [EventTypeEnum], { nullable: true }) _types?: EventType[] | null): RapportEvent {
    return { ...e, payload: JSON.stringify(personalDataFor(e.payload, false)) };
  }

  @Mutation(() => IntroductionConfirmation, {
    description:
      "The messaging system confirms a CustomerIntroduction (by its event id) reached these contacts: records the Interaction and completes their INTRODUCE_CONTACT handoff items. For account and service managers (and their applications' keys) in the customer's regions, and ADMIN.",
  })
  confirmIntroductionDelivered(
    @Arg('id', () => ID) id: string,
    @Arg('contactIds', () => [ID]) contactIds: string[],
    @Arg('channel', () => InteractionChannel) channel: InteractionChannel,
    @Ctx() ctx: Context,
  ) {
    return write(ctx, (m) =>
      confirmIntroductionDelivered(ctx.store, { id, contactIds, channel }, m, (customerId) =>
        refuseOutsideCustomers(ctx.scope, 'confirmIntroductionDelivered', [customerId]),
      ),
    );
  }
}
