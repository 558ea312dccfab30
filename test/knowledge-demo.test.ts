import { loadDemo } from '../seeds/load-demo';
import { ExpertsDocument, OperationAuthorisationsDocument, OperationFlagsDocument, CustomerOperationsDocument } from './generated/graphql';
import { testEngines } from './support/engines';
import { Harness } from './support/harness';

/** The demo dataset's "today" (see test/seed.test.ts). */
const NOW = new Date('2026-11-23T06:00:00.000Z');
const at = { now: NOW };

/**
 * Issue 14 on the demo data: the two questions of docs/knowledge.md and their answers — who has fixed
 * the OSN 8800 before (V7), and who authorised the risky operations of C5 and C7.
 */
describe.each(testEngines())('field knowledge on the demo data on $name', (engine) => {
  let h: Harness;
  beforeAll(async () => {
    const store = await engine.open();
    await loadDemo(store);
    h = await Harness.start(engine, { store });
  });
  afterAll(async () => {
    await h.stop();
  });

  it('who has fixed this model before: Sun Hao, who fixed the V7 board the day after the misdiagnosis', async () => {
    const { experts } = await h.data(ExpertsDocument, { model: 'OptiX OSN 8800 T32', regionId: 'reg_harbin', first: 5 }, at);
    const [top] = experts.edges.map((e) => e.node);
    expect(top.engineer.id).toBe('eng_sun-hao');
    expect(top.evidence.caseIds).toEqual(expect.arrayContaining(['cas_v7-ct-harbin-mcb', 'cas_2025-0311-cm-harbin-mcb']));
    expect(top.availability.available).toBe(true);
    // The engineer whose diagnosis was wrong worked on the case but did not resolve it: he ranks lower.
    const all = (await h.data(ExpertsDocument, { model: 'OptiX OSN 8800 T32', regionId: 'reg_harbin', first: 50 }, at)).experts.edges.map(
      (e) => e.node,
    );
    const guo = all.find((e) => e.engineer.id === 'eng_guo-peng');
    expect(guo?.evidence.resolvedCases).toBe(0);
    expect(all.findIndex((e) => e.engineer.id === 'eng_guo-peng')).toBeGreaterThan(0);
  });

  it('who authorised this risky operation: the C7 upgrade by Xie Wenbin and Zheng Hua, the alarm masking by nobody', async () => {
    const upgrade = (await h.data(OperationAuthorisationsDocument, { id: 'opr_c7-cm-shenzhen-upgrade' }, at)).node as {
      authorisations: { side: string; by: { id: string } }[];
      compatibilityCheckedBy: string;
    };
    expect(upgrade.authorisations.map((a) => [a.side, a.by.id])).toEqual([
      ['CUSTOMER', 'con_cm-shenzhen-xie-wenbin'],
      ['OURS', 'eng_zheng-hua'],
    ]);
    expect(upgrade.compatibilityCheckedBy).toBe('eng_he-jun');
    const mask = (await h.data(OperationAuthorisationsDocument, { id: 'opr_c7-cm-shenzhen-alarm-mask' }, at)).node as {
      authorisations: unknown[];
      performedBy: { id: string; kind: string };
      informed: { id: string }[];
    };
    expect(mask.authorisations).toEqual([]);
    expect(mask.performedBy).toMatchObject({ id: 'eng_huang-wen', kind: 'PARTNER' });
    expect(mask.informed.map((c) => c.id)).toEqual(['con_cm-shenzhen-luo-jiahao']);
    const c5 = (await h.data(OperationAuthorisationsDocument, { id: 'opr_c5-ct-sjz-ne40e-upgrade' }, at)).node as {
      authorisations: { side: string }[];
      compatibilityCheckedBy: string | null;
    };
    expect([c5.authorisations.map((a) => a.side), c5.compatibilityCheckedBy]).toEqual([['CUSTOMER'], null]);
  });

  it('the attention list flags C7 and C5 with the operations as evidence; the card lists them', async () => {
    const codes = async (id: string) =>
      (await h.data(OperationFlagsDocument, { id }, at))
        .customer!.flags.filter((f) => f.evidence.operationIds)
        .map((f) => [f.code, f.evidence.operationIds]);
    expect(await codes('cus_cm-shenzhen')).toEqual([
      ['UNAUTHORISED_RISKY_OPERATION', ['opr_c7-cm-shenzhen-alarm-mask']],
      ['CHANGE_NOT_ANNOUNCED', ['opr_c7-cm-shenzhen-alarm-mask']],
    ]);
    expect(await codes('cus_ct-shijiazhuang')).toEqual([
      ['UNAUTHORISED_RISKY_OPERATION', ['opr_c5-ct-sjz-ne40e-upgrade']],
      ['UPGRADE_WITHOUT_COMPATIBILITY_CHECK', ['opr_c5-ct-sjz-ne40e-upgrade']],
    ]);
    const card = await h.data(CustomerOperationsDocument, { id: 'cus_cm-shenzhen', first: 5 }, at);
    expect(card.customer!.operations.map((o) => o.id)).toEqual(['opr_c7-cm-shenzhen-alarm-mask', 'opr_c7-cm-shenzhen-upgrade']);
  });
});
