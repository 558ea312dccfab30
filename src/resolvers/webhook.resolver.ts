import { Arg, Args, ArgsType, Ctx, Field, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { pageArgs } from '../domain/pagination';
import { notFound } from '../errors';
import {
  deleteWebhook,
  deliveryCursor,
  getWebhook,
  listDeliveries,
  listWebhooks,
  registerWebhook,
  updateWebhook,
  type DeliveryStatus,
  type WebhookRecord,
} from '../events/webhooks';
import {
  RegisterWebhookInput,
  RegisteredWebhook,
  UpdateWebhookInput,
  Webhook,
  WebhookDeliveryConnection,
  WebhookDeliveryStatus,
} from '../schema/webhook.type';
import { PageArgs } from './query.resolver';

/** The secret stays in the store: it is answered once, by registerWebhook. */
const publicView = ({ secret: _secret, sinceSeq: _since, ...w }: WebhookRecord) => w;

@ArgsType()
class WebhookDeliveriesArgs extends PageArgs {
  @Field(() => ID)
  webhookId!: string;

  @Field(() => WebhookDeliveryStatus, { nullable: true })
  status?: WebhookDeliveryStatus | null;
}

/** Webhook registrations and their deliveries; ADMIN only (src/auth/permissions.ts). */
@Resolver()
export class WebhookResolver {
  @Query(() => [Webhook], { description: 'Every webhook (ADMIN only).' })
  async webhooks(@Ctx() ctx: Context) {
    return (await listWebhooks(ctx.store)).map(publicView);
  }

  @Query(() => WebhookDeliveryConnection, {
    description: "A webhook's deliveries, newest event first, with attempts and errors (ADMIN only).",
  })
  async webhookDeliveries(
    @Args(() => WebhookDeliveriesArgs) { webhookId, status, first, after }: WebhookDeliveriesArgs,
    @Ctx() ctx: Context,
  ) {
    const page = pageArgs(first, after, deliveryCursor);
    if (!(await getWebhook(ctx.store, webhookId))) throw notFound('Webhook', webhookId);
    return listDeliveries(ctx.store, webhookId, (status as DeliveryStatus | null) ?? null, page);
  }

  @Mutation(() => RegisteredWebhook, {
    description: 'Register a receiver of events. It gets the events committed from now on; the secret is in the answer and never again.',
  })
  async registerWebhook(@Arg('input', () => RegisterWebhookInput) input: RegisterWebhookInput, @Ctx() ctx: Context) {
    const w = await registerWebhook(ctx.store, input, ctx);
    return { webhook: publicView(w), secret: w.secret };
  }

  @Mutation(() => Webhook)
  async updateWebhook(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateWebhookInput) input: UpdateWebhookInput,
    @Ctx() ctx: Context,
  ) {
    const w = await updateWebhook(
      ctx.store,
      id,
      {
        url: input.url ?? undefined,
        eventTypes: input.eventTypes ?? undefined,
        regionId: input.clearRegion ? null : (input.regionId ?? undefined),
        secret: input.secret ?? undefined,
        includePersonalData: input.includePersonalData ?? undefined,
        active: input.active ?? undefined,
      },
      ctx,
    );
    return publicView(w);
  }

  @Mutation(() => Boolean, { description: 'Delete a webhook; its pending deliveries are dropped.' })
  deleteWebhook(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return deleteWebhook(ctx.store, id);
  }
}
