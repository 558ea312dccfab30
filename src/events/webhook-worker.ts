import { randomBytes } from 'node:crypto';
import { orderingKey, type StoredEvent } from '../domain/events';
import { labelOfId } from '../domain/ids';
import { backoffMs, signBody, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../domain/webhook-signature';
import { maskEmail, maskPhone } from '../auth/masking';
import type { AccessRead } from '../auth/personal-data';
import { recordAccess } from '../graph/repositories/access-log.repo';
import type { Store } from '../graph/store';
import type { Logger } from '../logger';
import { LAST_SEQ, eventsAfter, onEventsAppended, toStoredEvent } from './outbox';
import { ALL_WEBHOOKS, toDelivery, toWebhook, type DeliveryAttempt, type DeliveryRecord, type WebhookRecord } from './webhooks';

export interface WebhookWorkerOptions {
  /** Quiet-time poll (events are also picked up at once when this process appends them). */
  pollMs: number;
  /** First retry after this long; doubles each attempt up to `maxBackoffMs`. */
  retryBaseMs: number;
  maxBackoffMs: number;
  /** A delivery is dead-lettered after this many failed attempts. */
  maxAttempts: number;
  /** Per-request timeout. */
  timeoutMs: number;
  /** Requests in flight at once (never two of one customer lane). */
  concurrency: number;
}

export const DEFAULT_WEBHOOK_OPTIONS: WebhookWorkerOptions = {
  pollMs: 2000,
  retryBaseMs: 5000,
  maxBackoffMs: 3_600_000,
  maxAttempts: 10,
  timeoutMs: 10_000,
  concurrency: 8,
};

/** RAPPORT_WEBHOOK_* variables over the defaults; bad values are reported by name. */
export function webhookOptionsFromEnv(get: (name: string) => string | undefined, problems: string[]): WebhookWorkerOptions {
  const int = (name: string, dflt: number, min: number) => {
    const v = get(name);
    if (v === undefined) return dflt;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) {
      problems.push(`${name}="${v}" is not a whole number >= ${min}`);
      return dflt;
    }
    return n;
  };
  return {
    pollMs: int('RAPPORT_WEBHOOK_POLL_MS', DEFAULT_WEBHOOK_OPTIONS.pollMs, 50),
    retryBaseMs: int('RAPPORT_WEBHOOK_RETRY_BASE_MS', DEFAULT_WEBHOOK_OPTIONS.retryBaseMs, 1),
    maxBackoffMs: int('RAPPORT_WEBHOOK_MAX_BACKOFF_MS', DEFAULT_WEBHOOK_OPTIONS.maxBackoffMs, 1),
    maxAttempts: int('RAPPORT_WEBHOOK_MAX_ATTEMPTS', DEFAULT_WEBHOOK_OPTIONS.maxAttempts, 1),
    timeoutMs: int('RAPPORT_WEBHOOK_TIMEOUT_MS', DEFAULT_WEBHOOK_OPTIONS.timeoutMs, 100),
    concurrency: int('RAPPORT_WEBHOOK_CONCURRENCY', DEFAULT_WEBHOOK_OPTIONS.concurrency, 1),
  };
}

const FANOUT_CURSOR = `
MERGE (c:EventCursor {id: 'webhooks'})
RETURN coalesce(c.seq, 0) AS seq`;

const SET_FANOUT_CURSOR = `
MATCH (c:EventCursor {id: 'webhooks'})
SET c.seq = $seq`;

const CREATE_DELIVERIES = `
UNWIND $rows AS row
CREATE (:WebhookDelivery {id: row.id, webhookId: row.webhookId, eventId: row.eventId, eventType: row.eventType, seq: row.seq,
  lane: row.lane, status: 'PENDING', attempts: 0, nextAttemptAt: datetime($now), createdAt: datetime($now), history: '[]'})`;

const REGIONS_AT_AND_BELOW = `
UNWIND $ids AS id
MATCH (r:Region {id: id})<-[:PART_OF*0..10]-(s:Region)
RETURN id AS root, s.id AS id`;

const PENDING = `
MATCH (d:WebhookDelivery) WHERE d.status = 'PENDING'
RETURN d ORDER BY d.seq LIMIT $limit`;

const DELIVERY_BY_ID = `
MATCH (d:WebhookDelivery {id: $id})
RETURN d`;

