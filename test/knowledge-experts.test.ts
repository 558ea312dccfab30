import {
  EngineersDocument,
  SearchDocument,
  CaseSuggestionsDocument,
  CustomerCaseSuggestionsDocument,
  DeviceKnowledgeDocument,
  ExpertsDocument,
} from './generated/graphql';
import { EXPERT_STATEMENTS } from '../src/graph/repositories/experts.repo';
import { testEngines } from './support/engines';
import { GraphBuilder } from './support/fixtures';
import { errorOf } from './support/graph-dump';
import { Harness } from './support/harness';

const NOW = new Date('2025-11-01T00:00:00.000Z');
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();

/**
 * Who has fixed this model before (V7), on a graph where the answer is known by construction:
 * - eng_partner (partner staff, based in the next city) resolved three MA5800 cases this month,
 *   including the V7 board the own engineer misdiagnosed the day before;
 * - eng_own (own staff, same city, declares "MA5800 access") resolved one two years ago and worked
 *   on the V7 case without fixing it;
 * - eng_leave resolved one recently but is on leave (halved);
 * - eng_skill only declares the skill and is based in another province;
 * - eng_reopen's two fixes did not hold: both cases were reopened and are open again;
 * - eng_other resolved cases on another model only and is not listed.
 */
function fixture(): GraphBuilder {
  const g = new GraphBuilder()
    .region({ id: 'reg_p', name: 'Province', kind: 'PROVINCE' })
    .region({ id: 'reg_a', name: 'City A', kind: 'CITY', parentId: 'reg_p' })
    .region({ id: 'reg_b', name: 'City B', kind: 'CITY', parentId: 'reg_p' })
    .region({ id: 'reg_far', name: 'Far province', kind: 'PROVINCE' })
    .partner({ id: 'par_x', name: 'Partner' })
    .customer({ id: 'cus_a', name: 'Operator A', tier: 'KEY', regionId: 'reg_a' })
    .device({ id: 'dev_a1', serial: 'A1', model: 'MA5800', productLine: 'Access', softwareVersion: 'V100R019', customerId: 'cus_a' })
    .device({ id: 'dev_a2', serial: 'A2', model: 'MA5800', productLine: 'Access', customerId: 'cus_a' })
    .device({ id: 'dev_a3', serial: 'A3', model: 'OSN 8800', productLine: 'Transport', customerId: 'cus_a' })
    .engineer({ id: 'eng_partner', name: 'Partner fixer', kind: 'PARTNER', partnerId: 'par_x', regionId: 'reg_b' })
    .engineer({ id: 'eng_own', name: 'Own engineer', kind: 'EMPLOYEE', regionId: 'reg_a', skills: ['MA5800 access'] })
    .engineer({ id: 'eng_leave', name: 'On leave', kind: 'EMPLOYEE', regionId: 'reg_a', status: 'ON_LEAVE' })
    .engineer({ id: 'eng_skill', name: 'Declared only', kind: 'EMPLOYEE', regionId: 'reg_far', skills: ['ma5800'] })
    .engineer({ id: 'eng_reopen', name: 'Fixes did not hold', kind: 'EMPLOYEE', regionId: 'reg_a' })
    .engineer({ id: 'eng_other', name: 'Transport expert', kind: 'EMPLOYEE', regionId: 'reg_a' });
  const resolved = (id: string, deviceId: string, engineerId: string, days: number, workers: string[] = []) => {
    g.case({
      id,
      title: `Fault ${id}`,
      kind: 'FAULT',
      severity: 'MAJOR',
      status: 'RESOLVED',
      openedAt: daysAgo(days + 2),
      respondedAt: daysAgo(days + 2),
      resolvedAt: daysAgo(days),
      customerId: 'cus_a',
      deviceId,
      workedOnIds: [engineerId, ...workers],
    });
    g.ownership({ caseId: id, engineerId, from: daysAgo(days + 1) });
  };
  // V7: the own engineer owned the case first and misdiagnosed; the partner took it and fixed it.
  g.case({
    id: 'cas_v7',
    title: 'Main-control board',
    kind: 'FAULT',
    severity: 'CRITICAL',
    status: 'RESOLVED',
    openedAt: daysAgo(12),
    respondedAt: daysAgo(12),
    resolvedAt: daysAgo(10),
    customerId: 'cus_a',
    deviceId: 'dev_a1',
    workedOnIds: ['eng_own', 'eng_partner'],
  });
  g.ownership({ caseId: 'cas_v7', engineerId: 'eng_own', from: daysAgo(12), to: daysAgo(11) });
  g.ownership({ caseId: 'cas_v7', engineerId: 'eng_partner', from: daysAgo(11) });
  resolved('cas_p2', 'dev_a2', 'eng_partner', 20);
  resolved('cas_p3', 'dev_a1', 'eng_partner', 5);
  resolved('cas_old', 'dev_a2', 'eng_own', 730);
  resolved('cas_leave', 'dev_a1', 'eng_leave', 15);
  resolved('cas_t1', 'dev_a3', 'eng_other', 3);
  resolved('cas_t2', 'dev_a3', 'eng_other', 4);
  for (const id of ['cas_r1', 'cas_r2']) {
    g.case({
      id,
      title: 'Came back',
      kind: 'FAULT',
      severity: 'MINOR',
      status: 'IN_PROGRESS',
      openedAt: daysAgo(30),
      respondedAt: daysAgo(30),
      customerId: 'cus_a',
      deviceId: 'dev_a2',
      workedOnIds: ['eng_reopen'],
    });
    g.ownership({ caseId: id, engineerId: 'eng_reopen', from: daysAgo(30) });
  }
  return g;
}

