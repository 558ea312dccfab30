import { DEFAULT_CLOCK_OPTIONS, EventClock } from '../src/events/clock';
import { sweepAttention } from '../src/graph/attention-state';
import { createLogger } from '../src/logger';
import { embeddedTestEngine } from './support/engines';
import { GraphBuilder } from './support/fixtures';
import { Harness } from './support/harness';
import { bulkAttentionGraph } from './support/attention-fixture';

/**
 * On the embedded engine the clock does not wait for its next tick to recompute a state that falls
 * due: it wakes when the earliest one does (src/graph/attention-cache.ts, `nextInstant`). Real time:
 * the state falls due a second after the clock starts, and the clock's tick is an hour away.
 */
// The embedded engine only: the waking clock uses its cache of the states (Neo4j keeps the minute tick).
describe('the attention clock wakes when a state falls due on the embedded engine', () => {
  const engine = embeddedTestEngine;
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start(engine);
    await bulkAttentionGraph(new GraphBuilder(), 0, 5).write(h.store);
  });
  afterAll(async () => {
    await h.stop();
  });

  it('recomputes the due state within seconds, not at the next tick', async () => {
    await sweepAttention(h.store, h.policy, new Date());
    const [{ id }] = await h.store.read('MATCH (a:AttentionState) RETURN a.id AS id ORDER BY a.id LIMIT 1');
    const due = new Date(Date.now() + 1_000).toISOString();
    // As if its flags could change in a second (written around the write path: the cache reads it again).
    await h.store.write('MATCH (a:AttentionState {id: $id}) SET a.next = datetime($due) RETURN a.id AS id', { id, due });
    h.store.attentionCache!().forget();

    const clock = new EventClock(h.store, h.policy, createLogger('silent'), { ...DEFAULT_CLOCK_OPTIONS, intervalSeconds: 3600 });
    clock.start();
    try {
      const recomputedAt = async () => (await h.store.read('MATCH (a:AttentionState {id: $id}) RETURN a.at AS at', { id }))[0].at as string;
      let at = await recomputedAt();
      for (let i = 0; i < 100 && new Date(at).getTime() < new Date(due).getTime(); i++) {
        await new Promise((r) => setTimeout(r, 100));
        at = await recomputedAt();
      }
      expect(new Date(at).getTime()).toBeGreaterThanOrEqual(new Date(due).getTime());
    } finally {
      await clock.stop();
    }
  }, 30_000);
});
