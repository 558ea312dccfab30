import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { sweepAttention } from '../src/graph/attention-state';
import { testEngines } from './support/engines';
import { HANDOFF_NOW, handoffFixture } from './support/handoff-fixture';
import { Harness } from './support/harness';

/**
 * Which customers a write recomputes (issue 15). Exactness is test/attention-model.test.ts's job; this
 * checks that a logged interaction, a case update or a promise no longer drags in every customer of
 * the engineers and contacts it names, while a coverage change still reaches the engineer's other
 * customers (his load). A recomputed state carries the write's instant in `at`.
 */
describe.each(testEngines())('the customers a write recomputes ($name)', (engine) => {
  let h: Harness;
  let clock: number;
  const swept = HANDOFF_NOW.getTime();
  beforeEach(async () => {
    h = await Harness.start(engine);
    await handoffFixture().write(h.store);
    clock = swept;
    await sweepAttention(h.store, h.policy, new Date(clock));
  });
  afterEach(async () => {
    await h.stop();
  });

  const gql = async (query: string, variables: Record<string, unknown> = {}) => {
    clock += 60_000;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const res = await h.run(parse(query) as unknown as TypedDocumentNode<any, Record<string, unknown>>, variables, {
      now: new Date(clock),
    });
    expect(res.errors).toBeUndefined();
    return res.data;
  };
  /** The customers whose state was computed after the first sweep. */
  const recomputed = async () =>
    (await h.store.read('MATCH (a:AttentionState) RETURN a.id AS id, a.at AS at'))
      .filter((r) => new Date(r.at as string).getTime() > swept)
      .map((r) => r.id as string)
      .sort();
  const logInteraction = (input: Record<string, unknown>) =>
    gql(`mutation($input: LogInteractionInput!) { logInteraction(input: $input) { id } }`, {
      input: { channel: 'VISIT', summary: 'test', at: new Date(clock).toISOString(), ...input },
    });

  it('an interaction recomputes its customer only, not the other customers its engineer covers', async () => {
    // eng_a is PRIMARY of all three customers; eng_b is BACKUP of cus_big1.
    await logInteraction({ engineerId: 'eng_a', customerId: 'cus_big2', contactIds: ['con_b2-mgr'] });
    expect(await recomputed()).toEqual(['cus_big2']);
  });

  it('an interaction about a case (new worker, customer update) recomputes the case’s customer only', async () => {
    await logInteraction({ engineerId: 'eng_b', customerId: 'cus_small', contactIds: ['con_s-sup'], caseId: 'cas_small-board' });
    const workers = await h.store.read(
      'MATCH (:Engineer {id: "eng_b"})-[:WORKED_ON]->(k:`Case` {id: "cas_small-board"}) RETURN k.id AS id',
    );
    expect(workers).toHaveLength(1);
    expect(await recomputed()).toEqual(['cus_small']);
  });

  it('a promise recomputes its customer only', async () => {
    await gql(`mutation($input: MakeCommitmentInput!) { makeCommitment(input: $input) { id } }`, {
      input: { engineerId: 'eng_a', customerId: 'cus_big1', text: 'call back', dueAt: new Date(clock + 3_600_000).toISOString() },
    });
    expect(await recomputed()).toEqual(['cus_big1']);
  });

  it('a change of case owner recomputes the case’s customer only, not the old and new owners’ other customers', async () => {
    // eng_a (owner now) is PRIMARY of all three customers; eng_b is BACKUP of cus_big1.
    await gql(`mutation { assignCaseOwner(caseId: "cas_small-board", engineerId: "eng_b") { id } }`);
    expect(await recomputed()).toEqual(['cus_small']);
  });

  it('a coverage change still reaches the engineer’s other customers (his load)', async () => {
    await gql(`mutation($input: AssignCoverageInput!) { assignCoverage(input: $input) { id } }`, {
      input: { customerId: 'cus_small', engineerId: 'eng_b', role: 'BACKUP', from: new Date(clock).toISOString() },
    });
    expect(await recomputed()).toEqual(expect.arrayContaining(['cus_big1', 'cus_small']));
  });
});
