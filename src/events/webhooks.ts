import { randomBytes } from 'node:crypto';
import { EVENT_TYPES, type EventType } from '../domain/events';
import { encodeCursor } from '../domain/pagination';
import { webhookUrlProblem } from '../domain/webhook-signature';
import { badInput, notFound, type FieldProblem } from '../errors';
import type { Row, Store } from '../graph/store';
import { LAST_SEQ } from './outbox';

/**
 * Webhook registrations (:Webhook) and their deliveries (:WebhookDelivery), one delivery per event
 * and webhook, created by the worker's fan-out. The secret is stored to sign with; the API shows it
 * only in the answer to registerWebhook.
 */
export interface WebhookRecord {
  id: string;
  url: string;
  eventTypes: EventType[];
  regionId: string | null;
  includePersonalData: boolean;
  active: boolean;
  createdAt: string;
  createdBy: string;
  /** Events up to this sequence number were committed before the registration: not delivered. */
  sinceSeq: number;
  secret: string;
}

export type DeliveryStatus = 'PENDING' | 'DELIVERED' | 'DEAD';

export interface DeliveryAttempt {
  at: string;
  status: number | null;
  error: string | null;
  ms: number;
}

export interface DeliveryRecord {
  id: string;
  webhookId: string;
  eventId: string;
  eventType: string;
  seq: number;
  lane: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  deliveredAt: string | null;
  createdAt: string;
  history: DeliveryAttempt[];
}

export const CREATE_WEBHOOK = `
CREATE (w:Webhook {id: $id, url: $url, eventTypes: $eventTypes, regionId: $regionId, includePersonalData: $includePersonalData,
  active: true, createdAt: datetime($now), createdBy: $actor, sinceSeq: $sinceSeq, secret: $secret})
RETURN w`;

export const WEBHOOK_BY_ID = `
MATCH (w:Webhook {id: $id})
RETURN w`;

export const UPDATE_WEBHOOK = `
MATCH (w:Webhook {id: $id})
SET w.url = $url, w.eventTypes = $eventTypes, w.regionId = $regionId, w.includePersonalData = $includePersonalData,
  w.active = $active, w.secret = $secret, w.updatedAt = datetime($now), w.updatedBy = $actor
RETURN w`;

/** A deleted webhook's pending deliveries go with it; delivered and dead ones stay as history. */
export const DELETE_WEBHOOK = `
MATCH (w:Webhook {id: $id})
DETACH DELETE w`;

export const DROP_PENDING = `
MATCH (d:WebhookDelivery {webhookId: $id})
WHERE d.status = 'PENDING'
DETACH DELETE d`;

export const ALL_WEBHOOKS = `
MATCH (w:Webhook)
RETURN w ORDER BY w.createdAt, w.id`;

export const REGION_EXISTS = `
MATCH (r:Region {id: $id})
RETURN r.id AS id`;

export const DELIVERIES_PAGE = `
MATCH (d:WebhookDelivery {webhookId: $webhookId})
WHERE ($status IS NULL OR d.status = $status) AND ($afterSeq IS NULL OR d.seq < $afterSeq)
RETURN d ORDER BY d.seq DESC LIMIT $limit`;

export const DELIVERIES_COUNT = `
MATCH (d:WebhookDelivery {webhookId: $webhookId})
WHERE ($status IS NULL OR d.status = $status)
RETURN count(d) AS n`;

export const newSecret = () => `whsec_${randomBytes(24).toString('base64url')}`;

export function toWebhook(row: Row): WebhookRecord {
  const w = row.w as Record<string, unknown>;
  return {
    id: w.id as string,
    url: w.url as string,
    eventTypes: (w.eventTypes as EventType[]) ?? [],
    regionId: (w.regionId as string) ?? null,
    includePersonalData: Boolean(w.includePersonalData),
    active: w.active !== false,
    createdAt: w.createdAt as string,
    createdBy: w.createdBy as string,
    sinceSeq: (w.sinceSeq as number) ?? 0,
    secret: w.secret as string,
  };
}

export function toDelivery(row: Row): DeliveryRecord {
  const d = row.d as Record<string, unknown>;
  return {
    id: d.id as string,
    webhookId: d.webhookId as string,
    eventId: d.eventId as string,
    eventType: d.eventType as string,
    seq: d.seq as number,
    lane: d.lane as string,
    status: d.status as DeliveryStatus,
    attempts: (d.attempts as number) ?? 0,
    nextAttemptAt: (d.nextAttemptAt as string) ?? null,
    lastError: (d.lastError as string) ?? null,
    deliveredAt: (d.deliveredAt as string) ?? null,
    createdAt: d.createdAt as string,
    history: JSON.parse((d.history as string) ?? '[]') as DeliveryAttempt[],
  };
}

export interface WebhookInput {
  url: string;
  eventTypes: string[];
  regionId?: string | null;
  secret?: string | null;
  includePersonalData?: boolean | null;
  active?: boolean | null;
}

