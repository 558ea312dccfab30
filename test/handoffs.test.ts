import {
  CancelHandoffDocument,
  CaseOwnerDocument,
  CompleteHandoffDocument,
  CompleteHandoffItemDocument,
  CustomerCommitmentsOwnerDocument,
  EngineerHandoffsDocument,
  HandoffByIdDocument,
  LastHandoffDocument,
  OpenHandoffItemsDocument,
  PlanHandoffDocument,
  ReopenHandoffItemDocument,
  StartHandoffDocument,
  WaiveHandoffItemDocument,
  WhoCoversDocument,
  type PlanHandoffInput,
  type StartHandoffMutation,
} from './generated/graphql';
import { loadPolicy } from '../src/domain/sla-policy';
import { EmbeddedStore } from '../src/graph/embedded-store';
import { bootstrapSchema } from '../src/graph/bootstrap';
import { testEngines } from './support/engines';
import { FailingStore, dumpGraph } from './support/graph-dump';
import { EFFECTIVE, HANDOFF_NOW, handoffFixture } from './support/handoff-fixture';
import { Harness } from './support/harness';

const at = { now: HANDOFF_NOW, actor: 'manager.li' };
const rotation = (successors: PlanHandoffInput['successors'] = [{ engineerId: 'eng_c' }]): PlanHandoffInput => ({
  outgoingEngineerId: 'eng_a',
  successors,
  reason: 'ROTATION',
  effectiveAt: EFFECTIVE,
});

