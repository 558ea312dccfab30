import { AttentionDocument } from './generated/graphql';
import { sharedSweep, sweepAttention } from '../src/graph/attention-state';
import { MAX_STALE } from '../src/graph/attention-read';
import { SNAPSHOT_STATEMENTS } from '../src/graph/repositories/attention.repo';
import { testEngines } from './support/engines';
import { GraphBuilder } from './support/fixtures';
import { Harness } from './support/harness';
import { NOW, bulkAttentionGraph } from './support/attention-fixture';

/** Just above MAX_STALE, so that a request can find too many stale states to assess them one by one. */
const CUSTOMERS = 2100;

/**
 * The attention list over a generated graph of 2,100 customers (about 32,000 nodes and relationships):
 * still 1 + SNAPSHOT_STATEMENTS statements. The wall time is printed for the README's performance
 * note, never asserted (it depends on the machine).
 */
describe.each(testEngines())('attention at scale on $name', (engine) => {
  const TIMEOUT = engine.name === 'neo4j' ? 600_000 : 120_000;
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start(engine);
    const started = Date.now();
    for (let from = 0; from < CUSTOMERS; from += 500) {
      await bulkAttentionGraph(new GraphBuilder(), from, Math.min(CUSTOMERS, from + 500)).write(h.store);
    }
    process.stdout.write(`attention-scale: wrote ${CUSTOMERS} customers in ${Date.now() - started} ms\n`);
  }, 240_000);
  afterAll(async () => {
    await h.stop();
  });

  it(
    `attention(first: 50) over ${CUSTOMERS} customers: fixed statements, time printed`,
    async () => {
      const times: number[] = [];
      let calls = 0;
      let total = 0;
      for (let run = 0; run < 3; run++) {
        h.store.reset();
        const t = process.hrtime.bigint();
        const { attention } = await h.data(AttentionDocument, { first: 50 }, { now: NOW });
        times.push(Number(process.hrtime.bigint() - t) / 1e6);
        calls = h.store.calls;
        total = attention.totalCount;
        expect(attention.edges).toHaveLength(50);
      }
      process.stdout.write(
        `attention-scale (${engine.name}): attention(first: 50) over ${CUSTOMERS} customers, ${total} listed, ` +
          `${calls} statements, ${times.map((t) => `${t.toFixed(0)} ms`).join(' / ')} (runs 1-3)\n`,
      );
      // The fixture's bulk writes of 500 customers leave the maintained states to the clock (issue 15): the
      // request finds them missing (the number of customers and of states: a count, and on Neo4j a second
      // one; the embedded store's cache knows its states) and assesses every candidate (1 + snapshots).
      expect(calls).toBe((engine.name === 'embedded' ? 1 : 2) + 1 + SNAPSHOT_STATEMENTS);
      expect(total).toBe(CUSTOMERS);
      // The time is printed, not asserted. On Neo4j one full assessment took from 2.5 s to 49 s on the
      // shared 2-core machine (docs/neo4j.md): three of them may exceed two minutes, so Neo4j gets longer.
    },
    TIMEOUT,
  );

  it(
    `with the maintained state (issue 15): the same list from the states, time printed`,
    async () => {
      const full = (await h.data(AttentionDocument, { first: 50 }, { now: NOW })).attention;
      await sweepAttention(h.store, h.policy, NOW);
      const times: number[] = [];
      for (let run = 0; run < 3; run++) {
        h.store.reset();
        const t = process.hrtime.bigint();
        const { attention } = await h.data(AttentionDocument, { first: 50 }, { now: NOW });
        times.push(Number(process.hrtime.bigint() - t) / 1e6);
        expect(attention).toEqual(full);
      }
      process.stdout.write(
        `attention-scale (${engine.name}): maintained attention(first: 50) over ${CUSTOMERS} customers, ` +
          `${h.store.calls} statements, ${times.map((t) => `${t.toFixed(0)} ms`).join(' / ')} (runs 1-3)\n`,
      );
      // the state check (2), the stale ids, the count, the top of the ranking with the rows' flags, the customers;
      // on the embedded engine the number of states and the ranking come from the process's cache, the rows' flags by id
      expect(h.store.calls).toBe(engine.name === 'embedded' ? 3 : 6);
    },
    TIMEOUT,
  );

  it(
    'the sweep refreshes the first rows whose text has ticked: a first page then assesses nothing on the request',
    async () => {
      // A day later: texts counting hours and days have ticked, and some codes may have changed.
      const later = new Date(NOW.getTime() + 26 * 3_600_000);
      h.store.reset();
      const before = (await h.data(AttentionDocument, { first: 50 }, { now: later })).attention;
      const callsBefore = h.store.calls;
      await sweepAttention(h.store, h.policy, later);
      h.store.reset();
      const after = (await h.data(AttentionDocument, { first: 50 }, { now: later })).attention;
      expect(after).toEqual(before);
      if (engine.name === 'embedded') {
        // Before the sweep the page assessed its ticked rows on the request (a batch of snapshot statements).
        expect(callsBefore).toBeGreaterThan(SNAPSHOT_STATEMENTS);
        expect(h.store.calls).toBe(3);
      }
    },
    TIMEOUT,
  );

  it(
    'more than MAX_STALE stale states: the request catches up through one shared sweep, not a full assessment each',
    async () => {
      expect(CUSTOMERS).toBeGreaterThan(MAX_STALE);
      await sweepAttention(h.store, h.policy, NOW);
      const full = (await h.data(AttentionDocument, { first: 50 }, { now: NOW })).attention;
      // Every state falls due at its own `at` (as after a long stop of the server): all stale at NOW.
      await h.store.write(`MATCH (a:AttentionState) SET a.next = a.at RETURN count(a) AS n`);
      // Written around the state's write path: on the embedded engine the process's cache reads them again, as after a restart.
      h.store.attentionCache?.().forget();
      const staleAt = async () =>
        Number(
          (await h.store.read(`MATCH (a:AttentionState) WHERE a.next <= datetime($at) RETURN count(a) AS n`, { at: NOW.toISOString() }))[0]
            .n,
        );
      expect(await staleAt()).toBe(CUSTOMERS);

      // Two requests at once: the first starts the sweep, the second joins it; both answer exactly.
      const [a, b] = await Promise.all([
        h.data(AttentionDocument, { first: 50 }, { now: NOW }),
        h.data(AttentionDocument, { first: 50 }, { now: NOW }),
      ]);
      expect(a.attention).toEqual(full);
      expect(b.attention).toEqual(full);
      // The sweep kept its work: the states are valid again, and the next request reads them.
      expect(await staleAt()).toBe(0);
      h.store.reset();
      expect((await h.data(AttentionDocument, { first: 50 }, { now: NOW })).attention).toEqual(full);
      expect(h.store.calls).toBe(engine.name === 'embedded' ? 3 : 6);
    },
    TIMEOUT,
  );

  it('one sweep at a time per store: a second call joins the running one', async () => {
    const first = sharedSweep(h.store, h.policy, NOW);
    const second = sharedSweep(h.store, h.policy, NOW);
    expect(first.joined).toBe(false);
    expect(second.joined).toBe(true);
    expect(second.result).toBe(first.result);
    await first.result;
    const next = sharedSweep(h.store, h.policy, NOW);
    expect(next.joined).toBe(false);
    await next.result;
  });
});
