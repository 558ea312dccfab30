import type { StoredEvent } from '../domain/events';
import type { Store } from '../graph/store';
import { LAST_SEQ, eventsAfter, onEventsAppended } from './outbox';

type Sink = (e: StoredEvent) => void;

/**
 * The live feed behind GraphQL subscriptions: reads committed events from the store (woken by this
 * process's writes, and polled for writes of other processes) and hands each to the subscribers.
 * A subscriber gets the events committed after it subscribed; there is no replay (webhooks are the
 * durable channel).
 */
export class EventFeed {
  private cursor: Promise<number> | null = null;
  private readonly sinks = new Set<Sink>();
  private pulling: Promise<void> = Promise.resolve();
  private again = false;
  private busy = false;
  private timer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly store: Store,
    private readonly pollMs = 1000,
  ) {}

  private ensureStarted() {
    if (this.cursor) return;
    this.cursor = this.store.read(LAST_SEQ).then((rows) => (rows[0]?.n as number) ?? 0);
    this.unsubscribe = onEventsAppended(() => this.pull());
    this.timer = setInterval(() => this.pull(), this.pollMs);
    this.timer.unref();
  }

  private pull(): void {
    if (this.busy) {
      this.again = true;
      return;
    }
    this.busy = true;
    this.pulling = (async () => {
      do {
        this.again = false;
        let after = await this.cursor!;
        for (;;) {
          const events = await eventsAfter({ run: (q, p) => this.store.read(q, p) }, after, 200);
          for (const e of events) for (const sink of this.sinks) sink(e);
          if (events.length) after = events[events.length - 1].sequence;
          this.cursor = Promise.resolve(after);
          if (events.length < 200) break;
        }
      } while (this.again && this.sinks.size);
    })()
      .catch(() => undefined)
      .finally(() => {
        this.busy = false;
      });
  }

  /** An async iterator of the events that `accept` lets through, from now on. */
  async subscribe(accept: (e: StoredEvent) => boolean): Promise<AsyncIterableIterator<StoredEvent>> {
    this.ensureStarted();
    await this.cursor;
    const queue: StoredEvent[] = [];
    let waiting: ((r: IteratorResult<StoredEvent>) => void) | null = null;
    let done = false;
    const sink: Sink = (e) => {
      if (done || !accept(e)) return;
      if (waiting) {
        const w = waiting;
        waiting = null;
        w({ value: e, done: false });
      } else if (queue.length < 10_000) queue.push(e);
    };
    this.sinks.add(sink);
    const finish = async (): Promise<IteratorResult<StoredEvent>> => {
      done = true;
      this.sinks.delete(sink);
      waiting?.({ value: undefined, done: true });
      waiting = null;
      return { value: undefined, done: true };
    };
    const it: AsyncIterableIterator<StoredEvent> = {
      next: () => {
        if (queue.length) return Promise.resolve({ value: queue.shift()!, done: false });
        if (done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => (waiting = resolve));
      },
      return: finish,
      throw: async (err) => {
        await finish();
        throw err;
      },
      [Symbol.asyncIterator]: () => it,
    };
    return it;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.unsubscribe?.();
    this.sinks.clear();
    await this.pulling;
  }
}

const feeds = new WeakMap<Store, EventFeed>();

/** The feed of a store (one per store per process). */
export function feedFor(store: Store): EventFeed {
  let f = feeds.get(store);
  if (!f) feeds.set(store, (f = new EventFeed(store)));
  return f;
}

export async function stopFeed(store: Store): Promise<void> {
  await feeds.get(store)?.stop();
  feeds.delete(store);
}