async function check(store: Store, input: WebhookInput): Promise<void> {
  const problems: FieldProblem[] = [];
  const urlProblem = webhookUrlProblem(input.url);
  if (urlProblem) problems.push({ field: 'input.url', reason: urlProblem });
  if (!input.eventTypes.length) problems.push({ field: 'input.eventTypes', reason: 'name at least one event type' });
  const unknown = input.eventTypes.filter((t) => !(EVENT_TYPES as string[]).includes(t));
  if (unknown.length) problems.push({ field: 'input.eventTypes', reason: `unknown event type(s): ${unknown.join(', ')}` });
  if (input.secret != null && (input.secret.length < 16 || input.secret.length > 200)) {
    problems.push({ field: 'input.secret', reason: 'must be 16 to 200 characters' });
  }
  if (input.regionId && !(await store.read(REGION_EXISTS, { id: input.regionId })).length) {
    problems.push({ field: 'input.regionId', reason: `region ${input.regionId} does not exist` });
  }
  if (problems.length) throw badInput(problems);
}

/** Registers a webhook; it receives the events committed from now on. */
export async function registerWebhook(store: Store, input: WebhookInput, who: { actor: string; now: Date }): Promise<WebhookRecord> {
  await check(store, input);
  return store.transaction(async (tx) => {
    const [seq] = await tx.run(LAST_SEQ);
    const [row] = await tx.run(CREATE_WEBHOOK, {
      id: `whk_${randomBytes(8).toString('hex')}`,
      url: input.url,
      eventTypes: [...new Set(input.eventTypes)],
      regionId: input.regionId ?? null,
      includePersonalData: Boolean(input.includePersonalData),
      now: who.now.toISOString(),
      actor: who.actor,
      sinceSeq: (seq?.n as number) ?? 0,
      secret: input.secret ?? newSecret(),
    });
    return toWebhook(row);
  });
}

export async function getWebhook(store: Store, id: string): Promise<WebhookRecord | null> {
  const [row] = await store.read(WEBHOOK_BY_ID, { id });
  return row ? toWebhook(row) : null;
}

/** Changes a webhook; fields left out keep their value (`secret: null` keeps the secret). */
export async function updateWebhook(
  store: Store,
  id: string,
  input: Partial<WebhookInput>,
  who: { actor: string; now: Date },
): Promise<WebhookRecord> {
  const current = await getWebhook(store, id);
  if (!current) throw notFound('Webhook', id);
  const next = {
    url: input.url ?? current.url,
    eventTypes: input.eventTypes ?? current.eventTypes,
    regionId: input.regionId === undefined ? current.regionId : input.regionId,
    secret: input.secret ?? null,
    includePersonalData: input.includePersonalData ?? current.includePersonalData,
    active: input.active ?? current.active,
  };
  await check(store, next);
  const [row] = await store.write(UPDATE_WEBHOOK, {
    id,
    ...next,
    eventTypes: [...new Set(next.eventTypes)],
    secret: next.secret ?? current.secret,
    now: who.now.toISOString(),
    actor: who.actor,
  });
  return toWebhook(row);
}

export async function deleteWebhook(store: Store, id: string): Promise<boolean> {
  return store.transaction(async (tx) => {
    if (!(await tx.run(WEBHOOK_BY_ID, { id })).length) throw notFound('Webhook', id);
    await tx.run(DROP_PENDING, { id });
    await tx.run(DELETE_WEBHOOK, { id });
    return true;
  });
}

export async function listWebhooks(store: Store): Promise<WebhookRecord[]> {
  return (await store.read(ALL_WEBHOOKS)).map(toWebhook);
}

export async function listDeliveries(
  store: Store,
  webhookId: string,
  status: DeliveryStatus | null,
  page: { limit: number; after: number | null },
) {
  const params = { webhookId, status, afterSeq: page.after, limit: page.limit + 1 };
  const [rows, count] = await Promise.all([
    page.limit === 0 ? Promise.resolve([]) : store.read(DELIVERIES_PAGE, params),
    store.read(DELIVERIES_COUNT, params),
  ]);
  const nodes = rows.slice(0, page.limit).map(toDelivery);
  const cursorOf = (d: DeliveryRecord) => encodeCursor([d.seq]);
  return {
    totalCount: (count[0]?.n as number) ?? 0,
    edges: nodes.map((node) => ({ node, cursor: cursorOf(node) })),
    pageInfo: {
      // Forward paging only: a page after a cursor has items before it.
      hasPreviousPage: page.after !== null,
      hasNextPage: rows.length > page.limit,
      startCursor: nodes.length ? cursorOf(nodes[0]) : null,
      endCursor: nodes.length ? cursorOf(nodes[nodes.length - 1]) : null,
    },
  };
}

export const deliveryCursor = (raw: unknown): number | null =>
  Array.isArray(raw) && raw.length === 1 && typeof raw[0] === 'number' ? raw[0] : null;
