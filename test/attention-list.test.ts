import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { AttentionDocument, EngineerAttentionDocument, type AttentionQueryVariables } from './generated/graphql';
import { testEngines } from './support/engines';
import { GraphBuilder } from './support/fixtures';
import { Harness } from './support/harness';
import { LONG_AGO, NOW, daysAgo, healthyCustomer } from './support/attention-fixture';

/**
 * Ranking, paging and filters of `attention`, and `engineer.attention`. Scores (FLAG_WEIGHTS x tier):
 *   Bravo   STANDARD  NO_PRIMARY_COVERAGE 35 + NO_BACKUP 10  = 45
 *   Charlie KEY       MAINTENANCE_EXPIRED 15 x 1.2           = 18
 *   Alpha   VIP       NO_BACKUP 10 x 1.5                     = 15
 *   Delta   STANDARD  NO_BACKUP                              = 10  (in the city, below the province)
 *   Echo    STANDARD  NO_BACKUP                              = 10  (in the province; ties break by name)
 *   Foxtrot healthy: not listed; Zulu archived: not listed.
 */
describe.each(testEngines())('attention list on $name', (engine) => {
  let h: Harness;
  const at = { now: NOW };

  beforeAll(async () => {
    h = await Harness.start(engine);
    const g = new GraphBuilder()
      .region({ id: 'reg_rk-prov', name: 'Ranking Province', kind: 'PROVINCE' })
      .region({ id: 'reg_rk-city', name: 'Ranking City', kind: 'CITY', parentId: 'reg_rk-prov' })
      .region({ id: 'reg_rk-other', name: 'Other Province', kind: 'PROVINCE' });
    healthyCustomer(g, 'rk-a', { name: 'Alpha', tier: 'VIP', backup: false, regionId: 'reg_rk-other' });
    healthyCustomer(g, 'rk-b', { name: 'Bravo', primary: false, backup: false, regionId: 'reg_rk-other' });
    healthyCustomer(g, 'rk-c', { name: 'Charlie', tier: 'KEY', regionId: 'reg_rk-other' });
    g.device({ id: 'dev_rk-c', serial: 'SN-RK', model: 'OSN 8800', maintenanceUntil: daysAgo(3), customerId: 'cus_rk-c' });
    healthyCustomer(g, 'rk-d', { name: 'Delta', backup: false, regionId: 'reg_rk-city' });
    healthyCustomer(g, 'rk-e', { name: 'Echo', backup: false, regionId: 'reg_rk-prov' });
    healthyCustomer(g, 'rk-f', { name: 'Foxtrot', regionId: 'reg_rk-city' });
    g.customer({ id: 'cus_rk-z', name: 'Zulu (archived)', tier: 'VIP', regionId: 'reg_rk-city', status: 'ARCHIVED' });

    // A service manager over Alpha, Bravo, Charlie, Echo, Foxtrot and the archived Zulu; Delta only in the past.
    g.engineer({ id: 'eng_rk-mgr', name: 'Service manager', kind: 'EMPLOYEE' });
    for (const c of ['rk-a', 'rk-b', 'rk-c', 'rk-e', 'rk-f', 'rk-z']) {
      g.coverage({ id: `cov_mgr-${c}`, engineerId: 'eng_rk-mgr', customerId: `cus_${c}`, role: 'SERVICE_MANAGER', from: LONG_AGO });
    }
    g.coverage({
      id: 'cov_mgr-rk-d',
      engineerId: 'eng_rk-mgr',
      customerId: 'cus_rk-d',
      role: 'SERVICE_MANAGER',
      from: LONG_AGO,
      to: daysAgo(10),
    });
    await g.write(h.store);
  });
  afterAll(async () => {
    await h.stop();
  });

  const list = (vars: AttentionQueryVariables) => h.data(AttentionDocument, vars, at).then((d) => d.attention);
  const names = (conn: Awaited<ReturnType<typeof list>>) => conn.edges.map((e) => e.node.customer.name);

  it('ranks by score, then name, and lists only customers with flags', async () => {
    const all = await list({ first: 50 });
    expect(names(all)).toEqual(['Bravo', 'Charlie', 'Alpha', 'Delta', 'Echo']);
    expect(all.edges.map((e) => e.node.score)).toEqual([45, 18, 15, 10, 10]);
    expect(all.totalCount).toBe(5);
    expect(all.edges[0].node.flags.map((f) => f.code)).toEqual(['NO_PRIMARY_COVERAGE', 'NO_BACKUP']);
    expect(all.edges[1].node.flags[0]).toMatchObject({
      code: 'MAINTENANCE_EXPIRED',
      weight: 15,
      evidence: { deviceIds: ['dev_rk-c'], days: 3 },
    });
  });

  it('pages with cursors until the end', async () => {
    const p1 = await list({ first: 2 });
    expect(names(p1)).toEqual(['Bravo', 'Charlie']);
    expect(p1.pageInfo.hasNextPage).toBe(true);
    expect(p1.pageInfo.endCursor).toBe(p1.edges[1].cursor);
    const p2 = await list({ first: 2, after: p1.pageInfo.endCursor });
    expect(names(p2)).toEqual(['Alpha', 'Delta']);
    expect(p2.pageInfo.hasNextPage).toBe(true);
    const p3 = await list({ first: 2, after: p2.pageInfo.endCursor });
    expect(names(p3)).toEqual(['Echo']);
    expect(p3.pageInfo.hasNextPage).toBe(false);
    expect(p3.totalCount).toBe(5);
    const beyond = await list({ first: 2, after: p3.pageInfo.endCursor });
    expect(beyond.edges).toEqual([]);
    expect(beyond.pageInfo).toEqual({ hasNextPage: false, endCursor: null });
    const none = await list({ first: 0 });
    expect(none.edges).toEqual([]);
    expect(none.totalCount).toBe(5);
    expect(none.pageInfo.hasNextPage).toBe(true);
  });

  it('filters by tier, by region including sub-regions, by flag and by covering engineer', async () => {
    expect(names(await list({ filter: { tier: 'VIP' } }))).toEqual(['Alpha']);
    expect(names(await list({ filter: { region: 'reg_rk-prov' } }))).toEqual(['Delta', 'Echo']);
    expect(names(await list({ filter: { region: 'reg_rk-city' } }))).toEqual(['Delta']);
    expect(names(await list({ filter: { region: 'reg_rk-nowhere' } }))).toEqual([]);
    expect(names(await list({ filter: { flag: 'NO_BACKUP' } }))).toEqual(['Bravo', 'Alpha', 'Delta', 'Echo']);
    expect(names(await list({ filter: { flag: 'NO_PRIMARY_COVERAGE', tier: 'STANDARD' } }))).toEqual(['Bravo']);
    expect(names(await list({ filter: { engineer: 'eng_rk-mgr' } }))).toEqual(['Bravo', 'Charlie', 'Alpha', 'Echo']);
    expect(names(await list({ filter: { engineer: 'eng_rk-mgr', region: 'reg_rk-prov' } }))).toEqual(['Echo']);
    expect(names(await list({ filter: { engineer: 'eng_rk-a-p' } }))).toEqual(['Alpha']);
  });

  it("engineer.attention ranks the engineer's current portfolio (ended and archived coverage left out)", async () => {
    const { engineer } = await h.data(EngineerAttentionDocument, { id: 'eng_rk-mgr' }, at);
    expect(engineer!.attention.map((r) => [r.customer.id, r.score])).toEqual([
      ['cus_rk-b', 45],
      ['cus_rk-c', 18],
      ['cus_rk-a', 15],
      ['cus_rk-e', 10],
    ]);
    const top2 = await h.data(EngineerAttentionDocument, { id: 'eng_rk-mgr', first: 2 }, at);
    expect(top2.engineer!.attention.map((r) => r.customer.id)).toEqual(['cus_rk-b', 'cus_rk-c']);
    const healthy = await h.data(EngineerAttentionDocument, { id: 'eng_rk-f-p' }, at);
    expect(healthy.engineer!.attention).toEqual([]);
  });

  describe('bad arguments are BAD_USER_INPUT naming the argument', () => {
    const cases: [string, TypedDocumentNode<unknown, Record<string, unknown>>, Record<string, unknown>, string][] = [
      ['first above 200', AttentionDocument as never, { first: 201 }, 'first'],
      ['negative first', AttentionDocument as never, { first: -1 }, 'first'],
      ['a foreign cursor', AttentionDocument as never, { after: 'bm90LWEtY3Vyc29y' }, 'after'],
      ['a customer id as region', AttentionDocument as never, { filter: { region: 'cus_rk-a' } }, 'filter.region'],
      ['a malformed engineer id', AttentionDocument as never, { filter: { engineer: 'not an id' } }, 'filter.engineer'],
      ['engineer.attention first above 200', EngineerAttentionDocument as never, { id: 'eng_rk-mgr', first: 500 }, 'first'],
    ];
    it.each(cases)('%s', async (_name, doc, vars, field) => {
      const res = await h.run(doc, vars, at);
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field })] });
    });

    it('an unknown flag name is rejected by the schema', async () => {
      const doc = parse('{ attention(filter: {flag: NOT_A_FLAG}) { totalCount } }') as TypedDocumentNode<unknown, Record<string, never>>;
      const res = await h.run(doc, {}, at);
      expect(res.errors![0].message).toMatch(/NOT_A_FLAG/);
    });
  });
});
