import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { accessLogBuffer } from '../src/graph/repositories/access-log.repo';
import { testEngines } from './support/engines';
import { GraphBuilder } from './support/fixtures';
import { Harness } from './support/harness';

/**
 * The customer card (the benchmark's query) in few statements, whatever the number of its cases and
 * handoff items: the cases carry their ownerships and the items their customer, and the access log
 * is written off the request path (issue 15). The answers stay those of the separate loaders.
 */
const CARD = parse(`query Card($id: ID!) {
  customer(id: $id) {
    id name tier status
    coverage { id role from engineer { id name status phone } }
    escalationPath { order role phone skippedBecause engineer { id name } }
    contacts { id name title role phone }
    openCases { id number title severity status openedAt owner { id name } ownershipHistory { from to engineer { id } } }
    lastHandoff { id reason status effectiveAt openItems(customer: $id) { id kind status } }
  }
}`) as TypedDocumentNode<{ customer: Record<string, any> | null }, { id: string }>; // eslint-disable-line @typescript-eslint/no-explicit-any -- an answer read without generated types

const FROM = '2025-01-01T00:00:00Z';
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers read without generated types
type Answer = Record<string, any>;

function fixture(cases: number) {
  const c = `cus_card-${cases}`;
  const g = new GraphBuilder()
    .region({ id: `reg_card-${cases}`, name: 'Card', kind: 'CITY' })
    .customer({ id: c, name: `Card ${cases}`, tier: 'KEY', regionId: `reg_card-${cases}` })
    .customer({ id: `cus_card-other-${cases}`, name: `Other ${cases}`, tier: 'STANDARD' })
    .engineer({ id: `eng_card-a${cases}`, name: 'Alice', kind: 'EMPLOYEE', phone: '13900000001' })
    .engineer({ id: `eng_card-b${cases}`, name: 'Bob', kind: 'EMPLOYEE', phone: '13900000002' })
    .coverage({ id: `cov_card-a${cases}`, engineerId: `eng_card-a${cases}`, customerId: c, role: 'PRIMARY', from: FROM })
    .coverage({ id: `cov_card-b${cases}`, engineerId: `eng_card-b${cases}`, customerId: c, role: 'BACKUP', from: FROM })
    .contact({ id: `con_card-${cases}`, name: 'Carol', role: 'ON_DUTY', phone: '13800000003' })
    .employment({ contactId: `con_card-${cases}`, customerId: c, from: FROM })
    .handoff({
      id: `hof_card-${cases}`,
      reason: 'ROTATION',
      effectiveAt: '2025-06-01T00:00:00Z',
      status: 'PLANNED',
      fromId: `eng_card-a${cases}`,
      toIds: [`eng_card-b${cases}`],
    });
  for (let i = 0; i < cases; i++) {
    const k = `cas_card-${cases}-${i}`;
    g.case({
      id: k,
      title: `Case ${i}`,
      kind: 'FAULT',
      severity: 'MAJOR',
      status: 'OPEN',
      openedAt: `2025-03-${String(1 + (i % 28)).padStart(2, '0')}T00:00:00Z`,
      customerId: c,
    });
    // Owned by Alice first, then by Bob (current) for odd cases.
    g.ownership({
      caseId: k,
      engineerId: `eng_card-a${cases}`,
      from: '2025-03-01T00:00:00Z',
      ...(i % 2 ? { to: '2025-04-01T00:00:00Z' } : {}),
    });
    if (i % 2) g.ownership({ caseId: k, engineerId: `eng_card-b${cases}`, from: '2025-04-01T00:00:00Z' });
    g.handoffItem({
      id: `hoi_card-${cases}-${i}`,
      kind: 'TRANSFER_CASE',
      seq: i,
      handoffId: `hof_card-${cases}`,
      customerId: c,
      refersToId: k,
    });
  }
  // An item for another customer: not among this card's open items.
  g.handoffItem({
    id: `hoi_card-${cases}-other`,
    kind: 'INTRODUCE_CONTACT',
    seq: 999,
    handoffId: `hof_card-${cases}`,
    customerId: `cus_card-other-${cases}`,
    refersToId: `con_card-${cases}`,
  });
  return g;
}

