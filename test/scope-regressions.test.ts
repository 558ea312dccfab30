import { parse, type DocumentNode } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createServer, type RapportServer } from '../src/server';
import { createApiKey } from '../src/auth/api-keys';
import { Role, type Principal } from '../src/auth/roles';
import { testEngines } from './support/engines';
import { Harness, silentLogger, testSchema } from './support/harness';
import { handoffFixture, HANDOFF_NOW } from './support/handoff-fixture';
import { dumpGraph } from './support/graph-dump';

/**
 * Issue 11, item 4: the region scope holes, each reproduced as it was found. Engineer A covers two
 * customers in Urumqi (Xinjiang) and one in Wuhan; the manager is limited to Xinjiang.
 */
const XJ: Principal = { actor: 'user:xj', kind: 'user', roles: [Role.SERVICE_MANAGER], regions: ['reg_xj'] };
const ADMIN: Principal = { actor: 'user:admin', kind: 'user', roles: [Role.ADMIN], regions: null };
const WUHAN = { id: 'cus_big2', name: 'China Telecom Wuhan', phone: '+86 139 0000 0201', contact: 'con_b2-mgr' };
const doc = (s: string) => parse(s) as DocumentNode as TypedDocumentNode<any, Record<string, unknown>>; // eslint-disable-line @typescript-eslint/no-explicit-any -- an answer read without generated types

let h: Harness;
const as = (principal: Principal, query: string, variables?: Record<string, unknown>) =>
  h.run(doc(query), variables, { principal, now: HANDOFF_NOW });
const codes = (res: { errors?: { extensions?: Record<string, unknown> }[] }) => (res.errors ?? []).map((e) => e.extensions?.code);

const START = `mutation($input: PlanHandoffInput!) { startHandoff(input: $input) { id summary { total open } items { customer { id } } } }`;
const PLAN = `mutation($input: PlanHandoffInput!) { planHandoff(input: $input) { assignments { customer { id } successor { id } roles } items { customer { id } } } }`;

beforeEach(async () => {
  h = await Harness.start(testEngines()[0]);
  await handoffFixture().write(h.store);
});
afterEach(async () => {
  await h.stop();
});

