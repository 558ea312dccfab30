import fc from 'fast-check';
import { loadDemo } from '../seeds/load-demo';
import { PageBounds, readBoundedPage } from '../src/graph/page-bounds';
import type { Row } from '../src/graph/store';
import {
  ArchiveCustomerDocument,
  CreateCustomerDocument,
  CreateEngineerDocument,
  CustomersPagedDocument,
  EngineersPagedDocument,
  UpdateCustomerDocument,
  UpdateEngineerDocument,
} from './generated/graphql';
import { testEngines } from './support/engines';
import { Harness } from './support/harness';

/**
 * The customer list sorts only the names up to a bound remembered from the previous read of the same
 * page (src/graph/page-bounds.ts). Whatever is written between two reads, the page must be exactly
 * what a full sort of every customer gives.
 */
describe.each(testEngines())('the customer list with remembered sort bounds ($name)', (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start(engine);
    await loadDemo(h.store);
  });
  afterAll(async () => {
    await h.stop();
  });

  /** Every customer, sorted here: the reference each page is compared with. */
  async function reference(opts: { tier?: string; includeArchived?: boolean }) {
    const rows = await h.store.read('MATCH (c:Customer) RETURN c.id AS id, c.name AS name, c.tier AS tier, c.status AS status');
    return rows
      .filter((r) => (opts.includeArchived || r.status !== 'ARCHIVED') && (!opts.tier || r.tier === opts.tier))
      .map((r) => ({ id: r.id as string, name: r.name as string }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  type Read = { first?: number; last?: number; afterIndex?: number; tier?: string; includeArchived?: boolean };
  type Write =
    | { kind: 'create'; name: string; tier: 'KEY' | 'STANDARD' }
    | { kind: 'rename'; pick: number; name: string }
    | { kind: 'archive'; pick: number }
    | { kind: 'restore'; pick: number };

  const names = fc.oneof(
    fc.constantFrom('A', 'Aa', 'B', 'Zz', '中国移动', '万达', 'Ω'),
    fc.string({ minLength: 1, maxLength: 6 }).map((s) => s.replace(/\s/g, 'x')),
  );
  const write: fc.Arbitrary<Write> = fc.oneof(
    fc.record({ kind: fc.constant('create' as const), name: names, tier: fc.constantFrom('KEY' as const, 'STANDARD' as const) }),
    fc.record({ kind: fc.constant('rename' as const), pick: fc.nat(), name: names }),
    fc.record({ kind: fc.constant('archive' as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant('restore' as const), pick: fc.nat() }),
  );
  const read: fc.Arbitrary<Read> = fc.oneof(
    fc.record({ first: fc.integer({ min: 1, max: 8 }), tier: fc.constantFrom(undefined, 'KEY') }, { requiredKeys: ['first'] }),
    fc.record({ last: fc.integer({ min: 1, max: 8 }), includeArchived: fc.boolean() }, { requiredKeys: ['last'] }),
    fc.record({ first: fc.integer({ min: 1, max: 5 }), afterIndex: fc.integer({ min: 0, max: 10 }) }),
  );

  let created = 0;
  async function apply(w: Write) {
    const all = await reference({ includeArchived: true });
    const target = 'pick' in w ? all[w.pick % all.length].id : '';
    if (w.kind === 'create') {
      await h.data(CreateCustomerDocument, { input: { id: `cus_bound-${++created}`, name: w.name, tier: w.tier } });
    } else if (w.kind === 'rename') {
      await h.data(UpdateCustomerDocument, { input: { id: target, name: w.name } });
    } else if (w.kind === 'archive') {
      await h.run(ArchiveCustomerDocument, { id: target }); // already archived: refused, nothing changes
    } else {
      await h.data(UpdateCustomerDocument, { input: { id: target, status: 'ACTIVE' } });
    }
  }

  async function check(r: Read) {
    const filter = { tier: r.tier as never, includeArchived: r.includeArchived };
    const expected = await reference(filter);
    let after: string | null = null;
    let from = 0;
    if (r.afterIndex !== undefined) {
      // The cursor of the customer at afterIndex, as a client paging forwards would hold it.
      const lead = await h.data(CustomersPagedDocument, { first: r.afterIndex + 1, filter });
      after = lead.customers.edges.at(-1)?.cursor ?? null;
      from = after === null ? 0 : r.afterIndex + 1;
    }
    const page = await h.data(CustomersPagedDocument, { first: r.first, last: r.last, after, filter });
    const ids = page.customers.edges.map((e) => e.node.id);
    const want = r.last !== undefined ? expected.slice(Math.max(0, expected.length - r.last)) : expected.slice(from, from + r.first!);
    expect(ids).toEqual(want.map((c) => c.id));
    expect(page.customers.totalCount).toBe(expected.length);
    if (r.last !== undefined) expect(page.customers.pageInfo.hasPreviousPage).toBe(expected.length > r.last);
    else expect(page.customers.pageInfo.hasNextPage).toBe(from + r.first! < expected.length);
  }

  it('every page equals a full sort, whatever was written since the same page was last read', async () => {
    const bounds = h.store.pageBounds!();
    const before = { hits: bounds.hits, misses: bounds.misses };
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(read, fc.array(write, { maxLength: 3 })), { minLength: 4, maxLength: 12 }), async (steps) => {
        for (const [r, writes] of steps) {
          await check(r);
          for (const w of writes) await apply(w);
          await check(r); // the same page again: now read through the bound noted just before
        }
      }),
      { numRuns: 15, seed: 15, endOnFailure: true },
    );
    // Both paths ran: pages answered within the bound, and pages read again without it.
    expect(bounds.hits - before.hits).toBeGreaterThan(20);
    expect(bounds.misses - before.misses).toBeGreaterThan(0);
  }, 180_000);

  it('the engineer list too: every page equals a full sort, whatever was written since', async () => {
    const bounds = h.store.pageBounds!();
    const before = bounds.hits;
    const sorted = async () =>
      (await h.store.read('MATCH (e:Engineer) RETURN e.id AS id, e.name AS name'))
        .map((r) => ({ id: r.id as string, name: r.name as string }))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        .map((e) => e.id);
    const engineerWrite = fc.oneof(
      fc.record({ kind: fc.constant('create' as const), name: names }),
      fc.record({ kind: fc.constant('rename' as const), pick: fc.nat(), name: names }),
    );
    let made = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 6 }), fc.boolean(), fc.array(engineerWrite, { maxLength: 3 })), {
          minLength: 3,
          maxLength: 8,
        }),
        async (steps) => {
          for (const [size, backwards, writes] of steps) {
            const read = async () => {
              const all = await sorted();
              const page = await h.data(EngineersPagedDocument, backwards ? { last: size } : { first: size });
              expect(page.engineers.edges.map((e) => e.node.id)).toEqual(
                backwards ? all.slice(Math.max(0, all.length - size)) : all.slice(0, size),
              );
            };
            await read();
            for (const w of writes) {
              if (w.kind === 'create')
                await h.data(CreateEngineerDocument, { input: { id: `eng_bound-${++made}`, name: w.name, kind: 'EMPLOYEE' } });
              else {
                const all = await sorted();
                await h.data(UpdateEngineerDocument, { input: { id: all[w.pick % all.length], name: w.name } });
              }
            }
            await read();
          }
        },
      ),
      { numRuns: 10, seed: 16, endOnFailure: true },
    );
    expect(bounds.hits - before).toBeGreaterThan(10);
  }, 180_000);

  it('the second read of a page sorts only the names up to the bound', async () => {
    h.store.reset();
    await h.data(CustomersPagedDocument, { first: 3 });
    await h.data(CustomersPagedDocument, { first: 3 });
    const pages = h.store.statements.filter((s) => s.includes('ORDER BY c.name'));
    expect(pages).toHaveLength(2);
    expect(pages[1]).toContain('c.name <= $bound');
  });
});