describe.each(testEngines())('the customer card on $name', (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start(engine);
    await fixture(2).write(h.store);
    await fixture(20).write(h.store);
  });
  afterAll(async () => {
    await h.stop();
  });

  const card = async (cases: number) => {
    // The previous card's access-log entry is written off the request path, up to 100 ms later:
    // write it now, so that it does not fall into this card's count (it did on Neo4j).
    await accessLogBuffer(h.store).flush();
    h.store.reset();
    const { customer } = await h.data(CARD, { id: `cus_card-${cases}` });
    return { customer: customer!, statements: [...h.store.statements], sentAfter: [...h.store.sentAfter] };
  };

  // The customer; coverage (with the engineers' absence periods, for the escalation path: engineers
  // away are skipped), contacts, cases (with their ownerships) and the last handoff (with its items
  // and their customers).
  it('runs 5 read statements and no write, for 2 cases as for 20', async () => {
    const two = await card(2);
    const twenty = await card(20);
    expect(two.statements).toHaveLength(5);
    expect(twenty.statements).toHaveLength(5);
    expect(two.statements.some((s) => /AccessLog|MERGE|CREATE|SET /.test(s))).toBe(false);
    expect(twenty.customer.openCases).toHaveLength(20);
  });

  // The relations are asked beside the customer, the absences with the coverage: one wave.
  it('asks for the customer and its four relations in one wave, the absences with the coverage', async () => {
    const { sentAfter, statements } = await card(20);
    expect(sentAfter).toEqual([0, 0, 0, 0, 0]);
    expect(statements.filter((s) => /Absence/.test(s))).toHaveLength(1);
    expect(statements.find((s) => /Absence/.test(s))).toMatch(/COVERS/);
  });

  it('answers a card the same as the fields asked one query each (no prefetch for a lone field)', async () => {
    const { customer } = await card(20);
    const one = async (selection: string) =>
      (
        await h.data(
          parse(`query One($id: ID!) { customer(id: $id) { ${selection} } }`) as TypedDocumentNode<{ customer: Answer }, { id: string }>,
          { id: 'cus_card-20' },
        )
      ).customer;
    expect((await one('coverage { id role from engineer { id name status phone } }')).coverage).toEqual(customer.coverage);
    expect((await one('contacts { id name title role phone }')).contacts).toEqual(customer.contacts);
    expect((await one('lastHandoff { id reason status effectiveAt openItems(customer: $id) { id kind status } }')).lastHandoff).toEqual(
      customer.lastHandoff,
    );
    const cases = await one(
      'openCases { id number title severity status openedAt owner { id name } ownershipHistory { from to engineer { id } } }',
    );
    expect(cases.openCases).toEqual(customer.openCases);
  });

  it('a card through a fragment, and of a customer that does not exist', async () => {
    await accessLogBuffer(h.store).flush();
    h.store.reset();
    const viaFragment = parse(`query F($id: ID!) { customer(id: $id) { ...CardParts } }
      fragment CardParts on Customer { id ... on Customer { coverage { id } contacts { id } } openCases { id } lastHandoff { id } }`) as TypedDocumentNode<
      { customer: Answer | null },
      { id: string }
    >;
    const { customer } = await h.data(viaFragment, { id: 'cus_card-2' });
    expect(customer!.openCases).toHaveLength(2);
    expect(h.store.sentAfter).toEqual([0, 0, 0, 0, 0]);
    h.store.reset();
    expect((await h.data(viaFragment, { id: 'cus_card-none' })).customer).toBeNull();
  });

  it('answers the owners, their history and the handoff items the separate loaders gave', async () => {
    const { customer } = await card(20);
    for (const k of customer.openCases) {
      const i = Number(k.id.split('-').pop());
      expect(k.owner).toEqual(i % 2 ? { id: 'eng_card-b20', name: 'Bob' } : { id: 'eng_card-a20', name: 'Alice' });
      // Newest first.
      expect(k.ownershipHistory.map((o: any) => o.engineer.id)).toEqual(i % 2 ? ['eng_card-b20', 'eng_card-a20'] : ['eng_card-a20']); // eslint-disable-line @typescript-eslint/no-explicit-any -- an answer read without generated types
    }
    const items = customer.lastHandoff!.openItems.map((i: any) => i.id); // eslint-disable-line @typescript-eslint/no-explicit-any -- an answer read without generated types
    expect(items).toHaveLength(20);
    expect(items).not.toContain('hoi_card-20-other');
    expect(customer.coverage.map((c: any) => c.engineer.phone).sort()).toEqual(['13900000001', '13900000002']); // eslint-disable-line @typescript-eslint/no-explicit-any -- an answer read without generated types
  });

  // Last: it sends Alice (card 2's PRIMARY) on a current vacation, covered by Bob.
  it('skips an absent engineer for his cover', async () => {
    await h.store.write(
      `MATCH (e:Engineer {id: 'eng_card-a2'}), (b:Engineer {id: 'eng_card-b2'})
       CREATE (e)-[:HAS]->(a:Absence {id: 'abs_card-2', from: datetime('2025-01-01T00:00:00Z'), reason: 'VACATION'})-[:COVERED_BY]->(b)`,
    );
    const { customer, statements } = await card(2);
    // The cover (Bob) covers this customer too: the coverage's statement brought him.
    expect(statements).toHaveLength(5);
    const steps = (customer.escalationPath as { role: string; engineer: { id: string }; skippedBecause: string | null }[]).map((s) => [
      s.role,
      s.engineer.id,
      s.skippedBecause === null,
    ]);
    expect(steps).toEqual([
      ['PRIMARY', 'eng_card-a2', false],
      ['PRIMARY', 'eng_card-b2', true],
      ['BACKUP', 'eng_card-b2', true],
    ]);
    expect(customer.escalationPath[0].skippedBecause).toMatch(/^absent: /);
    // Bob covers the customer himself too: he is named once as the cover.
    expect(customer.escalationPath[0].skippedBecause.match(/eng_card-b2/g)).toHaveLength(1);
  });

  // Read beside the coverage (for the escalation path) or on their own: the same absences, in the
  // same order (newest first, then by id), each with all its covers.
  it('reads the same absences beside the coverage as on their own', async () => {
    await h.store.write(
      `MATCH (e:Engineer {id: 'eng_card-a2'}), (b:Engineer {id: 'eng_card-b2'}), (x:Engineer {id: 'eng_card-a20'})
       CREATE (e)-[:HAS]->(a1:Absence {id: 'abs_card-2b', from: datetime('2024-06-01T00:00:00Z'), to: datetime('2024-06-10T00:00:00Z'),
         reason: 'TRAINING', note: 'course'})-[:COVERED_BY]->(b),
         (a1)-[:COVERED_BY]->(x),
         (e)-[:HAS]->(:Absence {id: 'abs_card-2a', from: datetime('2024-06-01T00:00:00Z'), reason: 'LEAVE', handoffId: 'hof_card-2'})`,
    );
    const absences = 'absences { id reason from to note handoffId coveredBy { id } current }';
    const beside = (
      await h.data(
        parse(
          `query B($id: ID!) { customer(id: $id) { escalationPath { order } coverage { engineer { id ${absences} } } } }`,
        ) as TypedDocumentNode<{ customer: Answer }, { id: string }>,
        { id: 'cus_card-2' },
      )
    ).customer;
    const alone = (
      await h.data(parse(`query A { engineer(id: "eng_card-a2") { ${absences} } }`) as TypedDocumentNode<{ engineer: Answer }, object>, {})
    ).engineer;
    const alice = beside.coverage.find((c: Answer) => c.engineer.id === 'eng_card-a2').engineer;
    expect(alice.absences.map((a: Answer) => a.id)).toEqual(['abs_card-2', 'abs_card-2a', 'abs_card-2b']);
    for (const a of alice.absences) a.coveredBy.sort((x: Answer, y: Answer) => x.id.localeCompare(y.id));
    for (const a of alone.absences) a.coveredBy.sort((x: Answer, y: Answer) => x.id.localeCompare(y.id));
    expect(alice.absences).toEqual(alone.absences);
    expect(alice.absences[2].coveredBy).toHaveLength(2);
  });
});