const EVENTS_BY_ID = `
UNWIND $ids AS id
MATCH (e:Event {id: id})
RETURN e`;

const RECORD_ATTEMPT = `
MATCH (d:WebhookDelivery {id: $id})
SET d.status = $status, d.attempts = $attempts, d.nextAttemptAt = datetime($nextAttemptAt), d.lastError = $lastError,
  d.deliveredAt = datetime($deliveredAt), d.history = $history`;

/** Keys of a payload that hold personal data, masked like the API masks them. */
const PERSONAL: Record<string, (v: string) => string | null> = { phone: maskPhone, email: maskEmail };

function collectPersonal(payload: unknown, out: Map<string, string>) {
  if (Array.isArray(payload)) payload.forEach((p) => collectPersonal(p, out));
  else if (payload && typeof payload === 'object') {
    for (const [k, v] of Object.entries(payload)) {
      if (PERSONAL[k] && typeof v === 'string' && v) out.set(v, PERSONAL[k](v) ?? '');
      else collectPersonal(v, out);
    }
  }
}

/**
 * Masks personal data in a payload unless the receiver may have it: phone and email fields, and the
 * same values wherever they appear in rendered texts. When it may, lists what was sent in clear so
 * it can be written to the access log.
 */
export function personalDataFor(payload: unknown, allowed: boolean, reads: { entityId: string; field: string }[] = []): unknown {
  const values = new Map<string, string>();
  if (!allowed) collectPersonal(payload, values);
  const walk = (p: unknown): unknown => {
    if (Array.isArray(p)) return p.map(walk);
    if (typeof p === 'string') {
      let text = p;
      for (const [clear, masked] of values) text = text.split(clear).join(masked);
      return text;
    }
    if (!p || typeof p !== 'object') return p;
    const out: Record<string, unknown> = {};
    const obj = p as Record<string, unknown>;
    for (const [k, v] of Object.entries(obj)) {
      if (PERSONAL[k] && typeof v === 'string') {
        if (allowed) reads.push({ entityId: typeof obj.id === 'string' ? obj.id : '', field: k });
        out[k] = allowed ? v : PERSONAL[k](v);
      } else out[k] = walk(v);
    }
    return out;
  };
  return walk(payload);
}

/** The body a receiver gets. */
export function deliveryBody(
  event: StoredEvent,
  webhook: Pick<WebhookRecord, 'includePersonalData'>,
  reads?: { entityId: string; field: string }[],
) {
  return JSON.stringify({
    id: event.id,
    type: event.type,
    at: event.at,
    version: event.version,
    sequence: event.sequence,
    customerId: event.customerId,
    regionId: event.regionId,
    subjectIds: event.subjectIds,
    data: personalDataFor(event.payload, webhook.includePersonalData, reads),
  });
}

/**
 * Delivers the outbox to webhooks, in this process but off the request path. Everything it needs is
 * in the store (a fan-out cursor, PENDING deliveries with their next attempt time), so a restart or
 * a kill -9 loses nothing: a delivery that was in flight is simply sent again (at-least-once; the
 * event id is the idempotency key). Per webhook and customer, a delivery waits until the one before
 * it was delivered or dead-lettered.
 */
