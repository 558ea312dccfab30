import { OPEN_CASE_STATUSES } from '../domain/enums';
import type { CaseKind, CaseSeverity, CaseStatus, CustomerTier } from '../domain/enums';
import type { SlaPolicy } from '../domain/sla-policy';
import { DEFAULT_TIME_EVENT_OPTIONS, timeDrivenEvents, type TimeEventOptions } from '../domain/time-events';
import { HEAD_ROWS, policyFingerprint, sharedSweep } from '../graph/attention-state';
import type { Store } from '../graph/store';
import type { Logger } from '../logger';
import { appendEvents } from './outbox';

export const OPEN_CASES_FOR_CLOCK = `
MATCH (k:\`Case\`) WHERE k.status IN $open
MATCH (k)-[:FOR]->(c:Customer)
RETURN k.id AS id, c.id AS customerId, c.tier AS tier, k.kind AS kind, k.severity AS severity, k.status AS status,
  k.openedAt AS openedAt, k.respondedAt AS respondedAt, k.resolvedAt AS resolvedAt`;

export const DUE_COMMITMENTS = `
MATCH (m:Commitment) WHERE m.status = 'OPEN' AND m.dueAt <= datetime($now)
MATCH (m)-[:TO]->(c:Customer)
RETURN m.id AS id, c.id AS customerId, m.dueAt AS dueAt, [(m)<-[:PROMISED]-(e:Engineer) | e.id] AS engineerIds`;

export const OVERDUE_ITEMS = `
MATCH (i:HandoffItem) WHERE i.status = 'OPEN'
MATCH (i)<-[:INCLUDES]-(h:Handoff)
WHERE h.status <> 'CANCELLED' AND h.effectiveAt <= datetime($now)
MATCH (i)-[:FOR]->(c:Customer)
RETURN i.id AS id, i.kind AS kind, c.id AS customerId, h.id AS handoffId, h.effectiveAt AS effectiveAt,
  [(i)-[:ASSIGNED_TO]->(a:Engineer) | a.id] AS assigneeIds`;

export interface EventClockOptions extends TimeEventOptions {
  /** How often the clock runs (it also runs at start). */
  intervalSeconds: number;
}

export const DEFAULT_CLOCK_OPTIONS: EventClockOptions = { ...DEFAULT_TIME_EVENT_OPTIONS, intervalSeconds: 60 };

/** Reads the open work and raises the time-driven events that are due; returns how many were new. */
export async function sweep(
  store: Store,
  policy: SlaPolicy,
  now: Date,
  opts: TimeEventOptions = DEFAULT_TIME_EVENT_OPTIONS,
): Promise<number> {
  const nowIso = now.toISOString();
  const [cases, commitments, items] = await Promise.all([
    store.read(OPEN_CASES_FOR_CLOCK, { open: OPEN_CASE_STATUSES }),
    store.read(DUE_COMMITMENTS, { now: nowIso }),
    store.read(OVERDUE_ITEMS, { now: nowIso }),
  ]);
  const events = timeDrivenEvents(
    {
      cases: cases.map((r) => ({
        id: r.id as string,
        customerId: r.customerId as string,
        tier: r.tier as CustomerTier,
        kind: r.kind as CaseKind,
        severity: r.severity as CaseSeverity,
        status: r.status as CaseStatus,
        openedAt: r.openedAt as string,
        respondedAt: (r.respondedAt as string) ?? null,
        resolvedAt: (r.resolvedAt as string) ?? null,
      })),
      commitments: commitments.map((r) => ({
        id: r.id as string,
        customerId: r.customerId as string,
        dueAt: r.dueAt as string,
        engineerId: ((r.engineerIds as string[]) ?? [])[0] ?? null,
      })),
      handoffItems: items.map((r) => ({
        id: r.id as string,
        kind: r.kind as string,
        customerId: r.customerId as string,
        handoffId: r.handoffId as string,
        effectiveAt: r.effectiveAt as string,
        assigneeId: ((r.assigneeIds as string[]) ?? [])[0] ?? null,
      })),
    },
    policy,
    now,
    opts,
  );
  if (!events.length) return 0;
  // The dedup check and the append run in one write transaction: two sweeps never raise one event twice.
  // Time passing changes no data: these events do not recompute any attention state (the attention
  // sweep handles what time changes).
  return store.transaction((tx) => appendEvents(tx, events, { notifyOnly: true }));
}

