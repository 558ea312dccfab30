import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, MaxLength } from 'class-validator';
import { EventType } from '../domain/events';
import { DateTimeScalar } from './date-time.scalar';
import { Connection } from './page-info.type';

registerEnumType(EventType, { name: 'EventType', description: 'The events Rapport tells other applications about (see docs/events.md).' });

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  DEAD = 'DEAD',
}
registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'PENDING (not yet or being retried), DELIVERED (2xx), DEAD (gave up after the last attempt).',
});

@ObjectType({ description: 'A receiver of events, configured by an operator. The signing secret is never shown after registration.' })
export class Webhook {
  @Field(() => ID)
  id!: string;

  @Field()
  url!: string;

  @Field(() => [EventType])
  eventTypes!: EventType[];

  @Field(() => ID, { nullable: true, description: 'Only events of customers in this region (and its sub-regions).' })
  regionId?: string | null;

  @Field({ description: 'Whether phone numbers and e-mail addresses are sent in clear (each such delivery is in the access log).' })
  includePersonalData!: boolean;

  @Field({ description: 'An inactive webhook receives nothing; events committed meanwhile are not queued for it.' })
  active!: boolean;

  @Field(() => DateTimeScalar)
  createdAt!: string;

  @Field()
  createdBy!: string;
}

@ObjectType({ description: 'A webhook just registered, with its signing secret (shown this once).' })
export class RegisteredWebhook {
  @Field(() => Webhook)
  webhook!: Webhook;

  @Field({ description: 'The signing secret. Store it now: it cannot be shown again.' })
  secret!: string;
}

@InputType({ description: 'A receiver of events: its URL, the event types it wants, an optional region filter and a signing secret.' })
export class RegisterWebhookInput {
  @Field({ description: 'http:// or https:// only.' })
  @MaxLength(2000)
  url!: string;

  @Field(() => [EventType])
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  eventTypes!: EventType[];

  @Field(() => ID, { nullable: true })
  regionId?: string | null;

  @Field(() => String, { nullable: true, description: 'Supply your own signing secret (16-200 characters); otherwise one is generated.' })
  secret?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Send personal data (phones, e-mails) in clear. Default false: masked.' })
  includePersonalData?: boolean | null;
}

@InputType({ description: 'Changes to a webhook; fields left out stay as they are.' })
export class UpdateWebhookInput {
  @Field(() => String, { nullable: true })
  @MaxLength(2000)
  url?: string | null;

  @Field(() => [EventType], { nullable: true })
  @ArrayMaxSize(50)
  eventTypes?: EventType[] | null;

  @Field(() => ID, { nullable: true, description: 'Set to change the region filter; send clearRegion to remove it.' })
  regionId?: string | null;

  @Field(() => Boolean, { nullable: true })
  clearRegion?: boolean | null;

  @Field(() => String, { nullable: true, description: 'A new signing secret.' })
  secret?: string | null;

  @Field(() => Boolean, { nullable: true })
  includePersonalData?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  active?: boolean | null;
}

@ObjectType({ description: 'One attempt to deliver an event.' })
export class WebhookAttempt {
  @Field(() => DateTimeScalar)
  at!: string;

  @Field(() => Int, { nullable: true, description: 'The HTTP status answered, if any.' })
  status?: number | null;

  @Field(() => String, { nullable: true })
  error?: string | null;

  @Field(() => Int, { description: 'How long the attempt took.' })
  ms!: number;
}

@ObjectType({ description: 'The delivery of one event to one webhook.' })
export class WebhookDelivery {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  webhookId!: string;

  @Field(() => ID, { description: 'The event, also sent as the Idempotency-Key header.' })
  eventId!: string;

  @Field(() => EventType)
  eventType!: string;

  @Field(() => Int, { description: 'The event sequence number.' })
  seq!: number;

  @Field(() => WebhookDeliveryStatus)
  status!: string;

  @Field(() => Int)
  attempts!: number;

  @Field(() => DateTimeScalar, { nullable: true })
  nextAttemptAt?: string | null;

  @Field(() => String, { nullable: true })
  lastError?: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  deliveredAt?: string | null;

  @Field(() => DateTimeScalar)
  createdAt!: string;

  @Field(() => [WebhookAttempt], { description: 'The last 20 attempts.' })
  history!: WebhookAttempt[];
}

export const WebhookDeliveryConnection = Connection(WebhookDelivery, 'WebhookDelivery');

@ObjectType('RapportEvent', { description: 'An event as subscriptions and webhooks deliver it (docs/events.md has the catalogue).' })
export class RapportEvent {
  @Field(() => ID)
  id!: string;

  @Field(() => EventType)
  type!: string;

  @Field(() => DateTimeScalar)
  at!: string;

  @Field(() => Int, { description: 'The payload format version.' })
  version!: number;

  @Field(() => Int, { description: 'Commit order of events.' })
  sequence!: number;

  @Field(() => ID, { nullable: true, description: 'The customer the event is about (delivery order is per customer).' })
  customerId?: string | null;

  @Field(() => ID, { nullable: true })
  regionId?: string | null;

  @Field(() => [ID], { description: 'Every id involved.' })
  subjectIds!: string[];

  @Field({ description: 'The payload as a JSON text; personal data masked.' })
  payload!: string;
}

@ObjectType({ description: 'What confirming an introduction recorded.' })
export class IntroductionConfirmation {
  @Field(() => ID, { description: 'The Interaction recorded with the contacts.' })
  interactionId!: string;

  @Field(() => [ID], { description: 'The INTRODUCE_CONTACT handoff items now DONE.' })
  completedItemIds!: string[];
}
