import { randomBytes } from 'node:crypto';
import { EVENT_VERSION, type EventType, type NewEvent, type StoredEvent } from '../domain/events';
import type { Row, TxRunner } from '../graph/store';
import { touchedSet } from '../graph/write-tracking';

/**
 * The durable outbox: events are (:Event) nodes written by `appendEvents` inside the transaction of
 * the change they describe, so an event exists if and only if its change committed. A single
 * (:EventSeq) counter node numbers them: writers serialise on it, so `seq` is the commit order.
 */
export const APPEND_EVENTS = `
MERGE (s:EventSeq {id: 'events'})
SET s.n = coalesce(s.n, 0) + size($events)
WITH s.n - size($events) AS base
UNWIND range(0, size($events) - 1) AS i
WITH base + i + 1 AS seq, $events[i] AS ev
CREATE (e:Event {id: ev.id, type: ev.type, at: datetime(ev.at), version: ev.version, seq: seq,
  customerId: ev.customerId, regionId: ev.regionId, subjectIds: ev.subjectIds, payload: ev.payload, dedupKey: ev.dedupKey})
RETURN e.seq AS seq`;

/**
 * The region of each event's customer, read before the events are written. Not an OPTIONAL MATCH in
 * APPEND_EVENTS: after CREATE the embedded engine planned it as a join over every node of the graph,
 * per event; on the large benchmark graph the clock's first sweep (a few thousand events) exceeded
 * the engine's 30-second statement timeout, every minute.
 */
export const REGIONS_OF_CUSTOMERS = `
UNWIND $ids AS id
MATCH (c:Customer {id: id})
RETURN id, [(c)-[:LOCATED_IN]->(r:Region) | r.id] AS regionIds`;

/** Events written by one statement (a larger list is written in several, in order). */
export const APPEND_CHUNK = 1000;

/** Which of these dedup keys already have an event (time-driven events are raised once). */
export const EXISTING_DEDUP_KEYS = `
MATCH (e:Event) WHERE e.dedupKey IN $keys
RETURN e.dedupKey AS key`;

export const EVENTS_AFTER = `
MATCH (e:Event) WHERE e.seq > $after
RETURN e ORDER BY e.seq LIMIT $limit`;

export const LAST_SEQ = `
MATCH (s:EventSeq {id: 'events'})
RETURN s.n AS n`;

export const newEventId = () => `evt_${Date.now().toString(36)}${randomBytes(6).toString('hex')}`;

type Listener = () => void;
const listeners = new Set<Listener>();

/**
 * Wakes the in-process readers (webhook worker, subscriptions) after a write that appended events.
 * They read committed events from the store, so a wake-up for a rolled-back write finds nothing.
 */
export function onEventsAppended(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

function wake() {
  // After the current transaction has had the chance to commit.
  setImmediate(() => {
    for (const l of listeners) l();
  });
}

/**
 * Writes events in the caller's transaction; dedup keys already raised are skipped. The customers and
 * subjects they name count as touched by the transaction (the attention state is recomputed for
 * them), unless `notifyOnly`: events that tell of time passing (the clock's), not of a change. With
 * `subjectsAsReferences` the customer and the subjects are references (TouchedSet.referenced): the
 * customer is recomputed itself, without the customers of its engineers (its coverage did not
 * change), a case names its customer, an engineer or a contact nobody else (a case's change of owner
 * changes no flag of the owners' other customers: no rule reads cases from an engineer's side, see
 * REFERENCE_ONLY_RECORDS).
 */
export async function appendEvents(
  tx: TxRunner,
  events: NewEvent[],
  opts: { notifyOnly?: boolean; subjectsAsReferences?: boolean } = {},
): Promise<number> {
  const touched = opts.notifyOnly ? undefined : touchedSet();
  for (const e of events) {
    if (opts.subjectsAsReferences) touched?.addReferencesIn([e.customerId, ...e.subjectIds]);
    else {
      if (e.customerId) touched?.add('Customer', e.customerId);
      touched?.addIdsIn(e.subjectIds);
    }
    touched?.noteTime(e.at);
  }
  let list = events;
  const keys = list.map((e) => e.dedupKey).filter((k): k is string => Boolean(k));
  if (keys.length) {
    const seen = new Set((await tx.run(EXISTING_DEDUP_KEYS, { keys })).map((r) => r.key as string));
    const once = new Set<string>();
    list = list.filter((e) => !e.dedupKey || (!seen.has(e.dedupKey) && !once.has(e.dedupKey) && once.add(e.dedupKey)));
  }
  if (!list.length) return 0;
  const customerIds = [...new Set(list.map((e) => e.customerId).filter((id): id is string => Boolean(id)))];
  const regionOf = new Map<string, string | null>();
  if (customerIds.length)
    for (const r of await tx.run(REGIONS_OF_CUSTOMERS, { ids: customerIds }))
      regionOf.set(r.id as string, ((r.regionIds as string[]) ?? [])[0] ?? null);
  const rows = list.map((e) => ({
    id: newEventId(),
    type: e.type,
    at: e.at,
    version: EVENT_VERSION,
    customerId: e.customerId,
    regionId: (e.customerId && regionOf.get(e.customerId)) ?? null,
    subjectIds: e.subjectIds,
    payload: JSON.stringify(e.payload),
    dedupKey: e.dedupKey ?? null,
  }));
  for (let i = 0; i < rows.length; i += APPEND_CHUNK) await tx.run(APPEND_EVENTS, { events: rows.slice(i, i + APPEND_CHUNK) });
  wake();
  return list.length;
}

export function toStoredEvent(row: Row): StoredEvent {
  const e = row.e as Record<string, unknown>;
  return {
    id: e.id as string,
    type: e.type as EventType,
    at: e.at as string,
    version: e.version as number,
    sequence: e.seq as number,
    customerId: (e.customerId as string) ?? null,
    regionId: (e.regionId as string) ?? null,
    subjectIds: (e.subjectIds as string[]) ?? [],
    payload: JSON.parse((e.payload as string) ?? '{}') as Record<string, unknown>,
  };
}

export async function eventsAfter(db: Pick<TxRunner, 'run'>, after: number, limit = 200): Promise<StoredEvent[]> {
  return (await db.run(EVENTS_AFTER, { after, limit })).map(toStoredEvent);
}
