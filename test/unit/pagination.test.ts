import fc from 'fast-check';
import { encodeCursor, pageOfList, pageRequest, offsetCursor } from '../../src/domain/pagination';

/** The Relay specification's algorithm, literally: cut by the cursors, then take first / last. */
function reference(n: number, first: number | null, last: number | null, after: number | null, before: number | null) {
  let edges = Array.from({ length: n }, (_, i) => i);
  if (after !== null) edges = edges.filter((i) => i > after);
  if (before !== null) edges = edges.filter((i) => i < before);
  const window = edges;
  if (first !== null) edges = edges.slice(0, first);
  if (last !== null) edges = edges.slice(Math.max(0, edges.length - last));
  return { edges, window };
}

describe('paging a list in memory (Relay cursor connections)', () => {
  it('gives the items the specification gives, with page info that says whether items lie on either side', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30 }),
        fc.option(fc.integer({ min: 0, max: 35 }), { nil: null }),
        fc.option(fc.integer({ min: 0, max: 35 }), { nil: null }),
        fc.boolean(),
        fc.integer({ min: 0, max: 35 }),
        (n, after, before, backwards, size) => {
          const first = backwards ? null : size;
          const last = backwards ? size : null;
          const list = Array.from({ length: n }, (_, i) => `item ${i}`);
          const page = pageOfList(
            list,
            first,
            after === null ? null : encodeCursor(after),
            last,
            before === null ? null : encodeCursor(before),
          );
          const { edges } = reference(n, first, last, after, before);
          expect(page.edges.map((e) => e.node)).toEqual(edges.map((i) => `item ${i}`));
          expect(page.totalCount).toBe(n);
          expect(page.pageInfo.startCursor).toBe(edges.length ? encodeCursor(edges[0]) : null);
          expect(page.pageInfo.endCursor).toBe(edges.length ? encodeCursor(edges[edges.length - 1]) : null);
          // Items before / after the page exist in the list exactly when these say so.
          if (edges.length) {
            expect(page.pageInfo.hasPreviousPage).toBe(edges[0] > 0);
            expect(page.pageInfo.hasNextPage).toBe(edges[edges.length - 1] < n - 1);
          }
          // The specification's own cases: paging forwards, hasNextPage says the window holds more;
          // paging backwards, hasPreviousPage does.
          const { window } = reference(n, null, null, after, before);
          if (!backwards) expect(page.pageInfo.hasNextPage || window.length <= size).toBe(true);
          if (backwards) expect(page.pageInfo.hasPreviousPage || window.length <= size).toBe(true);
        },
      ),
    );
  });

  it('refuses first with last, sizes out of range and foreign cursors, naming the argument', () => {
    expect(() => pageRequest({ first: 2, last: 2 }, offsetCursor)).toThrow(/last: cannot be combined with first/);
    expect(() => pageRequest({ last: 201 }, offsetCursor)).toThrow(/last: must be between 0 and 200/);
    expect(() => pageRequest({ last: 2, before: encodeCursor(['a', 'b']) }, offsetCursor)).toThrow(/before: is not a cursor/);
    expect(pageRequest({}, offsetCursor)).toEqual({ first: 20, last: null, after: null, before: null });
  });
});
