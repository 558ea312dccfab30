import {
  AttentionDocument,
  AttentionWithCustomerFlagsDocument,
  CustomersWithFlagsDocument,
  EngineersWithAttentionDocument,
} from './generated/graphql';
import { sweepAttention } from '../src/graph/attention-state';
import { SNAPSHOT_STATEMENTS } from '../src/graph/repositories/attention.repo';
import { testEngines } from './support/engines';
import { GraphBuilder } from './support/fixtures';
import { Harness } from './support/harness';
import { NOW, bulkAttentionGraph } from './support/attention-fixture';

/**
 * The attention list costs a fixed number of statements whatever the size of the graph. The fixture's
 * writes build the maintained states (issue 15) at the real clock, long after NOW: at NOW every state is
 * stale, so the list checks the states (STATE_CHECK: the number of customers and of states), reads the stale ones, the count and
 * the top of the valid ones (3, plus 1 for the ids of a region or engineer filter) and assesses the stale
 * ones in SNAPSHOT_STATEMENTS together. With states valid at NOW it reads them instead (last test).
 * customer.flags on a list is batched the same way.
 */
describe.each(testEngines())('attention batching on $name', (engine) => {
  // The number of customers and of states (the states', and the stale ids, the count and the top):
  // statements on Neo4j, the process's cache of the states on the embedded engine (src/graph/attention-cache.ts).
  const STATE_CHECK = engine.name === 'embedded' ? 1 : 2;
  const RANKING = engine.name === 'embedded' ? 0 : 3;
  const STALE_PATH = STATE_CHECK + RANKING + SNAPSHOT_STATEMENTS;
  let h: Harness;
  const at = { now: NOW };
  beforeAll(async () => {
    h = await Harness.start(engine);
  });
  afterAll(async () => {
    await h.stop();
  });

  const statementsOf = async (run: () => Promise<unknown>) => {
    h.store.reset();
    await run();
    return h.store.calls;
  };

  it('attention(first: 50) costs the same statements for 5 and for 50 customers', async () => {
    await bulkAttentionGraph(new GraphBuilder(), 0, 5).write(h.store);
    let small = 0;
    const smallCalls = await statementsOf(async () => {
      small = (await h.data(AttentionDocument, { first: 50 }, at)).attention.totalCount;
    });
    expect(small).toBe(5);

    await bulkAttentionGraph(new GraphBuilder(), 5, 50).write(h.store);
    let large = 0;
    const largeCalls = await statementsOf(async () => {
      large = (await h.data(AttentionDocument, { first: 50 }, at)).attention.totalCount;
    });
    expect(large).toBe(50);

    expect(largeCalls).toBe(smallCalls);
    expect(largeCalls).toBe(STALE_PATH);
  });

  it('filters add no statements, and the rows’ customer.flags come from the same batch', async () => {
    const region = await statementsOf(() => h.data(AttentionDocument, { first: 50, filter: { region: 'reg_blk', flag: 'NO_BACKUP' } }, at));
    const engineer = await statementsOf(() => h.data(AttentionDocument, { first: 50, filter: { engineer: 'eng_blk-p1' } }, at));
    let rows = 0;
    const nested = await statementsOf(async () => {
      const { attention } = await h.data(AttentionWithCustomerFlagsDocument, { first: 50 }, at);
      rows = attention.edges.length;
      for (const e of attention.edges) expect(e.node.customer.flags.map((f) => f.code)).toEqual(e.node.flags.map((f) => f.code));
    });
    expect(rows).toBe(50);
    expect([region, engineer, nested]).toEqual([STALE_PATH + 1, STALE_PATH + 1, STALE_PATH]);
  });

  it('customers { flags } costs the same for a page of 5 and of 50', async () => {
    const five = await statementsOf(() => h.data(CustomersWithFlagsDocument, { first: 5 }, at));
    const fifty = await statementsOf(async () => {
      const { customers } = await h.data(CustomersWithFlagsDocument, { first: 50 }, at);
      expect(customers.edges).toHaveLength(50);
      expect(customers.edges.every((e) => e.node.flags.length > 0)).toBe(true);
    });
    expect(fifty).toBe(five);
    // the page, its count, then one snapshot batch
    expect(fifty).toBeLessThanOrEqual(2 + SNAPSHOT_STATEMENTS);
  });

  it('engineers { attention } costs the same for a page of 5 and of 50 engineers', async () => {
    const five = await statementsOf(() => h.data(EngineersWithAttentionDocument, { first: 5 }, at));
    let listed = 0;
    const fifty = await statementsOf(async () => {
      const { engineers } = await h.data(EngineersWithAttentionDocument, { first: 50 }, at);
      expect(engineers.edges).toHaveLength(50);
      listed = engineers.edges.filter((e) => e.node.attention.length > 0).length;
    });
    expect(listed).toBeGreaterThan(40);
    expect(fifty).toBe(five);
    // the page, its count, the portfolios, the state check, the states, one snapshot batch
    expect(fifty).toBeLessThanOrEqual(3 + STATE_CHECK + 1 + SNAPSHOT_STATEMENTS);
  });

  it('with the maintained state: attention(first: 50) and engineers { attention } read it in a few statements, no snapshot', async () => {
    await sweepAttention(h.store, h.policy, NOW);
    const full = (await h.data(AttentionDocument, { first: 50 }, at)).attention;
    const page = await statementsOf(async () => {
      const { attention } = await h.data(AttentionDocument, { first: 50 }, at);
      expect(attention).toEqual(full);
    });
    // the state check, the ranking, the page's flags and its customers
    expect(page).toBeLessThanOrEqual(STATE_CHECK + RANKING + 2);
    const five = await statementsOf(() => h.data(EngineersWithAttentionDocument, { first: 5 }, at));
    const fifty = await statementsOf(() => h.data(EngineersWithAttentionDocument, { first: 50 }, at));
    expect(fifty).toBe(five);
    // the page, its count, the portfolios, the state check, the states, their flags and customers
    expect(fifty).toBeLessThanOrEqual(3 + STATE_CHECK + 3);
  });
});