describe('readBoundedPage', () => {
  const rows = (...names: string[]) => names.map((name) => ({ c: { name } }));
  const page = (bounded: string[], whole: string[], calls: string[]) => ({
    key: 'k',
    limit: 2,
    bounded: async (bound: string) => {
      calls.push(`bounded ${bound}`);
      return rows(...bounded);
    },
    whole: async () => {
      calls.push('whole');
      return rows(...whole);
    },
    keyOf: (r: Row) => (r.c as { name: string }).name,
  });

  it('reads whole the first time, then within the bound of the last row', async () => {
    const bounds = new PageBounds();
    const calls: string[] = [];
    await readBoundedPage(bounds, page(['a', 'b'], ['a', 'c', 'x'], calls));
    await readBoundedPage(bounds, page(['a', 'b'], ['a', 'c'], calls));
    expect(calls).toEqual(['whole', 'bounded c']);
    expect(bounds.get('k')).toBe('b');
  });

  it('reads whole again when the bounded page is short, and remembers that a short list has no bound', async () => {
    const bounds = new PageBounds();
    bounds.note('k', 'c');
    const calls: string[] = [];
    const got = await readBoundedPage(bounds, page(['a'], ['a'], calls));
    expect(got).toEqual(rows('a'));
    expect(calls).toEqual(['bounded c', 'whole']);
    expect(bounds.get('k')).toBeNull();
    await readBoundedPage(bounds, page(['a'], ['a'], calls));
    expect(calls.at(-1)).toBe('whole');
  });

  it('keeps at most its capacity, the least recently used dropped first', () => {
    const bounds = new PageBounds(2);
    bounds.note('a', '1');
    bounds.note('b', '2');
    bounds.get('a');
    bounds.note('c', '3');
    expect([bounds.get('a'), bounds.get('b'), bounds.get('c')]).toEqual(['1', undefined, '3']);
  });
});
