import { parse, type DocumentNode } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { testEngines } from './support/engines';
import { Harness } from './support/harness';
import { handoffFixture, HANDOFF_NOW } from './support/handoff-fixture';

/**
 * Issue 11, items 6 and 7, reproduced through GraphQL on the handoff fixture (A owns the open board
 * case at the small Urumqi customer and promised the board's arrival date there).
 */
const doc = (s: string) => parse(s) as DocumentNode as TypedDocumentNode<any, Record<string, unknown>>; // eslint-disable-line @typescript-eslint/no-explicit-any -- an answer read without generated types
let h: Harness;
const run = (query: string, variables?: Record<string, unknown>, now = HANDOFF_NOW) => h.data(doc(query), variables, { now });

const FLAGS = `query($id: ID!) { customer(id: $id) { flags { code message evidence { caseIds commitmentIds engineerIds interactionIds days } } } }`;
const flagsOf = async (id: string, now = HANDOFF_NOW) =>
  (await run(FLAGS, { id }, now)).customer.flags as { code: string; message: string; evidence: Record<string, unknown> }[];
const stranded = async (id: string, now = HANDOFF_NOW) => (await flagsOf(id, now)).find((f) => f.code === 'WORK_STRANDED');
const attentionCodes = async () =>
  (
    (await run(`{ attention(first: 50) { edges { node { customer { id } flags { code } } } } }`)).attention.edges as {
      node: { customer: { id: string }; flags: { code: string }[] };
    }[]
  )
    .filter((e) => e.node.customer.id === 'cus_small')
    .flatMap((e) => e.node.flags.map((f) => f.code));

beforeEach(async () => {
  h = await Harness.start(testEngines()[0]);
  await handoffFixture().write(h.store);
});
afterEach(async () => {
  await h.stop();
});

describe('WORK_STRANDED: open work held by someone no longer there for the customer', () => {
  it('is raised when the owner of an open case and maker of an open promise has LEFT, with their ids, and disappears once both are handed on', async () => {
    expect(await stranded('cus_small')).toBeUndefined();
    await run(`mutation { updateEngineer(input: { id: "eng_a", status: LEFT }) { id } }`);
    const flag = await stranded('cus_small');
    expect(flag?.evidence).toMatchObject({ caseIds: ['cas_small-board'], commitmentIds: ['com_board-date'], engineerIds: ['eng_a'] });
    expect(flag?.message).toMatch(/cas_small-board \(eng_a, LEFT\)/);
    expect(await attentionCodes()).toContain('WORK_STRANDED');
    // Someone takes the case: only the promise is stranded.
    await run(`mutation { assignCaseOwner(caseId: "cas_small-board", engineerId: "eng_c") { id } }`);
    expect((await stranded('cus_small'))?.evidence).toMatchObject({ caseIds: [], commitmentIds: ['com_board-date'] });
    // The promise is kept: nothing stranded any more.
    await run(`mutation { resolveCommitment(id: "com_board-date", status: KEPT, note: "board arrived") { id } }`);
    expect(await stranded('cus_small')).toBeUndefined();
    expect(await attentionCodes()).not.toContain('WORK_STRANDED');
  });

  it('is raised for TRANSFERRED too, and when an ACTIVE owner no longer covers the customer', async () => {
    await run(`mutation { endCoverage(input: { coverageId: "cov_a3", at: "2026-06-18T00:00:00Z" }) { id } }`);
    const flag = await stranded('cus_small');
    expect(flag?.evidence).toMatchObject({ caseIds: ['cas_small-board'], commitmentIds: ['com_board-date'] });
    expect(flag?.message).toMatch(/no longer covers the customer/);
    // Before the coverage ended, nothing was stranded.
    expect(await stranded('cus_small', new Date('2026-06-17T00:00:00Z'))).toBeUndefined();
    await run(`mutation { updateEngineer(input: { id: "eng_a", status: TRANSFERRED }) { id } }`);
    expect((await stranded('cus_small'))?.message).toMatch(/eng_a, TRANSFERRED/);
  });
});

describe('lastCustomerContact and NO_CONTACT_IN_DAYS agree', () => {
  it('an internal meeting is the last interaction, but not the last contact with the customer', async () => {
    const log = (input: Record<string, unknown>) =>
      run(`mutation($input: LogInteractionInput!) { logInteraction(input: $input) { id } }`, { input });
    const talk = (
      await log({
        engineerId: 'eng_a',
        customerId: 'cus_small',
        contactIds: ['con_s-duty'],
        channel: 'VISIT',
        at: '2026-04-01T08:00:00Z',
        summary: 'Visit with the on-duty engineer',
      })
    ).logInteraction.id;
    const note = (
      await log({
        engineerId: 'eng_a',
        customerId: 'cus_small',
        contactIds: [],
        channel: 'MEETING',
        at: '2026-06-10T08:00:00Z',
        summary: 'Internal meeting about the board',
      })
    ).logInteraction.id;
    const card = (await run(`{ customer(id: "cus_small") { lastInteraction { id } lastCustomerContact { id at contacts { id } } } }`))
      .customer;
    expect(card.lastInteraction.id).toBe(note);
    expect(card.lastCustomerContact).toMatchObject({ id: talk, contacts: [{ id: 'con_s-duty' }] });
    // The flag names the same interaction and counts the days from it.
    const flag = (await flagsOf('cus_small')).find((f) => f.code === 'NO_CONTACT_IN_DAYS');
    expect(flag?.evidence).toMatchObject({ interactionIds: [talk], days: 79 });
    // A call with a customer contact later on: both move to it, and the flag goes.
    const call = (
      await log({
        engineerId: 'eng_a',
        customerId: 'cus_small',
        contactIds: ['con_s-sup'],
        channel: 'CALL',
        at: '2026-06-19T08:00:00Z',
        summary: 'Board date agreed',
      })
    ).logInteraction.id;
    expect((await run(`{ customer(id: "cus_small") { lastCustomerContact { id } } }`)).customer.lastCustomerContact.id).toBe(call);
    expect((await flagsOf('cus_small')).map((f) => f.code)).not.toContain('NO_CONTACT_IN_DAYS');
  });

  it('is null when nobody of the customer was ever talked to, while the flag says so', async () => {
    const card = (await run(`{ customer(id: "cus_big2") { lastCustomerContact { id } } }`)).customer;
    expect(card.lastCustomerContact).toBeNull();
    expect((await flagsOf('cus_big2')).find((f) => f.code === 'NO_CONTACT_IN_DAYS')?.evidence).toMatchObject({ interactionIds: [] });
  });
});