describe.each(testEngines())('experts on $name', (engine) => {
  let h: Harness;
  const as = { now: NOW };
  beforeAll(async () => {
    h = await Harness.start(engine);
    await fixture().write(h.store);
    // Reopen counts come from the case history: set them as updateCase does on a reopen.
    await h.store.write("MATCH (k:`Case`) WHERE k.id IN ['cas_r1', 'cas_r2'] SET k.reopenCount = 1");
  });
  afterAll(async () => {
    await h.stop();
  });

  it('ranks by evidence: the partner who fixed the model outranks own staff; reopened fixes count against', async () => {
    const { experts } = await h.data(ExpertsDocument, { model: 'MA5800', regionId: 'reg_a' }, as);
    const ids = experts.edges.map((e) => e.node.engineer.id);
    expect(ids).toEqual(['eng_partner', 'eng_own', 'eng_leave', 'eng_skill', 'eng_reopen']);
    const [partner, own, leave, skill, reopen] = experts.edges.map((e) => e.node);
    expect(partner).toMatchObject({
      engineer: { kind: 'PARTNER' },
      regionDistance: 2,
      evidence: { resolvedCases: 3, reopenedCases: 0, declaredSkill: false, lastResolvedAt: daysAgo(5) },
    });
    expect(partner.evidence.caseIds).toEqual(['cas_p3', 'cas_v7', 'cas_p2']);
    expect(own).toMatchObject({ regionDistance: 0, evidence: { resolvedCases: 1, declaredSkill: true } });
    expect(own.evidence.caseIds).toEqual(['cas_v7', 'cas_old']);
    expect(leave.availability).toEqual({ available: false, status: 'ON_LEAVE', absentNow: false, openCases: 0 });
    expect(skill).toMatchObject({ regionDistance: null, evidence: { resolvedCases: 0, declaredSkill: true } });
    expect(reopen).toMatchObject({ evidence: { resolvedCases: 0, reopenedCases: 2 }, availability: { openCases: 2 } });
    expect(reopen.score).toBeLessThan(0);
    expect(ids).not.toContain('eng_other');
  });

  it('declared skills count less than one recent fix; product lines and paging work', async () => {
    const { experts } = await h.data(ExpertsDocument, { productLine: 'Access', first: 2 }, as);
    // eng_skill declares the model, not the product line: not listed here.
    expect(experts.totalCount).toBe(4);
    expect(experts.edges.map((e) => e.node.engineer.id)).toEqual(['eng_partner', 'eng_own']);
    const next = await h.data(ExpertsDocument, { productLine: 'Access', first: 2, after: experts.pageInfo.endCursor }, as);
    expect(next.experts.edges.map((e) => e.node.engineer.id)).toEqual(['eng_leave', 'eng_reopen']);
    expect(errorOf(await h.run(ExpertsDocument, {}, as)).code).toBe('BAD_USER_INPUT');
  });

  it("device.experts and case.suggestedEngineers use the same ranking from the customer's region", async () => {
    const { device } = await h.data(DeviceKnowledgeDocument, { id: 'dev_a2' }, as);
    const direct = await h.data(ExpertsDocument, { model: 'MA5800', regionId: 'reg_a', first: 3 }, as);
    expect(device!.experts).toEqual(direct.experts.edges.map((e) => e.node));
    const { case: k } = await h.data(CaseSuggestionsDocument, { id: 'cas_v7' }, as);
    expect(k!.suggestedEngineers).toEqual(device!.experts);
  });

  it('search finds devices by model, serial and version, engineers by skill and by models they resolved', async () => {
    const hits = async (text: string) =>
      (await h.data(SearchDocument, { text, first: 50 }, as)).search.map((x) => `${x.kind}:${x.node.id}:${x.matched}`);
    const ma = await hits('ma5800');
    expect(ma.filter((x) => x.startsWith('Device:'))).toEqual(['Device:dev_a1:MA5800', 'Device:dev_a2:MA5800']);
    // Declared skills first (the text is in them), then everyone who resolved a case on the model.
    expect(ma.filter((x) => x.startsWith('Engineer:'))).toEqual([
      'Engineer:eng_skill:ma5800',
      'Engineer:eng_own:MA5800 access',
      'Engineer:eng_leave:resolved MA5800',
      'Engineer:eng_partner:resolved MA5800',
    ]);
    expect(await hits('A3')).toContain('Device:dev_a3:A3');
    expect(await hits('v100r019')).toEqual(['Device:dev_a1:V100R019']);
    const listed = await h.data(EngineersDocument, { filter: { text: 'MA5800' }, first: 10 }, as);
    expect(listed.engineers.edges.map((e) => e.node.id).sort()).toEqual(['eng_own', 'eng_skill']);
    // Names still match in any script, as before.
    expect(await hits('Partner fixer')).toEqual(['Engineer:eng_partner:Partner fixer']);
  });

  it('costs a fixed number of statements, however many cases and devices', async () => {
    h.store.reset();
    await h.data(ExpertsDocument, { model: 'MA5800' }, as);
    // The ranking's statements, plus one batched load of the listed engineers.
    expect(h.store.calls).toBe(EXPERT_STATEMENTS + 1);
    // A card with every device's and every case's suggestions: one batch for all of them.
    h.store.reset();
    const { customer } = await h.data(CustomerCaseSuggestionsDocument, { id: 'cus_a' }, as);
    expect(customer!.cases.length).toBe(9);
    const few = h.store.calls;
    // customer, its cases (with their customer), its devices, each case's device, each device's
    // customer, the customers' region, the ranking (2) and the listed engineers: one statement each,
    // for all rows.
    expect(few).toBe(7 + EXPERT_STATEMENTS);

    const more = new GraphBuilder();
    for (let i = 0; i < 40; i++) {
      more.case({
        id: `cas_more-${i}`,
        title: 'More',
        kind: 'FAULT',
        severity: 'MINOR',
        status: 'CLOSED',
        openedAt: daysAgo(50),
        respondedAt: daysAgo(50),
        resolvedAt: daysAgo(49),
        customerId: 'cus_a',
        deviceId: i % 2 ? 'dev_a1' : 'dev_a3',
        workedOnIds: ['eng_other'],
      });
    }
    await more.write(h.store);
    h.store.reset();
    const again = await h.data(CustomerCaseSuggestionsDocument, { id: 'cus_a' }, as);
    expect(again.customer!.cases.length).toBe(49);
    expect(h.store.calls).toBe(few);
  });
});
