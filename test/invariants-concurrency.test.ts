import { testEngines } from './support/engines';
import { handoffFixture } from './support/handoff-fixture';
import { Harness } from './support/harness';
import { violationsViaApi } from './support/invariant-check';

/**
 * 100 concurrent clients over a real HTTP port race handoffs, coverage assignments, imports, case
 * owner changes and item completions on the same few customers (docs/rules.md). Every answer is
 * data or a client error (no 5xx, no INTERNAL_SERVER_ERROR), and afterwards every rule holds.
 */
const CUSTOMERS = ['cus_big1', 'cus_big2', 'cus_small'];
const ENGINEERS = ['eng_b', 'eng_c', 'eng_d'];

describe.each(testEngines())('concurrency: the rules hold under racing clients ($name)', (engine) => {
  let h: Harness;
  let url: string;
  beforeEach(async () => {
    h = await Harness.start(engine);
    await handoffFixture().write(h.store);
    url = await h.server.listen();
  });
  afterEach(async () => {
    await h.stop();
  });

  const post = async (query: string, variables: Record<string, unknown> = {}) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] }; // eslint-disable-line @typescript-eslint/no-explicit-any
    return { status: res.status, body };
  };
  const exec = async (query: string, variables?: Record<string, unknown>) => {
    const { body } = await post(query, variables);
    if (body.errors?.length) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };

  it('100 clients: no 5xx, at most one PRIMARY, no overlapping periods, one owner, items completed once', async () => {
    const now = Date.now();
    const soon = (hours: number) => new Date(now + hours * 3_600_000).toISOString();
    // A handoff whose items the clients race to complete (and which some try to complete at once).
    const { startHandoff } = await exec(`mutation($input: PlanHandoffInput!) { startHandoff(input: $input) { id items { id } } }`, {
      input: {
        outgoingEngineerId: 'eng_a',
        successors: [{ engineerId: 'eng_c', customerIds: ['cus_big1'] }],
        reason: 'ROTATION',
        effectiveAt: soon(1),
      },
    });
    const itemIds: string[] = startHandoff.items.map((i: { id: string }) => i.id);

    const client = (i: number) => {
      const customerId = CUSTOMERS[i % CUSTOMERS.length];
      const engineerId = ENGINEERS[i % ENGINEERS.length];
      switch (i % 7) {
        case 0:
          return post(`mutation($input: PlanHandoffInput!) { startHandoff(input: $input) { id } }`, {
            input: {
              outgoingEngineerId: 'eng_a',
              successors: [{ engineerId }],
              reason: i % 2 ? 'ROTATION' : 'VACATION',
              effectiveAt: soon(2),
              until: i % 2 ? null : soon(50),
            },
          });
        case 1:
          return post(`mutation($input: AssignCoverageInput!) { assignCoverage(input: $input) { id } }`, {
            input: { customerId, engineerId, role: 'PRIMARY', replaceCurrent: i % 2 === 0, from: soon(3 + (i % 5)) },
          });
        case 2:
          return post(
            `mutation($content: String!, $rc: Boolean) { importRecords(kind: "coverage", format: CSV, content: $content, replaceCurrent: $rc) { errorCount } }`,
            {
              content: `id,engineerId,customerId,role,from\ncov_race-${i},${engineerId},${customerId},PRIMARY,${soon(4 + (i % 3))}\ncov_race-${i}b,${engineerId},${customerId},BACKUP,${soon(1)}\n`,
              rc: i % 3 === 0,
            },
          );
        case 3:
          return post(`mutation($id: ID!) { completeHandoffItem(id: $id) { id } }`, { id: itemIds[i % itemIds.length] });
        case 4:
          return post(`mutation($id: ID!) { completeHandoff(id: $id, force: true, reason: "race") { id } }`, { id: startHandoff.id });
        case 5:
          return post(`mutation($e: ID!) { assignCaseOwner(caseId: "cas_small-board", engineerId: $e) { id } }`, { e: engineerId });
        default:
          return post(`query($id: ID!) { customer(id: $id) { escalationPath { engineer { id } } coverage { id } } }`, { id: customerId });
      }
    };
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => client(i)));

    const faults = answers.filter(
      (a) =>
        a.status >= 500 || a.body.errors?.some((e) => !['CONFLICT', 'BAD_USER_INPUT', 'NOT_FOUND'].includes(String(e.extensions?.code))),
    );
    expect(faults).toEqual([]);
    // Some writes won and some lost the race with a clear CONFLICT.
    expect(answers.filter((a) => !a.body.errors).length).toBeGreaterThan(30);
    expect(answers.some((a) => a.body.errors?.[0]?.extensions?.code === 'CONFLICT')).toBe(true);

    expect(await violationsViaApi(exec, { customerIds: CUSTOMERS, caseIds: ['cas_small-board'], itemIds })).toEqual([]);
  }, 120_000);

  it('ten concurrent startHandoff of the same engineer: one starts, nine get a CONFLICT naming it', async () => {
    const effectiveAt = new Date(Date.now() + 86_400_000).toISOString();
    const answers = await Promise.all(
      ['eng_b', 'eng_c', 'eng_d', 'eng_b', 'eng_c', 'eng_d', 'eng_b', 'eng_c', 'eng_d', 'eng_c'].map((engineerId) =>
        post(`mutation($input: PlanHandoffInput!) { startHandoff(input: $input) { id } }`, {
          input: { outgoingEngineerId: 'eng_a', successors: [{ engineerId }], reason: 'ROTATION', effectiveAt },
        }),
      ),
    );
    const started = answers.filter((a) => !a.body.errors).map((a) => a.body.data.startHandoff.id);
    expect(started).toHaveLength(1);
    const refused = answers.filter((a) => a.body.errors);
    expect(refused).toHaveLength(9);
    for (const r of refused) {
      expect(r.status).toBeLessThan(500);
      expect(r.body.errors![0].extensions?.code).toBe('CONFLICT');
      expect(r.body.errors![0].message).toContain(started[0]);
    }
  });
});