describe.each(testEngines())('handoffs on $name', (engine) => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start(engine);
    await handoffFixture().write(h.store);
  });
  afterEach(async () => {
    await h.stop();
  });

  const start = async (input = rotation()) => (await h.data(StartHandoffDocument, { input }, at)).startHandoff;
  const primaryOf = async (customerId: string, when?: string) =>
    (await h.data(WhoCoversDocument, { customerId, role: 'PRIMARY', at: when }, at)).whoCovers.map((c) => c.engineer.id);

  it('planHandoff generates the checklist from the graph and writes nothing', async () => {
    const before = await dumpGraph(h.store);
    const { planHandoff: plan } = await h.data(PlanHandoffDocument, { input: rotation() }, at);
    expect(await dumpGraph(h.store)).toBe(before);
    expect(plan.assignments.map((a) => [a.customer.id, a.successor.id, a.roles])).toEqual([
      ['cus_big1', 'eng_c', ['PRIMARY']],
      ['cus_big2', 'eng_c', ['PRIMARY']],
      ['cus_small', 'eng_c', ['PRIMARY']],
    ]);
    expect(plan.items.map((i) => [i.customer.id, i.kind, i.refersTo?.id])).toEqual([
      ['cus_big1', 'VISIT_CUSTOMER', 'cus_big1'],
      ['cus_big1', 'INTRODUCE_CONTACT', 'con_b1-sup'],
      ['cus_big1', 'SHARE_ESCALATION_PATH', 'cus_big1'],
      ['cus_big2', 'VISIT_CUSTOMER', 'cus_big2'],
      ['cus_big2', 'INTRODUCE_CONTACT', 'con_b2-mgr'],
      ['cus_big2', 'SHARE_ESCALATION_PATH', 'cus_big2'],
      ['cus_small', 'VISIT_CUSTOMER', 'cus_small'],
      ['cus_small', 'INTRODUCE_CONTACT', 'con_s-duty'],
      ['cus_small', 'INTRODUCE_CONTACT', 'con_s-sup'],
      ['cus_small', 'TRANSFER_CASE', 'cas_small-board'],
      ['cus_small', 'TRANSFER_COMMITMENT', 'com_board-date'],
      ['cus_small', 'SHARE_ESCALATION_PATH', 'cus_small'],
    ]);
    expect(plan.items.every((i) => i.assignee.id === 'eng_c' && i.status === 'OPEN')).toBe(true);
    // The MAJOR fault opened on 1 June is past its resolve time on 20 June.
    expect(plan.warnings).toEqual([
      {
        code: 'CASE_PAST_SLA',
        message: 'case C-2026-0601 is already past its SLA',
        customer: { id: 'cus_small' },
        engineer: null,
        case: { id: 'cas_small-board' },
      },
    ]);
  });

  it('replays case C4: only the big customers are visited, the handoff is forced, the small customer is left open', async () => {
    const handoff = await start();
    expect(handoff).toMatchObject({
      status: 'PLANNED',
      reason: 'ROTATION',
      createdBy: 'manager.li',
      from: { id: 'eng_a' },
      to: [{ id: 'eng_c' }],
    });
    expect(handoff.items).toHaveLength(12);

    // Before completion the graph still says A covers the small customer.
    expect(await primaryOf('cus_small')).toEqual(['eng_a']);

    // A visits only the big customers.
    for (const item of handoff.items.filter((i) => i.customer!.id !== 'cus_small')) {
      const done = await h.data(CompleteHandoffItemDocument, { id: item.id, note: 'visited together' }, at);
      expect(done.completeHandoffItem).toMatchObject({
        status: 'DONE',
        doneBy: 'manager.li',
        note: 'visited together',
        handoff: { status: 'IN_PROGRESS' },
      });
    }

    const refused = await h.run(CompleteHandoffDocument, { id: handoff.id }, at);
    expect(refused.errors![0].extensions!.code).toBe('CONFLICT');
    expect(refused.errors![0].message).toMatch(/6 open item\(s\).*VISIT_CUSTOMER \(China Unicom Midong\)/);
    expect((refused.errors![0].extensions!.openItems as unknown[]).length).toBe(6);

    const forced = await h.data(CompleteHandoffDocument, { id: handoff.id, force: true, reason: "A starts in Xi'an on Monday" }, at);
    expect(forced.completeHandoff).toEqual({
      id: handoff.id,
      status: 'COMPLETED',
      forced: true,
      closeReason: "A starts in Xi'an on Monday",
      completedBy: 'manager.li',
    });

    // What did the last handoff leave open for the unvisited customer?
    const last = await h.data(LastHandoffDocument, { id: 'cus_small' }, at);
    expect(last.customer!.lastHandoff!.id).toBe(handoff.id);
    expect(last.customer!.lastHandoff!.openItems.map((i) => [i.kind, i.refersTo?.id])).toEqual([
      ['VISIT_CUSTOMER', 'cus_small'],
      ['INTRODUCE_CONTACT', 'con_s-duty'],
      ['INTRODUCE_CONTACT', 'con_s-sup'],
      ['TRANSFER_CASE', 'cas_small-board'],
      ['TRANSFER_COMMITMENT', 'com_board-date'],
      ['SHARE_ESCALATION_PATH', 'cus_small'],
    ]);
    const big = await h.data(LastHandoffDocument, { id: 'cus_big1' }, at);
    expect(big.customer!.lastHandoff!.openItems).toEqual([]);

    // Coverage moved at the effective time: C now, A before.
    expect(await primaryOf('cus_small')).toEqual(['eng_c']);
    expect(await primaryOf('cus_small', '2026-06-14T23:59:59Z')).toEqual(['eng_a']);
    expect(await primaryOf('cus_big1')).toEqual(['eng_c']);
    // The open case and the promise went with the customer.
    const kase = await h.data(CaseOwnerDocument, { id: 'cas_small-board' }, at);
    expect(kase.case!.owner).toEqual({ id: 'eng_c' });
    expect(kase.case!.ownershipHistory.map((o) => [o.engineer.id, o.to])).toEqual([
      ['eng_c', null],
      ['eng_a', EFFECTIVE],
    ]);
    const promises = await h.data(CustomerCommitmentsOwnerDocument, { id: 'cus_small' }, at);
    expect(promises.customer!.commitments).toEqual([{ id: 'com_board-date', engineer: { id: 'eng_c' } }]);

    const summary = await h.data(HandoffByIdDocument, { id: handoff.id }, at);
    expect(summary.handoff!.summary).toEqual({
      total: 12,
      open: 6,
      done: 6,
      waived: 0,
      customersFullyHandedOver: [{ id: 'cus_big1' }, { id: 'cus_big2' }],
      customersWithOpenItems: [{ id: 'cus_small' }],
    });
    expect((await h.data(EngineerHandoffsDocument, { id: 'eng_a', role: 'OUTGOING' }, at)).engineer!.handoffs).toEqual([
      { id: handoff.id },
    ]);
    expect((await h.data(EngineerHandoffsDocument, { id: 'eng_c', role: 'INCOMING' }, at)).engineer!.handoffs).toEqual([
      { id: handoff.id },
    ]);
    expect((await h.data(EngineerHandoffsDocument, { id: 'eng_c', role: 'OUTGOING' }, at)).engineer!.handoffs).toEqual([]);

    // Items left open can still be closed after the forced completion.
    const visit = handoff.items.find((i) => i.customer!.id === 'cus_small' && i.kind === 'VISIT_CUSTOMER')!;
    await h.data(CompleteHandoffItemDocument, { id: visit.id, note: 'C visited with the service manager' }, at);
    const after = await h.data(LastHandoffDocument, { id: 'cus_small' }, at);
    expect(after.customer!.lastHandoff!.openItems.map((i) => i.kind)).not.toContain('VISIT_CUSTOMER');
  });

  it('splits a portfolio between successors', async () => {
    const handoff = await start(rotation([{ engineerId: 'eng_d', customerIds: ['cus_big2'] }, { engineerId: 'eng_c' }]));
    expect(new Set(handoff.items.filter((i) => i.customer!.id === 'cus_big2').map((i) => i.assignee!.id))).toEqual(new Set(['eng_d']));
    expect(new Set(handoff.items.filter((i) => i.customer!.id !== 'cus_big2').map((i) => i.assignee!.id))).toEqual(new Set(['eng_c']));
    for (const item of handoff.items) await h.data(CompleteHandoffItemDocument, { id: item.id }, at);
    const done = await h.data(CompleteHandoffDocument, { id: handoff.id }, at);
    expect(done.completeHandoff).toMatchObject({ status: 'COMPLETED', forced: false });
    expect(await primaryOf('cus_big2')).toEqual(['eng_d']);
    expect(await primaryOf('cus_big1')).toEqual(['eng_c']);
    expect(await primaryOf('cus_small')).toEqual(['eng_c']);
  });

  it('refuses a split that gives a customer twice or one the engineer does not cover', async () => {
    const res = await h.run(
      PlanHandoffDocument,
      {
        input: rotation([
          { engineerId: 'eng_d', customerIds: ['cus_big2', 'cus_nope'] },
          { engineerId: 'eng_c', customerIds: ['cus_big2'] },
        ]),
      },
      at,
    );
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(res.errors![0].message).toMatch(/cus_nope is not covered by eng_a/);
    expect(res.errors![0].message).toMatch(/cus_big2 is already given to eng_d/);
  });

  it('warns about customers left without a PRIMARY, an inactive successor and an overloaded one', async () => {
    const tight = loadPolicy({ thresholds: { handoffPortfolioSize: 1 } });
    await h.stop();
    h = await Harness.start(engine, { policy: tight });
    await handoffFixture().write(h.store);
    const { planHandoff: plan } = await h.data(
      PlanHandoffDocument,
      { input: rotation([{ engineerId: 'eng_e', customerIds: ['cus_big1', 'cus_big2'] }]) },
      at,
    );
    // The late case belongs to the customer nobody takes, so it raises no CASE_PAST_SLA here.
    expect(plan.warnings.map((w) => w.code).sort()).toEqual([
      'CUSTOMER_LEFT_WITHOUT_PRIMARY',
      'SUCCESSOR_NOT_ACTIVE',
      'SUCCESSOR_OVERLOADED',
    ]);
    expect(plan.warnings.find((w) => w.code === 'CUSTOMER_LEFT_WITHOUT_PRIMARY')!.customer).toEqual({ id: 'cus_small' });
    expect(plan.warnings.find((w) => w.code === 'SUCCESSOR_OVERLOADED')!.message).toBe('successor E Li would cover 2 customers (limit 1)');
    // The customer nobody takes gets no checklist lines.
    expect(plan.items.some((i) => i.customer.id === 'cus_small')).toBe(false);
  });

  it('VACATION cover is temporary: BACKUP until the end date, the original coverage untouched', async () => {
    const input: PlanHandoffInput = {
      outgoingEngineerId: 'eng_a',
      successors: [{ engineerId: 'eng_c', customerIds: ['cus_small'] }],
      reason: 'VACATION',
      effectiveAt: '2026-07-01T00:00:00Z',
      until: '2026-07-15T00:00:00Z',
    };
    const missingUntil = await h.run(PlanHandoffDocument, { input: { ...input, until: null } }, at);
    expect(missingUntil.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'until', reason: 'a VACATION handoff needs the date the cover ends' }],
    });

    const handoff = await start(input);
    for (const item of handoff.items) await h.data(WaiveHandoffItemDocument, { id: item.id, reason: 'two weeks only' }, at);
    await h.data(CompleteHandoffDocument, { id: handoff.id }, at);
    const covers = async (when: string) =>
      (await h.data(WhoCoversDocument, { customerId: 'cus_small', at: when }, at)).whoCovers
        .map((c) => `${c.role}:${c.engineer.id}`)
        .sort();
    expect(await covers('2026-06-30T00:00:00Z')).toEqual(['PRIMARY:eng_a']);
    expect(await covers('2026-07-05T00:00:00Z')).toEqual(['BACKUP:eng_c', 'PRIMARY:eng_a']);
    // It ends by itself: no job, only the `to` date.
    expect(await covers('2026-07-15T00:00:00Z')).toEqual(['PRIMARY:eng_a']);
    // Ownership stays with the engineer who comes back.
    expect((await h.data(CaseOwnerDocument, { id: 'cas_small-board' }, at)).case!.owner).toEqual({ id: 'eng_a' });
  });

  it('completing TRANSFER_CASE and TRANSFER_COMMITMENT items moves the case and the promise at once', async () => {
    const handoff = await start();
    const item = (kind: string) => handoff.items.find((i) => i.kind === kind)!;
    await h.data(CompleteHandoffItemDocument, { id: item('TRANSFER_CASE').id }, at);
    expect((await h.data(CaseOwnerDocument, { id: 'cas_small-board' }, at)).case!.owner).toEqual({ id: 'eng_c' });
    await h.data(CompleteHandoffItemDocument, { id: item('TRANSFER_COMMITMENT').id }, at);
    expect((await h.data(CustomerCommitmentsOwnerDocument, { id: 'cus_small' }, at)).customer!.commitments[0].engineer).toEqual({
      id: 'eng_c',
    });
    // Completing the handoff does not move the case a second time.
    await h.data(CompleteHandoffDocument, { id: handoff.id, force: true, reason: 'rest later' }, at);
    expect((await h.data(CaseOwnerDocument, { id: 'cas_small-board' }, at)).case!.ownershipHistory).toHaveLength(2);
  });

  it('waive needs a reason; reopen puts an item back on the list', async () => {
    const handoff = await start();
    const visit = handoff.items[0];
    const noReason = await h.run(WaiveHandoffItemDocument, { id: visit.id, reason: '  ' }, at);
    expect(noReason.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'reason', reason: 'is required' }] });
    const waived = await h.data(WaiveHandoffItemDocument, { id: visit.id, reason: 'customer visited last week' }, at);
    expect(waived.waiveHandoffItem).toEqual({ id: visit.id, status: 'WAIVED', note: 'customer visited last week', doneBy: 'manager.li' });
    const cannotComplete = await h.run(CompleteHandoffItemDocument, { id: visit.id }, at);
    expect(cannotComplete.errors![0].extensions!.code).toBe('CONFLICT');
    const reopened = await h.data(ReopenHandoffItemDocument, { id: visit.id, reason: 'the visit was with the old team' }, at);
    expect(reopened.reopenHandoffItem).toEqual({
      id: visit.id,
      status: 'OPEN',
      note: 'reopened: the visit was with the old team',
      doneAt: null,
    });
    const unknown = await h.run(CompleteHandoffItemDocument, { id: 'hoi_nope' }, at);
    expect(unknown.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', id: 'hoi_nope' });
  });

  it('a forced completion needs a reason', async () => {
    const handoff = await start();
    const res = await h.run(CompleteHandoffDocument, { id: handoff.id, force: true }, at);
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'reason', reason: 'is required' }] });
  });

  it('cancels a handoff that is not completed, and then refuses to complete it', async () => {
    const handoff = await start();
    const cancelled = await h.data(CancelHandoffDocument, { id: handoff.id, reason: 'rotation postponed' }, at);
    expect(cancelled.cancelHandoff).toEqual({ id: handoff.id, status: 'CANCELLED', closeReason: 'rotation postponed' });
    const again = await h.run(CompleteHandoffDocument, { id: handoff.id, force: true, reason: 'x' }, at);
    expect(again.errors![0].extensions!.code).toBe('CONFLICT');
    expect(await primaryOf('cus_small')).toEqual(['eng_a']);
    // A cancelled handoff is not "the last handoff" and its items are not open work.
    expect((await h.data(LastHandoffDocument, { id: 'cus_small' }, at)).customer!.lastHandoff).toBeNull();
    expect((await h.data(OpenHandoffItemsDocument, {}, at)).openHandoffItems.totalCount).toBe(0);
  });

  it('openHandoffItems filters by engineer, region (with sub-regions), kind and age', async () => {
    const handoff: StartHandoffMutation['startHandoff'] = await start();
    const all = await h.data(OpenHandoffItemsDocument, { first: 200 }, at);
    expect(all.openHandoffItems.totalCount).toBe(12);
    const byRegion = await h.data(OpenHandoffItemsDocument, { filter: { region: 'reg_xj' }, first: 200 }, at);
    expect(new Set(byRegion.openHandoffItems.edges.map((e) => e.node.customer!.id))).toEqual(new Set(['cus_big1', 'cus_small']));
    const byKind = await h.data(OpenHandoffItemsDocument, { filter: { kind: 'TRANSFER_CASE', engineer: 'eng_c' } }, at);
    expect(byKind.openHandoffItems.edges.map((e) => e.node.id)).toEqual([handoff.items.find((i) => i.kind === 'TRANSFER_CASE')!.id]);
    const notOld = await h.data(OpenHandoffItemsDocument, { filter: { olderThanDays: 3 } }, at);
    expect(notOld.openHandoffItems.totalCount).toBe(0);
    const later = await h.data(
      OpenHandoffItemsDocument,
      { filter: { olderThanDays: 3 } },
      { ...at, now: new Date('2026-06-30T00:00:00Z') },
    );
    expect(later.openHandoffItems.totalCount).toBe(12);
  });
});

