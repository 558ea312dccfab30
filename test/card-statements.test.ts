/* eslint-disable @typescript-eslint/no-explicit-any -- the card is read as loose JSON, as in the other API tests */
import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { testEngines } from './support/engines';
import { GraphBuilder } from './support/fixtures';
import { Harness } from './support/harness';
import { accessLogBuffer } from '../src/graph/repositories/access-log.repo';

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
}`) as TypedDocumentNode<{ customer: Record<string, any> | null }, { id: string }>;

const FROM = '2025-01-01T00:00:00Z';

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
    // The previous request's access-log entry is written off the request path, at most 100 ms later:
    // write it now, so that on a slower engine (Neo4j) it does not land inside this request's count.
    await accessLogBuffer(h.store).flush();
    h.store.reset();
    const { customer } = await h.data(CARD, { id: `cus_card-${cases}` });
    return { customer: customer!, statements: [...h.store.statements] };
  };

  // 6 reads, plus one for the escalation path's absence periods (engineers away are skipped).
  it('runs 7 read statements and no write, for 2 cases as for 20', async () => {
    const two = await card(2);
    const twenty = await card(20);
    expect(two.statements).toHaveLength(7);
    expect(twenty.statements).toHaveLength(7);
    expect(two.statements.some((s) => /AccessLog|MERGE|CREATE|SET /.test(s))).toBe(false);
    expect(twenty.customer.openCases).toHaveLength(20);
  });

  it('answers the owners, their history and the handoff items the separate loaders gave', async () => {
    const { customer } = await card(20);
    for (const k of customer.openCases) {
      const i = Number(k.id.split('-').pop());
      expect(k.owner).toEqual(i % 2 ? { id: 'eng_card-b20', name: 'Bob' } : { id: 'eng_card-a20', name: 'Alice' });
      // Newest first.
      expect(k.ownershipHistory.map((o: any) => o.engineer.id)).toEqual(i % 2 ? ['eng_card-b20', 'eng_card-a20'] : ['eng_card-a20']);
    }
    const items = customer.lastHandoff!.openItems.map((i: any) => i.id);
    expect(items).toHaveLength(20);
    expect(items).not.toContain('hoi_card-20-other');
    expect(customer.coverage.map((c: any) => c.engineer.phone).sort()).toEqual(['13900000001', '13900000002']);
  });
});
