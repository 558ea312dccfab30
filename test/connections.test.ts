import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { loadDemo } from '../seeds/load-demo';
import {
  AttentionPagedDocument,
  ChangesPagedDocument,
  CoverageHistoryPagedDocument,
  CustomersPagedDocument,
  EngineersPagedDocument,
  OpenHandoffItemsPagedDocument,
} from './generated/graphql';
import { testEngines } from './support/engines';
import { Harness } from './support/harness';

/** The demo dataset's "today" (see test/seed.test.ts). */
const NOW = new Date('2026-11-23T06:00:00.000Z');
const at = { now: NOW };

interface PageInfo {
  hasPreviousPage: boolean;
  hasNextPage: boolean;
  startCursor?: string | null;
  endCursor?: string | null;
}
interface Page {
  totalCount: number;
  pageInfo: PageInfo;
  edges: { cursor: string; id: string }[];
}
interface PageArgs {
  first?: number;
  after?: string | null;
  last?: number;
  before?: string | null;
}
type Fetch = (args: PageArgs) => Promise<Page>;

/** Walks a connection from the start with first/after; every page's PageInfo is checked on the way. */
async function walkForwards(fetch: Fetch, size: number) {
  const ids: string[] = [];
  let after: string | null = null;
  for (let n = 0; n < 500; n++) {
    const page = await fetch({ first: size, after });
    expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
    expect(page.pageInfo.startCursor).toBe(page.edges[0]?.cursor ?? null);
    expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
    ids.push(...page.edges.map((e) => e.id));
    if (!page.pageInfo.hasNextPage) {
      expect(ids).toHaveLength(page.totalCount);
      return ids;
    }
    expect(page.edges).toHaveLength(size);
    after = page.pageInfo.endCursor!;
  }
  throw new Error('the connection never ended');
}

/** Walks a connection from the end with last/before. */
async function walkBackwards(fetch: Fetch, size: number) {
  const ids: string[] = [];
  let before: string | null = null;
  for (let n = 0; n < 500; n++) {
    const page = await fetch({ last: size, before });
    expect(page.pageInfo.hasNextPage).toBe(before !== null);
    expect(page.pageInfo.startCursor).toBe(page.edges[0]?.cursor ?? null);
    expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
    ids.unshift(...page.edges.map((e) => e.id));
    if (!page.pageInfo.hasPreviousPage) {
      expect(ids).toHaveLength(page.totalCount);
      return ids;
    }
    expect(page.edges).toHaveLength(size);
    before = page.pageInfo.startCursor!;
  }
  throw new Error('the connection never ended');
}