describe('region scope regressions (issue 11, item 4)', () => {
  it("engineer(id) { attention } lists only the caller's customers, and customer { id } under it works", async () => {
    const query = `{ engineer(id: "eng_a") { attention(first: 50) { customer { id name } score flags { code } } } }`;
    const everyone = await as(ADMIN, query);
    expect(everyone.errors).toBeUndefined();
    const all = (everyone.data.engineer.attention as { customer: { id: string } }[]).map((r) => r.customer.id);
    expect(all).toContain(WUHAN.id);
    const mine = await as(XJ, query);
    expect(mine.errors).toBeUndefined();
    const ids = (mine.data.engineer.attention as { customer: { id: string } }[]).map((r) => r.customer.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids).toEqual(all.filter((id) => id !== WUHAN.id));
    expect(JSON.stringify(mine)).not.toContain(WUHAN.name);
  });

  it('planHandoff { assignments { customer { id } } } answers, and refuses a plan reaching another region without naming it', async () => {
    const input = {
      outgoingEngineerId: 'eng_a',
      successors: [{ engineerId: 'eng_c' }],
      reason: 'ROTATION',
      effectiveAt: '2026-06-25T00:00:00Z',
    };
    const admin = await as(ADMIN, PLAN, { input });
    expect(admin.errors).toBeUndefined();
    expect(admin.data.planHandoff.assignments.map((a: { customer: { id: string } }) => a.customer.id)).toContain(WUHAN.id);
    const refused = await as(XJ, PLAN, { input });
    expect(codes(refused)).toEqual(['FORBIDDEN']);
    expect(JSON.stringify(refused)).not.toContain(WUHAN.id);
    // Limited to his customers, the same plan is his to see, rows and customers included.
    const mine = await as(XJ, PLAN, { input: { ...input, successors: [{ engineerId: 'eng_c', customerIds: ['cus_big1', 'cus_small'] }] } });
    expect(mine.errors).toBeUndefined();
    expect(mine.data.planHandoff.assignments.map((a: { customer: { id: string } }) => a.customer.id).sort()).toEqual([
      'cus_big1',
      'cus_small',
    ]);
  });

  it('startHandoff checks the scope against the plan at effectiveAt and writes nothing out of scope', async () => {
    // C covers a Xinjiang customer now, and a Wuhan customer from 1 July (already planned).
    await h.data(
      doc(`mutation { a: assignCoverage(input: { engineerId: "eng_c", customerId: "cus_small", role: BACKUP, from: "2026-01-01T00:00:00Z" }) { id }
      b: assignCoverage(input: { engineerId: "eng_c", customerId: "${WUHAN.id}", role: BACKUP, from: "2026-07-01T00:00:00Z" }) { id } }`),
      {},
      { principal: ADMIN, now: HANDOFF_NOW },
    );
    const input = (effectiveAt: string) => ({
      outgoingEngineerId: 'eng_c',
      successors: [{ engineerId: 'eng_d' }],
      reason: 'ROTATION',
      effectiveAt,
    });
    const before = await dumpGraph(h.store);
    // Today C has only Xinjiang customers; on 2 July he also has the Wuhan one: refused, nothing written.
    const later = await as(XJ, START, { input: input('2026-07-02T00:00:00Z') });
    expect(codes(later)).toEqual(['FORBIDDEN']);
    expect(JSON.stringify(later)).not.toContain(WUHAN.id);
    expect(await dumpGraph(h.store)).toBe(before);
    // Before 1 July the handoff is all his.
    const sooner = await as(XJ, START, { input: input('2026-06-25T00:00:00Z') });
    expect(sooner.errors).toBeUndefined();
    expect(sooner.data.startHandoff.items.map((i: { customer: { id: string } }) => i.customer.id)).not.toContain(WUHAN.id);
  });

  it("handoff.summary counts only the caller's items", async () => {
    const started = await as(ADMIN, START, {
      input: {
        outgoingEngineerId: 'eng_a',
        successors: [{ engineerId: 'eng_c' }],
        reason: 'ROTATION',
        effectiveAt: '2026-06-25T00:00:00Z',
      },
    });
    expect(started.errors).toBeUndefined();
    const id = started.data.startHandoff.id as string;
    const query = `{ handoff(id: "${id}") { summary { total open done waived customersWithOpenItems { id } customersFullyHandedOver { id } } items { id customer { id } } } }`;
    const all = (await as(ADMIN, query)).data.handoff;
    const mine = await as(XJ, query);
    expect(mine.errors).toBeUndefined();
    const wuhanItems = all.items.filter((i: { customer: { id: string } }) => i.customer.id === WUHAN.id).length;
    expect(wuhanItems).toBeGreaterThan(0);
    expect(mine.data.handoff.summary.total).toBe(all.summary.total - wuhanItems);
    expect(mine.data.handoff.summary.total).toBe(mine.data.handoff.items.length);
    expect(mine.data.handoff.summary.open).toBe(mine.data.handoff.items.length);
    expect(JSON.stringify(mine)).not.toContain(WUHAN.id);
  });

  describe('GET /handoffs/:id/checklist of a handoff spanning regions', () => {
    let server: RapportServer;
    afterEach(async () => server?.stop());

    it("lists only the caller's regions' customers and their contacts' phones", async () => {
      server = await createServer({
        config: { host: '127.0.0.1', port: 0, env: 'test' },
        store: h.store,
        schema: await testSchema(),
        logger: silentLogger,
        auth: { enabled: true, reason: 'test', jwt: null },
      });
      const base = (await server.listen()).replace(/\/graphql$/, '');
      const started = await as(ADMIN, START, {
        input: {
          outgoingEngineerId: 'eng_a',
          successors: [{ engineerId: 'eng_c' }],
          reason: 'ROTATION',
          effectiveAt: '2026-06-25T00:00:00Z',
        },
      });
      const id = started.data.startHandoff.id as string;
      const key = async (regions: string[], roles = ['SERVICE_MANAGER']) =>
        (await createApiKey(h.store, { name: 'k', roles, regions }, { actor: 'test', now: HANDOFF_NOW })).token;
      const get = async (token: string, format = 'md') => {
        const res = await fetch(`${base}/handoffs/${id}/checklist?format=${format}`, { headers: { authorization: `Bearer ${token}` } });
        expect(res.status).toBe(200);
        return res.text();
      };
      const admin = await key([], ['ADMIN']);
      const xj = await key(['reg_xj']);
      for (const format of ['md', 'csv']) {
        const full = await get(admin, format);
        expect(full).toContain(WUHAN.name);
        expect(full).toContain(WUHAN.phone);
        const mine = await get(xj, format);
        expect(mine).toContain('China Mobile Urumqi');
        expect(mine).toContain('+86 139 0000 0301');
        for (const secret of [WUHAN.id, WUHAN.name, WUHAN.phone, WUHAN.contact])
          expect([format, mine.includes(secret)]).toEqual([format, false]);
      }
    });
  });
});
