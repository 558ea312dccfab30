import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { loadDemo } from '../seeds/load-demo';
import { REPO_ROOT } from '../src/paths';
import { SNAPSHOT_STATEMENTS } from '../src/graph/repositories/attention.repo';
import { AttentionDocument, EngineerAttentionDocument, type AttentionQuery, type Flag } from './generated/graphql';
import { testEngines } from './support/engines';
import { Harness } from './support/harness';

/** The demo dataset's "today" (see test/seed.test.ts). */
const NOW = new Date('2026-11-23T06:00:00.000Z');
const at = { now: NOW };

type Row = AttentionQuery['attention']['edges'][number]['node'];

/**
 * Issue 6 "done when": on the demo data the attention list shows the customers of the case studies
 * C3, C4, C9 and C11 with the matching flags and the evidence that names the culprits.
 */
describe.each(testEngines())('the attention list on the demo data on $name', (engine) => {
  let h: Harness;
  let rows: Row[];

  beforeAll(async () => {
    const store = await engine.open();
    await loadDemo(store);
    h = await Harness.start(engine, { store });
    h.store.reset();
    rows = (await h.data(AttentionDocument, { first: 200 }, at)).attention.edges.map((e) => e.node);
  });
  afterAll(async () => {
    await h.stop();
  });

  const flag = (customerId: string, code: Flag) => rows.find((r) => r.customer.id === customerId)?.flags.find((f) => f.code === code);

  it('runs as the fixed number of statements on the whole demo graph', () => {
    // The seed built the maintained states at the real clock, after the demo's "today": the request
    // checks them (2 counts), reads them (1) and, all being from its future, assesses them in one snapshot batch.
    expect(h.store.calls).toBeLessThanOrEqual(2 + 1 + SNAPSHOT_STATEMENTS + 2);
    expect(rows.length).toBeGreaterThan(4);
  });

  it('C3: China Unicom Xi’an’s primary covers customers in too many regions', () => {
    const f = flag('cus_cu-xian', 'ENGINEER_OVERLOADED');
    expect(f?.evidence).toMatchObject({ engineerIds: ['eng_zhang-wei'], maxRegions: 2 });
    expect(f!.evidence.regionCount!).toBeGreaterThan(2);
  });

  it('C4: China Mobile Urumqi is covered by a transferred engineer; Midong has the rotation’s items still open', () => {
    expect(flag('cus_cm-urumqi', 'COVERED_BY_INACTIVE_ENGINEER')?.evidence.engineerIds).toEqual(['eng_wang-lei']);
    const items = flag('cus_cm-urumqi-midong', 'HANDOFF_ITEMS_OPEN')?.evidence;
    expect(items?.count).toBeGreaterThan(0);
    expect(items!.handoffItemIds!.every((id) => id.startsWith('hoi_2026-06-rotation'))).toBe(true);
  });

  it('C9: the critical board alarm in Guangzhou never reached the customer’s supervisor', () => {
    expect(flag('cus_ct-guangzhou', 'SEVERE_CASE_MANAGEMENT_NOT_INFORMED')?.evidence.caseIds).toEqual(['cas_c9-ct-guangzhou-board']);
  });

  it('C11: the Wuhan packet-loss case passed through three engineers and nobody owns it', () => {
    expect(flag('cus_cu-wuhan', 'CASE_MANY_HANDS_NO_OWNER')?.evidence).toMatchObject({
      caseIds: ['cas_c11-cu-wuhan-packet-loss'],
      engineerIds: ['eng_peng-fei', 'eng_xiong-wei', 'eng_xu-jing'],
      count: 3,
    });
  });

  it('the filters find the same customers: by flag, by region (Xinjiang) and from the overloaded engineer', async () => {
    const many = await h.data(AttentionDocument, { filter: { flag: 'CASE_MANY_HANDS_NO_OWNER' } }, at);
    expect(many.attention.edges.map((e) => e.node.customer.id)).toContain('cus_cu-wuhan');
    const xinjiang = await h.data(AttentionDocument, { filter: { region: 'reg_xinjiang' } }, at);
    expect(xinjiang.attention.edges.map((e) => e.node.customer.id)).toEqual(
      expect.arrayContaining(['cus_cm-urumqi', 'cus_cm-urumqi-midong']),
    );
    const { engineer } = await h.data(EngineerAttentionDocument, { id: 'eng_zhang-wei', first: 50 }, at);
    const mine = engineer!.attention.find((r) => r.customer.id === 'cus_cu-xian');
    expect(mine?.flags.map((f) => f.code)).toContain('ENGINEER_OVERLOADED');
  });

  it("the API guide's attention query (docs/api.md) runs as written", async () => {
    const guide = readFileSync(path.join(REPO_ROOT, 'docs', 'api.md'), 'utf8');
    const query = /```graphql\n(\{\n {2}attention\([\s\S]*?)```/.exec(guide.slice(guide.indexOf('## Attention list')))![1];
    const res = await h.run(parse(query) as TypedDocumentNode<AttentionQuery, Record<string, never>>, {}, at);
    expect(res.errors).toBeUndefined();
    const ids = res.data!.attention.edges.map((e) => e.node.customer.id);
    // China Mobile Urumqi (VIP, C4) outranks Midong (C4's rotation).
    expect(ids.indexOf('cus_cm-urumqi')).toBe(0);
    expect(ids).toContain('cus_cm-urumqi-midong');
  });
});
