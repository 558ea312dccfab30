import { BULK_RECOMPUTE_LIMIT, sweepAttention } from '../src/graph/attention-state';
import { testEngines } from './support/engines';
import { GraphBuilder } from './support/fixtures';
import { Harness } from './support/harness';
import { NOW, bulkAttentionGraph } from './support/attention-fixture';

/**
 * A bulk write (import batch, seed) above BULK_RECOMPUTE_LIMIT affected customers drops their states;
 * at or below it, it recomputes them in its transaction. Into a store that holds no state at all (a
 * first import) there is nothing to drop, so the affected customers are only counted up to the limit
 * (issue 15, seventh round): the outcome must be the same as a full search's.
 */
describe.each(testEngines())('attention states after bulk writes ($name)', (engine) => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start(engine);
  });
  afterEach(async () => {
    await h.stop();
  });

  const stateIds = async () => (await h.store.read('MATCH (a:AttentionState) RETURN a.id AS id')).map((r) => r.id as string).sort();
  const customers = (from: number, to: number) =>
    Array.from({ length: to - from }, (_, i) => `cus_blk-${String(from + i).padStart(5, '0')}`);

  it('a large bulk write into a store without states leaves it without states; with a state stored, it drops the affected one', async () => {
    const many = BULK_RECOMPUTE_LIMIT + 50;
    await bulkAttentionGraph(new GraphBuilder(), 0, many).write(h.store);
    expect(await stateIds()).toEqual([]);
    await sweepAttention(h.store, h.policy, NOW);
    expect(await stateIds()).toHaveLength(many);

    // States exist now: a large bulk write drops the states of the customers it affects.
    await h.store.transaction((tx) => tx.run('MATCH (a:AttentionState) WHERE a.id <> $keep DELETE a', { keep: 'cus_blk-00000' }));
    await bulkAttentionGraph(new GraphBuilder(), 0, many).write(h.store);
    expect(await stateIds()).toEqual([]);
  });

  it('a bulk write at or below the limit into a store without states recomputes its customers', async () => {
    await bulkAttentionGraph(new GraphBuilder(), 0, 5).write(h.store);
    expect(await stateIds()).toEqual(customers(0, 5));
  });

  it('with states present, a large bulk write drops exactly the affected states', async () => {
    await bulkAttentionGraph(new GraphBuilder(), 0, 5).write(h.store);
    expect(await stateIds()).toEqual(customers(0, 5));
    // Customers 5.. share no engineer with 0..4 except the primary of 0..9 (eng_blk-p0): 5..9 bring 0..4 along.
    await bulkAttentionGraph(new GraphBuilder(), 5, BULK_RECOMPUTE_LIMIT + 50).write(h.store);
    expect(await stateIds()).toEqual([]);
  });
});