/** Runs `sweep` at start and every `intervalSeconds`, in the server process. */
/** The attention sweep wakes at most this often between the clock's ticks. */
export const MIN_WAKE_MS = 250;

export class EventClock {
  private timer: NodeJS.Timeout | null = null;
  private waker: NodeJS.Timeout | null = null;
  private stopped = false;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly policy: SlaPolicy,
    private readonly logger: Logger,
    private readonly opts: EventClockOptions = DEFAULT_CLOCK_OPTIONS,
    private readonly now: () => Date = () => new Date(),
  ) {}

  start(): void {
    const tick = () => {
      const now = this.now();
      // The same clock keeps the attention list current (issue 15): customers whose next transition has come.
      this.running = Promise.all([
        sweep(this.store, this.policy, now, this.opts)
          .then((n) => n && this.logger.info({ events: n }, 'clock raised time-driven events'))
          .catch((err) => this.logger.error({ err }, 'event clock sweep failed')),
        this.sweepAttention(now),
      ]);
    };
    tick();
    this.timer = setInterval(tick, this.opts.intervalSeconds * 1000);
    this.timer.unref();
  }

  /** A tick's attention sweep; while one still runs (a long catch-up on a large graph) the tick leaves it alone. */
  private async sweepAttention(now: Date): Promise<void> {
    const { result, joined } = sharedSweep(this.store, this.policy, now);
    // Joined: the running sweep's own tick reports it; this one only waits for it (so stop() does too).
    if (joined) return void (await result.catch(() => undefined));
    try {
      const r = await result;
      // Woken sweeps recompute a few customers every few seconds: only a catch-up is worth the info level.
      if (r.customers) this.logger[r.customers >= 100 ? 'info' : 'debug'](r, 'clock recomputed the attention state of customers');
    } catch (err) {
      this.logger.error({ err }, 'attention sweep failed');
    }
    this.wake();
  }

  /**
   * With the embedded store's cache of the states: the next attention sweep runs when the next state
   * falls due (or a first-page row's text ticks), not at the next tick, so that a request rarely finds a
   * state to assess itself (on the large graph about one customer falls due every two seconds).
   */
  private wake(): void {
    const cache = this.store.attentionCache?.();
    if (this.stopped || !cache) return;
    if (this.waker) clearTimeout(this.waker);
    this.waker = null;
    const t = this.now().getTime();
    const at = cache.nextInstant(t, policyFingerprint(this.policy), HEAD_ROWS);
    const delay = Math.max(MIN_WAKE_MS, at - t);
    if (!Number.isFinite(delay) || delay >= this.opts.intervalSeconds * 1000) return; // the tick comes first
    this.waker = setTimeout(() => {
      this.waker = null;
      const previous = this.running;
      this.running = Promise.all([previous, this.sweepAttention(this.now())]).then(() => undefined);
    }, delay);
    this.waker.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.waker) clearTimeout(this.waker);
    this.timer = null;
    this.waker = null;
    await this.running;
  }
}

/** RAPPORT_EVENT_CLOCK_SECONDS, RAPPORT_SLA_AT_RISK_HOURS, RAPPORT_EVENT_LOOKBACK_HOURS over the defaults. */
export function clockOptionsFromEnv(get: (name: string) => string | undefined, problems: string[]): EventClockOptions {
  const num = (name: string, dflt: number, min: number) => {
    const v = get(name);
    if (v === undefined) return dflt;
    const n = Number(v);
    if (!Number.isFinite(n) || n < min) {
      problems.push(`${name}="${v}" is not a number >= ${min}`);
      return dflt;
    }
    return n;
  };
  return {
    intervalSeconds: num('RAPPORT_EVENT_CLOCK_SECONDS', DEFAULT_CLOCK_OPTIONS.intervalSeconds, 1),
    atRiskHours: num('RAPPORT_SLA_AT_RISK_HOURS', DEFAULT_CLOCK_OPTIONS.atRiskHours, 0),
    lookbackHours: num('RAPPORT_EVENT_LOOKBACK_HOURS', DEFAULT_CLOCK_OPTIONS.lookbackHours, 0),
  };
}
