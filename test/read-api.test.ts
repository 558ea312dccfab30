import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import {
  BatchingDocument,
  CaseByIdDocument,
  CoverageAtDocument,
  CoverageHistoryDocument,
  CustomerCardDocument,
  CustomerCasesDocument,
  CustomersDocument,
  DeviceByIdDocument,
  EngineersDocument,
  NodeByIdDocument,
  PortfolioDocument,
  RegionTreeDocument,
  ReportingLineDocument,
  SearchDocument,
  WhoCoversDocument,
} from './generated/graphql';
import { testEngines } from './support/engines';
import { GraphBuilder } from './support/fixtures';
import { Harness } from './support/harness';
import { NOW, relationshipFixture } from './support/relationship-fixture';

describe.each(testEngines())('read API on $name', (engine) => {
  let h: Harness;
  const at = { now: NOW };
  beforeAll(async () => {
    h = await Harness.start(engine);
    await relationshipFixture().write(h.store);
  });
  afterAll(async () => {
    await h.stop();
  });

  describe('who covers this customer', () => {
    it('still shows a TRANSFERRED primary whose coverage was never ended, flagged by status (C4)', async () => {
      const { whoCovers } = await h.data(WhoCoversDocument, { customerId: 'cus_cm-urumqi', role: 'PRIMARY' }, at);
      expect(whoCovers).toEqual([
        {
          id: 'cov_a-primary',
          role: 'PRIMARY',
          from: '2024-01-01T00:00:00.000Z',
          to: null,
          current: true,
          engineer: { id: 'eng_a', name: '王磊', status: 'TRANSFERRED' },
          customer: { id: 'cus_cm-urumqi' },
        },
      ]);
    });

    it('answers who covered a customer on a past date (last March)', async () => {
      const march = await h.data(WhoCoversDocument, { customerId: 'cus_ct-wuhan', at: '2025-03-15T00:00:00Z' }, at);
      expect(march.whoCovers.map((c) => c.engineer.id)).toEqual(['eng_old']);
      const now = await h.data(WhoCoversDocument, { customerId: 'cus_ct-wuhan' }, at);
      expect(now.whoCovers.map((c) => c.engineer.id)).toEqual(['eng_c']);
      // The boundary instant belongs to the new coverage: from <= T < to.
      const boundary = await h.data(WhoCoversDocument, { customerId: 'cus_ct-wuhan', at: '2025-04-01T00:00:00Z' }, at);
      expect(boundary.whoCovers.map((c) => c.engineer.id)).toEqual(['eng_c']);
    });

    it('customer.coverage filters by role and time', async () => {
      const { customer } = await h.data(CoverageAtDocument, { id: 'cus_cm-urumqi', role: 'BACKUP' }, at);
      expect(customer!.coverage.map((c) => [c.role, c.engineer.id])).toEqual([['BACKUP', 'eng_b']]);
      const before = await h.data(CoverageAtDocument, { id: 'cus_cm-urumqi', at: '2023-06-01T00:00:00Z' }, at);
      expect(before.customer!.coverage).toEqual([]);
    });

    it('coverageHistory lists every coverage, newest first, as pages', async () => {
      const first = await h.data(CoverageHistoryDocument, { id: 'cus_ct-wuhan', first: 1 }, at);
      const conn = first.customer!.coverageHistory;
      expect(conn.totalCount).toBe(2);
      expect(conn.edges.map((e) => e.node.id)).toEqual(['cov_c-primary']);
      expect(conn.pageInfo.hasNextPage).toBe(true);
      const second = await h.data(CoverageHistoryDocument, { id: 'cus_ct-wuhan', first: 1, after: conn.pageInfo.endCursor }, at);
      expect(second.customer!.coverageHistory.edges.map((e) => [e.node.id, e.node.to])).toEqual([
        ['cov_old-primary', '2025-04-01T00:00:00.000Z'],
      ]);
      expect(second.customer!.coverageHistory.pageInfo.hasNextPage).toBe(false);
    });

    it('engineer.portfolio lists the customers an engineer covers, at a time and in a role', async () => {
      const { engineer } = await h.data(PortfolioDocument, { id: 'eng_b' }, at);
      expect(engineer).toMatchObject({ id: 'eng_b', status: 'ACTIVE', skills: ['OTN', 'NMS'], region: { id: 'reg_urumqi' } });
      expect(engineer!.portfolio.map((p) => [p.role, p.customer.id])).toEqual([['BACKUP', 'cus_cm-urumqi']]);
      expect(engineer!.ownedCases.map((c) => c.id)).toEqual(['cas_owned']);
      const old = await h.data(PortfolioDocument, { id: 'eng_old', at: '2024-06-01T00:00:00Z', role: 'PRIMARY' }, at);
      expect(old.engineer!.portfolio.map((p) => p.customer.id)).toEqual(['cus_ct-wuhan']);
      const partner = await h.data(PortfolioDocument, { id: 'eng_p' }, at);
      expect(partner.engineer!.partner).toEqual({ id: 'par_tianshan', name: 'Tianshan Telecom Services' });
    });
  });

  describe('the customer card', () => {
    it('escalation path: fixed role order, inactive engineers skipped with the reason, phones included', async () => {
      const { customer } = await h.data(CustomerCardDocument, { id: 'cus_cm-urumqi' }, at);
      expect(customer!.escalationPath).toEqual([
        {
          order: 0,
          role: 'PRIMARY',
          skippedBecause: 'transferred away, but the coverage was never ended',
          phone: '+86 138 0000 0001',
          email: 'wang.lei@vendor.example',
          engineer: { id: 'eng_a', name: '王磊', status: 'TRANSFERRED' },
        },
        {
          order: 1,
          role: 'BACKUP',
          skippedBecause: null,
          phone: '+86 138 0000 0002',
          email: 'li.na@vendor.example',
          engineer: { id: 'eng_b', name: '李娜', status: 'ACTIVE' },
        },
        {
          order: 0,
          role: 'PRODUCT_LEAD',
          skippedBecause: 'on leave',
          phone: '+86 138 0000 0007',
          email: null,
          engineer: { id: 'eng_leave', name: '周敏', status: 'ON_LEAVE' },
        },
        {
          order: 2,
          role: 'SERVICE_MANAGER',
          skippedBecause: null,
          phone: '+86 138 0000 0005',
          email: 'liu.fang@vendor.example',
          engineer: { id: 'eng_m', name: '刘芳', status: 'ACTIVE' },
        },
      ]);
    });

    it('has region, current contacts, devices with maintenance status, open cases with owners and workers', async () => {
      const { customer } = await h.data(CustomerCardDocument, { id: 'cus_cm-urumqi' }, at);
      expect(customer!.region).toEqual({ id: 'reg_urumqi', name: 'Urumqi', parent: { id: 'reg_xinjiang', name: 'Xinjiang' } });
      expect(customer!.contacts.map((c) => c.id).sort()).toEqual(['con_duty', 'con_exec', 'con_mgr', 'con_sup']);
      expect(Object.fromEntries(customer!.devices.map((d) => [d.id, d.maintenanceStatus]))).toEqual({
        dev_expired: 'EXPIRED',
        dev_expiring: 'EXPIRING',
        dev_active: 'ACTIVE',
      });
      const cases = Object.fromEntries(customer!.openCases.map((c) => [c.id, c]));
      expect(Object.keys(cases).sort()).toEqual(['cas_c11', 'cas_owned']);
      // C11: three engineers touched it, nobody owns it.
      expect(cases.cas_c11.owner).toBeNull();
      expect(cases.cas_c11.workedOnBy.map((e) => e.id).sort()).toEqual(['eng_b', 'eng_c', 'eng_p']);
      expect(cases.cas_owned.owner).toEqual({ id: 'eng_b', name: '李娜' });
      expect(cases.cas_owned.ownershipHistory.map((o) => [o.engineer.id, o.to])).toEqual([
        ['eng_b', null],
        ['eng_a', '2025-10-22T08:00:00.000Z'],
      ]);
      expect(customer!.lastInteraction).toMatchObject({ id: 'int_2', channel: 'VISIT', engineer: { id: 'eng_b' } });
      expect(customer!.lastInteraction!.contacts.map((c) => c.id).sort()).toEqual(['con_mgr', 'con_sup']);
      expect(customer!.commitments).toEqual([
        {
          id: 'com_board',
          text: 'Replacement board arrives by Friday',
          dueAt: '2025-10-31T10:00:00.000Z',
          overdue: true,
          engineer: { id: 'eng_b' },
        },
      ]);
    });

    it('shows former contacts only when asked', async () => {
      const { customer } = await h.data(CustomerCardDocument, { id: 'cus_cm-urumqi', includeFormer: true }, at);
      expect(customer!.contacts.map((c) => c.id)).toContain('con_former');
    });

    it('filters cases by status', async () => {
      const closed = await h.data(CustomerCasesDocument, { id: 'cus_cm-urumqi', status: ['CLOSED'] }, at);
      expect(closed.customer!.cases).toEqual([{ id: 'cas_done', status: 'CLOSED' }]);
      const all = await h.data(CustomerCasesDocument, { id: 'cus_cm-urumqi' }, at);
      expect(all.customer!.cases.map((c) => c.id)).toEqual(['cas_owned', 'cas_c11', 'cas_done']);
    });
  });

  it("contact.reportingLine walks the customer's chain of managers, nearest first", async () => {
    const { contact } = await h.data(ReportingLineDocument, { id: 'con_duty' }, at);
    expect(contact!.reportingLine.map((c) => [c.id, c.role])).toEqual([
      ['con_sup', 'SUPERVISOR'],
      ['con_mgr', 'MANAGER'],
      ['con_exec', 'EXECUTIVE'],
    ]);
    expect(contact!.reportsTo).toEqual({ id: 'con_sup' });
    expect(contact!.customer).toEqual({ id: 'cus_cm-urumqi' });
    const former = await h.data(ReportingLineDocument, { id: 'con_former' }, at);
    expect(former.contact!.customer).toBeNull();
    expect(former.contact!.employments).toEqual([
      { customer: { id: 'cus_cm-urumqi' }, from: '2019-01-01T00:00:00.000Z', to: '2024-06-30T00:00:00.000Z', current: false },
    ]);
  });

  describe('lists and lookups', () => {
    it('customers: filter by region including sub-regions, tier, name text, covered-by', async () => {
      const inXinjiang = await h.data(CustomersDocument, { filter: { region: 'reg_xinjiang' } }, at);
      expect(inXinjiang.customers.edges.map((e) => e.node.id)).toEqual(['cus_hotel', 'cus_cm-urumqi']);
      expect(inXinjiang.customers.totalCount).toBe(2);
      const vip = await h.data(CustomersDocument, { filter: { tier: 'VIP' } }, at);
      expect(vip.customers.edges.map((e) => e.node.id)).toEqual(['cus_cm-urumqi']);
      const text = await h.data(CustomersDocument, { filter: { text: 'china telecom' } }, at);
      expect(text.customers.edges.map((e) => e.node.id)).toEqual(['cus_ct-wuhan']);
      const chinese = await h.data(CustomersDocument, { filter: { text: '乌鲁木齐' } }, at);
      expect(chinese.customers.edges.map((e) => e.node.id)).toEqual(['cus_cm-urumqi']);
      const covered = await h.data(CustomersDocument, { filter: { coveredBy: 'eng_b' } }, at);
      expect(covered.customers.edges.map((e) => e.node.id)).toEqual(['cus_cm-urumqi']);
    });

    it('customers: pages with cursors until the end', async () => {
      const seen: string[] = [];
      let after: string | null | undefined;
      for (let i = 0; i < 5; i++) {
        const page = await h.data(CustomersDocument, { first: 2, after }, at);
        seen.push(...page.customers.edges.map((e) => e.node.id));
        expect(page.customers.totalCount).toBe(3);
        if (!page.customers.pageInfo.hasNextPage) break;
        after = page.customers.pageInfo.endCursor;
      }
      // Name order: Latin before CJK.
      expect(seen).toEqual(['cus_hotel', 'cus_ct-wuhan', 'cus_cm-urumqi']);
    });

    it('engineers: filter by status, kind and region', async () => {
      const partners = await h.data(EngineersDocument, { filter: { kind: 'PARTNER' } }, at);
      expect(partners.engineers.edges.map((e) => e.node.id)).toEqual(['eng_p']);
      const urumqi = await h.data(EngineersDocument, { filter: { region: 'reg_xinjiang', status: 'ACTIVE' } }, at);
      expect(urumqi.engineers.edges.map((e) => e.node.id).sort()).toEqual(['eng_b', 'eng_p']);
      expect(urumqi.engineers.totalCount).toBe(2);
    });

    it('region with sub-regions; device; case with everyone who worked on it', async () => {
      const region = await h.data(RegionTreeDocument, { id: 'reg_xinjiang' }, at);
      expect(region.region).toEqual({
        id: 'reg_xinjiang',
        name: 'Xinjiang',
        kind: 'PROVINCE',
        parent: null,
        subRegions: [{ id: 'reg_urumqi', name: 'Urumqi', kind: 'CITY' }],
      });
      const device = await h.data(DeviceByIdDocument, { id: 'dev_unknown' }, at);
      expect(device.device).toEqual({
        id: 'dev_unknown',
        serial: 'SN-0004',
        model: 'PBX-200',
        maintenanceStatus: 'UNKNOWN',
        customer: { id: 'cus_hotel' },
        cases: [],
      });
      const kase = await h.data(CaseByIdDocument, { id: 'cas_c11' }, at);
      expect(kase.case).toMatchObject({
        number: 'C-2025-0911',
        customer: { id: 'cus_cm-urumqi' },
        device: { id: 'dev_expired' },
        raisedBy: { id: 'con_duty' },
        owner: null,
        interactions: [{ id: 'int_1' }],
      });
    });

    it('node(id) resolves any kind by its id prefix', async () => {
      expect((await h.data(NodeByIdDocument, { id: 'eng_a' }, at)).node).toEqual({
        __typename: 'Engineer',
        id: 'eng_a',
        name: '王磊',
        status: 'TRANSFERRED',
      });
      expect((await h.data(NodeByIdDocument, { id: 'cas_c11' }, at)).node).toEqual({
        __typename: 'Case',
        id: 'cas_c11',
        title: 'Board alarm on OSN 8800',
      });
      expect((await h.data(NodeByIdDocument, { id: 'cus_nobody' }, at)).node).toBeNull();
    });

    it('search finds customers, contacts and engineers by name in any case and script', async () => {
      const latin = await h.data(SearchDocument, { text: 'WANG' }, at);
      expect(latin.search).toEqual([{ kind: 'Engineer', matched: 'Wang Lei', node: { id: 'eng_a', __typename: 'Engineer' } }]);
      const chinese = await h.data(SearchDocument, { text: '何静' }, at);
      expect(chinese.search).toEqual([{ kind: 'Contact', matched: '何静', node: { id: 'con_sup', __typename: 'Contact' } }]);
      const many = await h.data(SearchDocument, { text: 'urumqi' }, at);
      expect(many.search.map((s) => s.node.id)).toEqual(['cus_hotel', 'cus_cm-urumqi']);
      const limited = await h.data(SearchDocument, { text: 'urumqi', first: 1 }, at);
      expect(limited.search).toHaveLength(1);
    });
  });

  describe('errors', () => {
    it('an unknown id is null, not an error', async () => {
      const res = await h.run(CustomerCardDocument, { id: 'cus_does-not-exist' }, at);
      expect(res.errors).toBeUndefined();
      expect(res.data!.customer).toBeNull();
    });

    it.each([
      ['a malformed id', CustomerCardDocument, { id: 'not an id' }, 'id'],
      ['an id of another kind', CustomerCardDocument, { id: 'eng_a' }, 'id'],
      ['a negative first', CustomersDocument, { first: -1 }, 'first'],
      ['first over 200', CustomersDocument, { first: 201 }, 'first'],
      ['a forged cursor', CustomersDocument, { after: 'bm90LWEtY3Vyc29y' }, 'after'],
      ['a malformed region filter', CustomersDocument, { filter: { region: 'xinjiang' } }, 'filter.region'],
    ] as const)('%s is BAD_USER_INPUT naming the argument', async (_what, doc, vars, field) => {
      const res = await h.run(doc as typeof CustomersDocument, vars as never, at);
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field })] });
    });

    it('an unparseable `at` written in the query is BAD_USER_INPUT too', async () => {
      const doc = parse('{ whoCovers(customerId: "cus_cm-urumqi", at: "yesterday") { role } }') as TypedDocumentNode<
        unknown,
        Record<string, never>
      >;
      const res = await h.run(doc, {}, at);
      expect(res.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
      expect(res.errors![0].message).toMatch(/yesterday/);
    });

    it('an unparseable `at` is BAD_USER_INPUT naming the variable', async () => {
      const res = await h.run(WhoCoversDocument, { customerId: 'cus_cm-urumqi', at: 'last march' }, at);
      expect(res.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
      expect(res.errors![0].message).toMatch(/\$at/);
    });
  });

  it('store calls per request depend on query depth, not on list length (DataLoader)', async () => {
    const g = new GraphBuilder();
    g.region({ id: 'reg_bulk', name: 'Bulk', kind: 'CITY' });
    g.engineer({ id: 'eng_bulk', name: 'Bulk Engineer', kind: 'EMPLOYEE' });
    for (let i = 0; i < 50; i++) {
      const c = `cus_bulk-${String(i).padStart(2, '0')}`;
      g.customer({ id: c, name: `ZZ Bulk ${String(i).padStart(2, '0')}`, tier: 'STANDARD', regionId: 'reg_bulk' });
      g.coverage({ id: `cov_bulk-${i}`, engineerId: 'eng_bulk', customerId: c, role: 'PRIMARY', from: '2025-01-01T00:00:00Z' });
      g.contact({ id: `con_bulk-${i}`, name: `Contact ${i}`, role: 'ENGINEER' });
      g.employment({ contactId: `con_bulk-${i}`, customerId: c, from: '2025-01-01T00:00:00Z' });
      g.case({
        id: `cas_bulk-${i}`,
        title: 'x',
        kind: 'FAULT',
        severity: 'MINOR',
        status: 'OPEN',
        openedAt: '2025-10-01T00:00:00Z',
        customerId: c,
      });
      g.ownership({ caseId: `cas_bulk-${i}`, engineerId: 'eng_bulk', from: '2025-10-01T00:00:00Z' });
    }
    await g.write(h.store);
    const callsFor = async (first: number) => {
      h.store.reset();
      const data = await h.data(BatchingDocument, { first }, at);
      expect(data.customers.edges).toHaveLength(first);
      return h.store.calls;
    };
    const five = await callsFor(5);
    const fifty = await callsFor(50);
    expect(fifty).toBe(five);
    expect(five).toBeLessThanOrEqual(8);
  });
});