/** The behaviour every two-way connection must show on a list of at least five items. */
function behavesAsARelayConnection(name: string, fetch: () => Fetch) {
  describe(name, () => {
    it('pages forwards and backwards through the same items in the same order', async () => {
      const all = (await fetch()({ first: 200 })).edges.map((e) => e.id);
      expect(all.length).toBeGreaterThanOrEqual(5);
      expect(new Set(all).size).toBe(all.length);
      expect(await walkForwards(fetch(), 2)).toEqual(all);
      expect(await walkBackwards(fetch(), 2)).toEqual(all);
      expect(await walkBackwards(fetch(), 3)).toEqual(all);
    });

    it('reports both ends correctly', async () => {
      const whole = await fetch()({ first: 200 });
      expect(whole.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: false });
      const head = await fetch()({ first: 2 });
      expect(head.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
      const tail = await fetch()({ last: 2 });
      expect(tail.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
      expect(tail.edges.map((e) => e.id)).toEqual(whole.edges.slice(-2).map((e) => e.id));
      const beforeTheFirst = await fetch()({ last: 2, before: head.pageInfo.startCursor });
      expect(beforeTheFirst.edges).toEqual([]);
      expect(beforeTheFirst.pageInfo).toEqual({ hasPreviousPage: false, hasNextPage: true, startCursor: null, endCursor: null });
      const afterTheLast = await fetch()({ first: 2, after: tail.pageInfo.endCursor });
      expect(afterTheLast.edges).toEqual([]);
      expect(afterTheLast.pageInfo).toEqual({ hasPreviousPage: true, hasNextPage: false, startCursor: null, endCursor: null });
    });

    it('takes cursors back: a cursor of one edge, used as after and before, gives the items on either side', async () => {
      const whole = (await fetch()({ first: 200 })).edges;
      const middle = Math.floor(whole.length / 2);
      const cursor = whole[middle].cursor;
      const after = await fetch()({ first: 2, after: cursor });
      expect(after.edges).toEqual(whole.slice(middle + 1, middle + 3));
      const before = await fetch()({ last: 2, before: cursor });
      expect(before.edges).toEqual(whole.slice(middle - 2, middle));
      // Both cursors: the items strictly between them.
      const between = await fetch()({ first: 200, after: whole[0].cursor, before: whole[4].cursor });
      expect(between.edges).toEqual(whole.slice(1, 4));
      expect(between.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
    });
  });
}

describe.each(testEngines())('Relay connections on the demo data on $name', (engine) => {
  let h: Harness;
  let coveredCustomer: string;
  let busiestEngineer: string;
  beforeAll(async () => {
    const store = await engine.open();
    await loadDemo(store);
    h = await Harness.start(engine, { store });
    const histories = await h.data(
      parse('query { customers(first: 200) { edges { node { id coverageHistory(first: 0) { totalCount } } } } }') as TypedDocumentNode<{
        customers: { edges: { node: { id: string; coverageHistory: { totalCount: number } } }[] };
      }>,
      {},
      at,
    );
    const ranked = histories.customers.edges.map((e) => e.node).sort((a, b) => b.coverageHistory.totalCount - a.coverageHistory.totalCount);
    coveredCustomer = ranked[0].id;
    const portfolios = await h.data(
      parse('query { engineers(first: 200) { edges { node { id portfolio { id } } } } }') as TypedDocumentNode<{
        engineers: { edges: { node: { id: string; portfolio: { id: string }[] } }[] };
      }>,
      {},
      at,
    );
    busiestEngineer = portfolios.engineers.edges.map((e) => e.node).sort((a, b) => b.portfolio.length - a.portfolio.length)[0].id;
  });
  afterAll(async () => {
    await h.stop();
  });

  behavesAsARelayConnection('customers', () => async (args) => {
    const c = (await h.data(CustomersPagedDocument, args, at)).customers;
    return { ...c, edges: c.edges.map((e) => ({ cursor: e.cursor, id: e.node.id })) };
  });

  behavesAsARelayConnection('customers covered by an engineer (the other Cypher)', () => async (args) => {
    const c = (await h.data(CustomersPagedDocument, { ...args, filter: { coveredBy: busiestEngineer } }, at)).customers;
    return { ...c, edges: c.edges.map((e) => ({ cursor: e.cursor, id: e.node.id })) };
  });

  behavesAsARelayConnection('engineers', () => async (args) => {
    const c = (await h.data(EngineersPagedDocument, args, at)).engineers;
    return { ...c, edges: c.edges.map((e) => ({ cursor: e.cursor, id: e.node.id })) };
  });

  behavesAsARelayConnection('attention', () => async (args) => {
    const c = (await h.data(AttentionPagedDocument, args, at)).attention;
    return { ...c, edges: c.edges.map((e) => ({ cursor: e.cursor, id: e.node.customer.id })) };
  });

  behavesAsARelayConnection('coverageHistory', () => async (args) => {
    const c = (await h.data(CoverageHistoryPagedDocument, { id: coveredCustomer, ...args }, at)).customer!.coverageHistory;
    return { ...c, edges: c.edges.map((e) => ({ cursor: e.cursor, id: e.node.id })) };
  });

  behavesAsARelayConnection('openHandoffItems', () => async (args) => {
    const c = (await h.data(OpenHandoffItemsPagedDocument, args, at)).openHandoffItems;
    return { ...c, edges: c.edges.map((e) => ({ cursor: e.cursor, id: e.node.id })) };
  });

  it.each([
    ['first and last together', { first: 2, last: 2 }, 'last'],
    ['last over 200', { last: 201 }, 'last'],
    ['a negative last', { last: -1 }, 'last'],
    ['a forged before cursor', { last: 2, before: 'bm90LWEtY3Vyc29y' }, 'before'],
    ['a cursor of another connection', { last: 2, before: 'MA' }, 'before'],
  ] as const)('%s is BAD_USER_INPUT naming the argument', async (_what, vars, field) => {
    const res = await h.run(CustomersPagedDocument, vars, at);
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field })] });
  });

  it('the change history pages forwards only, with the full PageInfo', async () => {
    const res = await h.run(
      parse('query { changes(entityId: "cus_x", last: 2) { totalCount } }') as TypedDocumentNode<unknown, Record<string, never>>,
      {},
      at,
    );
    expect(res.errors![0].message).toMatch(/Unknown argument "last"/);
    const page = await h.data(ChangesPagedDocument, { entityId: coveredCustomer, first: 1 }, at);
    expect(page.changes.pageInfo.hasPreviousPage).toBe(false);
    expect(page.changes.pageInfo.startCursor).toBe(page.changes.edges[0]?.cursor ?? null);
    expect(page.changes.pageInfo.endCursor).toBe(page.changes.edges[0]?.cursor ?? null);
  });
});