describe('completeHandoff is atomic', () => {
  it('a failure at its last statement leaves nothing of the earlier ones behind', async () => {
    const inner = EmbeddedStore.inMemory();
    await bootstrapSchema(inner);
    // Fails the statement that marks the handoff COMPLETED: coverage, case ownership and the
    // promise have all been moved by then, inside the same transaction.
    const failing = new FailingStore(inner, /SET h\.status = 'COMPLETED'/);
    const h = await Harness.start(testEngines()[0], { store: failing });
    await handoffFixture().write(h.store);
    const handoff = (await h.data(StartHandoffDocument, { input: rotation() }, at)).startHandoff;
    const before = await dumpGraph(inner);
    failing.armed = true;
    const res = await h.run(CompleteHandoffDocument, { id: handoff.id, force: true, reason: 'go' }, at);
    expect(res.errors![0].extensions!.code).toBe('INTERNAL_SERVER_ERROR');
    expect(await dumpGraph(inner)).toBe(before);
    failing.armed = false;
    await h.data(CompleteHandoffDocument, { id: handoff.id, force: true, reason: 'go' }, at);
    expect(await dumpGraph(inner)).not.toBe(before);
    await h.stop();
    await inner.close();
  });
});

describe('the printable checklist over HTTP', () => {
  let h: Harness;
  let base: string;
  let handoffId: string;
  beforeAll(async () => {
    h = await Harness.start(testEngines()[0]);
    await handoffFixture().write(h.store);
    base = (await h.server.listen()).replace(/\/graphql$/, '');
    const started = (await h.data(StartHandoffDocument, { input: rotation() }, at)).startHandoff;
    handoffId = started.id;
    await h.data(CompleteHandoffItemDocument, { id: started.items[0].id, note: 'met the NOC team' }, at);
  });
  afterAll(async () => {
    await h.stop();
  });

  it('is Markdown grouped by customer with contact phones and case numbers', async () => {
    const res = await fetch(`${base}/handoffs/${handoffId}/checklist`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/markdown/);
    const md = await res.text();
    expect(md).toContain(`# Handoff checklist ${handoffId}`);
    expect(md).toContain('- From: A Wang (+86 138 0000 0001)');
    expect(md).toContain('- To: C Chen (+86 138 0000 0003)');
    expect(md).toContain('12 items: 11 open, 1 done, 0 waived');
    const small = md.slice(md.indexOf('## China Unicom Midong (STANDARD)'));
    expect(small.split('\n').slice(2, 8)).toEqual([
      '- [ ] 7. Visit the customer with C Chen',
      '- [ ] 8. Introduce C Chen to Small On-duty [ON_DUTY], tel. +86 139 0000 0301',
      '- [ ] 9. Introduce C Chen to Small Supervisor [SUPERVISOR], tel. +86 139 0000 0302',
      '- [ ] 10. Transfer case C-2026-0601 "Main control board fault" (IN_PROGRESS)',
      '- [ ] 11. Transfer the promise "Agree the replacement board arrival date", due 2026-06-25',
      '- [ ] 12. Give the customer the updated escalation path',
    ]);
    expect(md).toContain('- [x] 1. Visit the customer with C Chen — 2026-06-20: met the NOC team');
    expect(md.indexOf('## China Mobile Urumqi (VIP)')).toBeLessThan(md.indexOf('## China Unicom Midong'));
  });

  it('is CSV with ?format=csv', async () => {
    const res = await fetch(`${base}/handoffs/${handoffId}/checklist?format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await res.text())
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'handoff,customer_id,customer,seq,kind,status,task,subject_id,phone,case_number,assignee,assignee_phone,done_at,note',
    );
    expect(lines).toHaveLength(13);
    expect(lines[10]).toBe(
      `${handoffId},cus_small,China Unicom Midong,10,TRANSFER_CASE,OPEN,"Transfer case C-2026-0601 ""Main control board fault"" (IN_PROGRESS)",cas_small-board,,C-2026-0601,C Chen,+86 138 0000 0003,,`,
    );
  });

  it('answers 404 for an unknown handoff and 400 for a malformed id or format', async () => {
    expect((await fetch(`${base}/handoffs/hof_nope/checklist`)).status).toBe(404);
    const bad = await fetch(`${base}/handoffs/not-an-id/checklist`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('BAD_USER_INPUT');
    expect((await fetch(`${base}/handoffs/${handoffId}/checklist?format=pdf`)).status).toBe(400);
  });
});
