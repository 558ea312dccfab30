import { StartHandoffDocument, CompleteHandoffItemDocument } from './generated/graphql';
import { sweep } from '../src/events/clock';
import { sweepAttention } from '../src/graph/attention-state';
import { testEngines } from './support/engines';
import { HANDOFF_NOW, ROTATION_A_TO_C, handoffFixture } from './support/handoff-fixture';
import { Harness } from './support/harness';

const at = { now: HANDOFF_NOW, actor: 'manager.li' };
const rotation = ROTATION_A_TO_C;
const WIDE = { atRiskHours: 2, lookbackHours: 24 * 60 }; // the board case's deadline passed weeks ago
const hoursAfter = (d: Date, h: number) => new Date(d.getTime() + h * 3_600_000);

describe.each(testEngines())('the event clock on $name', (engine) => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start(engine);
    await handoffFixture().write(h.store);
  });
  afterEach(() => h.stop());

  const events = async () =>
    (
      await h.store.read(
        'MATCH (e:Event) RETURN e.type AS type, e.customerId AS customerId, e.subjectIds AS subjectIds, e.payload AS payload ORDER BY e.seq',
      )
    ).map((r) => ({
      type: r.type as string,
      customerId: r.customerId as string,
      subject: (r.subjectIds as string[])[0],
      payload: JSON.parse(r.payload as string),
    }));

  it('raises each time-driven event once per subject and deadline, however often it runs', async () => {
    const handoff = (await h.data(StartHandoffDocument, { input: rotation }, at)).startHandoff;
    const before = (await events()).length; // HandoffStarted

    // 20 June: the handoff was effective on 15 June, so its open items are overdue; the board case is past its SLA.
    const first = await sweep(h.store, h.policy, HANDOFF_NOW, WIDE);
    const raised = (await events()).slice(before);
    expect(raised.length).toBe(first);
    const overdue = raised.filter((e) => e.type === 'HandoffItemOverdue');
    expect(overdue.map((e) => e.subject).sort()).toEqual(handoff.items.map((i) => i.id).sort());
    expect(overdue[0].payload).toMatchObject({ handoffId: handoff.id, dueAt: '2026-06-15T00:00:00.000Z' });
    const breached = raised.filter((e) => e.type === 'CaseSlaBreached');
    expect(breached.map((e) => [e.subject, e.customerId, e.payload.phase])).toEqual([['cas_small-board', 'cus_small', 'RESOLUTION']]);
    expect(raised.filter((e) => e.type === 'CommitmentDue')).toEqual([]); // due on 25 June

    // Again, and an hour later: nothing new.
    expect(await sweep(h.store, h.policy, HANDOFF_NOW, WIDE)).toBe(0);
    expect(await sweep(h.store, h.policy, hoursAfter(HANDOFF_NOW, 1), WIDE)).toBe(0);

    // 25 June 11:00: the promise is due, once; an item done meanwhile raises nothing more.
    await h.data(CompleteHandoffItemDocument, { id: handoff.items[0].id }, at);
    const later = new Date('2026-06-25T11:00:00Z');
    expect(await sweep(h.store, h.policy, later, WIDE)).toBe(1);
    expect(await sweep(h.store, h.policy, later, WIDE)).toBe(0);
    const due = (await events()).filter((e) => e.type === 'CommitmentDue');
    expect(due.map((e) => [e.subject, e.customerId, e.payload.dueAt])).toEqual([
      ['com_board-date', 'cus_small', '2026-06-25T10:00:00.000Z'],
    ]);
  });

  it("time-driven events carry their customer's region and recompute no attention state (time changed no data)", async () => {
    await sweepAttention(h.store, h.policy, HANDOFF_NOW);
    const states = async () =>
      new Map((await h.store.read('MATCH (a:AttentionState) RETURN a.id AS id, a.at AS at')).map((r) => [r.id as string, r.at as string]));
    const before = await states();
    expect(await sweep(h.store, h.policy, hoursAfter(HANDOFF_NOW, 0.5), WIDE)).toBeGreaterThan(0);
    // The events' transaction left every state as the attention sweep computed it.
    expect(await states()).toEqual(before);
    const regions = await h.store.read(
      `MATCH (e:Event) WHERE e.customerId IS NOT NULL
       MATCH (c:Customer {id: e.customerId})-[:LOCATED_IN]->(r:Region)
       RETURN e.type AS type, e.regionId AS regionId, r.id AS customerRegion`,
    );
    expect(regions.length).toBeGreaterThan(0);
    for (const r of regions) expect(r.regionId).toBe(r.customerRegion);
  });

  it('warns a configurable time before a deadline and stays quiet about old history', async () => {
    // The board case was opened 1 June; far later, its breach is history (lookback 168 h), not news.
    expect(await sweep(h.store, h.policy, new Date('2026-09-01T00:00:00Z'))).toBe(0);
    // A new CRITICAL fault at the VIP customer: at risk as its response deadline approaches.
    await h.store.write(`MATCH (c:Customer {id: 'cus_big1'})
      CREATE (k:\`Case\` {id: 'cas_new', number: 'C-NEW', title: 'Outage', kind: 'FAULT', severity: 'CRITICAL', status: 'OPEN', openedAt: datetime('2026-06-20T00:00:00Z')})-[:FOR]->(c)`);
    const target = h.policy.sla.FAULT.CRITICAL.VIP.respondHours;
    const opened = new Date('2026-06-20T00:00:00Z');
    expect(await sweep(h.store, h.policy, hoursAfter(opened, target - 3), { atRiskHours: 2, lookbackHours: 168 })).toBe(0);
    expect(await sweep(h.store, h.policy, hoursAfter(opened, target - 1), { atRiskHours: 2, lookbackHours: 168 })).toBe(1);
    expect(await sweep(h.store, h.policy, hoursAfter(opened, target + 0.1), { atRiskHours: 2, lookbackHours: 168 })).toBe(1);
    const types = (await events()).filter((e) => e.subject === 'cas_new').map((e) => [e.type, e.payload.phase]);
    expect(types).toEqual([
      ['CaseSlaAtRisk', 'RESPONSE'],
      ['CaseSlaBreached', 'RESPONSE'],
    ]);
  });
});