export class WebhookWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly lanesInFlight = new Set<string>();
  private unsubscribe: (() => void) | null = null;
  /** The sequence fanned out to (known after the first pass): a wake-up without new events costs one read. */
  private fannedTo: number | null = null;
  /** Something may be due: new deliveries, or an attempt just ended. Timer passes look regardless. */
  private dirty = true;
  private soonTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly opts: WebhookWorkerOptions = DEFAULT_WEBHOOK_OPTIONS,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  start(): void {
    this.stopped = false;
    // Writes wake the worker a little later, so a burst of writes costs one pass, not one each.
    this.unsubscribe = onEventsAppended(() => this.soon());
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    if (this.timer) clearTimeout(this.timer);
    if (this.soonTimer) clearTimeout(this.soonTimer);
    this.timer = null;
    this.soonTimer = null;
    await this.running;
    await Promise.allSettled([...this.inFlight.values()]);
  }

  private soon(): void {
    if (this.soonTimer || this.stopped) return;
    this.soonTimer = setTimeout(() => {
      this.soonTimer = null;
      this.kick();
    }, 25);
    this.soonTimer.unref();
  }

  /** Runs a pass now (or right after the one running). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running = this.pass()
      .catch((err) => this.logger.error({ err }, 'webhook delivery pass failed'))
      .then((nextInMs) => {
        this.running = null;
        if (this.stopped) return;
        if (this.again) {
          this.again = false;
          this.kick();
        } else this.schedule(nextInMs ?? this.opts.pollMs);
      });
  }

  private schedule(ms: number) {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(
      () => {
        this.dirty = true;
        this.kick();
      },
      Math.max(10, Math.min(ms, this.opts.pollMs)),
    );
    this.timer.unref();
  }

  /** One pass: fan new events out to deliveries, then send what is due. Returns ms until the next due one. */
  private async pass(): Promise<number> {
    const [last] = await this.store.read(LAST_SEQ);
    const lastSeq = (last?.n as number) ?? 0;
    const news = this.fannedTo === null || lastSeq > this.fannedTo;
    if (!news && !this.dirty) return this.opts.pollMs;
    const webhooks = (await this.store.read(ALL_WEBHOOKS)).map(toWebhook);
    if (!webhooks.length) {
      this.fannedTo = null;
      return this.opts.pollMs;
    }
    if (news && (await this.fanOut(webhooks))) this.dirty = true;
    if (!this.dirty) return this.opts.pollMs;
    this.dirty = false;
    return this.dispatch(new Map(webhooks.map((w) => [w.id, w])));
  }

  private async regionsOf(webhooks: WebhookRecord[]): Promise<Map<string, Set<string>>> {
    const roots = [...new Set(webhooks.map((w) => w.regionId).filter((r): r is string => Boolean(r)))];
    const map = new Map<string, Set<string>>(roots.map((r) => [r, new Set<string>()]));
    if (roots.length) {
      for (const row of await this.store.read(REGIONS_AT_AND_BELOW, { ids: roots })) map.get(row.root as string)?.add(row.id as string);
    }
    return map;
  }

  /** Creates the deliveries of new events; true when it created any. */
  private async fanOut(webhooks: WebhookRecord[]): Promise<boolean> {
    const regions = await this.regionsOf(webhooks);
    let created = false;
    for (;;) {
      const more = await this.store.transaction(async (tx) => {
        const [cursor] = await tx.run(FANOUT_CURSOR);
        const events = await eventsAfter(tx, cursor.seq as number, 500);
        if (!events.length) return { more: false, to: cursor.seq as number };
        const now = this.clock().toISOString();
        const rows = [];
        for (const e of events) {
          for (const w of webhooks) {
            if (!w.active || e.sequence <= w.sinceSeq || !w.eventTypes.includes(e.type)) continue;
            if (w.regionId && !(e.regionId && regions.get(w.regionId)?.has(e.regionId))) continue;
            rows.push({
              id: `whd_${randomBytes(8).toString('hex')}`,
              webhookId: w.id,
              eventId: e.id,
              eventType: e.type,
              seq: e.sequence,
              lane: orderingKey(e),
            });
          }
        }
        if (rows.length) await tx.run(CREATE_DELIVERIES, { rows, now });
        created ||= rows.length > 0;
        await tx.run(SET_FANOUT_CURSOR, { seq: events[events.length - 1].sequence });
        return { more: events.length === 500, to: events[events.length - 1].sequence };
      });
      this.fannedTo = more.to; // only once committed
      if (!more.more) return created;
    }
  }

  private async dispatch(webhooks: Map<string, WebhookRecord>): Promise<number> {
    const pending = (await this.store.read(PENDING, { limit: 2000 })).map(toDelivery);
    // The head of each lane (webhook + customer): later deliveries wait for it.
    const heads = new Map<string, DeliveryRecord>();
    for (const d of pending) {
      const lane = `${d.webhookId}|${d.lane}`;
      if (!heads.has(lane)) heads.set(lane, d);
    }
    const now = this.clock().getTime();
    let nextIn = this.opts.pollMs;
    const due: DeliveryRecord[] = [];
    for (const [lane, d] of heads) {
      if (this.lanesInFlight.has(lane)) continue;
      const at = d.nextAttemptAt ? new Date(d.nextAttemptAt).getTime() : now;
      if (at <= now) due.push(d);
      else nextIn = Math.min(nextIn, at - now);
    }
    const room = Math.max(0, this.opts.concurrency - this.inFlight.size);
    const batch = due.slice(0, room);
    if (!batch.length) return nextIn;
    const events = new Map(
      (await this.store.read(EVENTS_BY_ID, { ids: batch.map((d) => d.eventId) })).map((r) => {
        const e = toStoredEvent(r);
        return [e.id, e];
      }),
    );
    for (const d of batch) {
      const webhook = webhooks.get(d.webhookId);
      const event = events.get(d.eventId);
      if (!webhook || !event) continue;
      const lane = `${d.webhookId}|${d.lane}`;
      this.lanesInFlight.add(lane);
      const p = this.deliver(d, webhook, event)
        .catch((err) => this.logger.error({ err, deliveryId: d.id }, 'webhook delivery failed to record'))
        .finally(() => {
          this.lanesInFlight.delete(lane);
          this.inFlight.delete(d.id);
          this.dirty = true;
          this.kick();
        });
      this.inFlight.set(d.id, p);
    }
    return nextIn;
  }

  private async deliver(seen: DeliveryRecord, webhook: WebhookRecord, event: StoredEvent): Promise<void> {
    // The pass read its list before an attempt that just ended was recorded: act on the current state.
    const [row] = await this.store.read(DELIVERY_BY_ID, { id: seen.id });
    const d = row ? toDelivery(row) : null;
    if (!d || d.status !== 'PENDING' || d.attempts !== seen.attempts) return;
    const reads: { entityId: string; field: string }[] = [];
    const body = deliveryBody(event, webhook, reads);
    const timestamp = Math.floor(this.clock().getTime() / 1000);
    const started = Date.now();
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(webhook.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Rapport-Webhooks/1',
          'idempotency-key': event.id,
          'rapport-event-id': event.id,
          'rapport-event-type': event.type,
          'rapport-delivery-id': d.id,
          [TIMESTAMP_HEADER]: String(timestamp),
          [SIGNATURE_HEADER]: signBody(webhook.secret, timestamp, body),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.opts.timeoutMs),
      });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
      if (status < 200 || status >= 300) error = `HTTP ${status}`;
    } catch (err) {
      const e = err as Error & { cause?: { code?: string; message?: string } };
      error = e.name === 'TimeoutError' ? `timed out after ${this.opts.timeoutMs} ms` : (e.cause?.code ?? e.cause?.message ?? e.message);
    }
    const nowDate = this.clock();
    const attempts = d.attempts + 1;
    const attempt: DeliveryAttempt = { at: nowDate.toISOString(), status, error, ms: Date.now() - started };
    const history = [...d.history, attempt].slice(-20);
    const ok = error === null;
    const dead = !ok && attempts >= this.opts.maxAttempts;
    await this.store.write(RECORD_ATTEMPT, {
      id: d.id,
      status: ok ? 'DELIVERED' : dead ? 'DEAD' : 'PENDING',
      attempts,
      nextAttemptAt:
        ok || dead ? null : new Date(nowDate.getTime() + backoffMs(attempts, this.opts.retryBaseMs, this.opts.maxBackoffMs)).toISOString(),
      lastError: error,
      deliveredAt: ok ? nowDate.toISOString() : null,
      history: JSON.stringify(history),
    });
    if (reads.length) await this.logPersonalData(reads, webhook, event, nowDate);
    if (!ok)
      this.logger.warn(
        { webhookId: webhook.id, deliveryId: d.id, eventId: event.id, attempts, error, dead },
        dead ? 'webhook delivery dead-lettered' : 'webhook delivery failed; will retry',
      );
  }

  /** Phones sent in clear to a webhook are reads like any other: one access-log entry each. */
  private async logPersonalData(reads: { entityId: string; field: string }[], webhook: WebhookRecord, event: StoredEvent, at: Date) {
    const rows: AccessRead[] = reads
      .filter((r) => r.entityId && (labelOfId(r.entityId) === 'Contact' || labelOfId(r.entityId) === 'Engineer'))
      .map((r) => ({
        entityLabel: labelOfId(r.entityId) as 'Contact' | 'Engineer',
        entityId: r.entityId,
        field: r.field as 'phone' | 'email',
        operation: `webhook:${event.type}`,
        at: at.toISOString(),
        actor: `webhook:${webhook.id}`,
        keyId: null,
        requestId: event.id,
      }));
    await recordAccess(this.store, rows);
  }
}
