import fc from 'fast-check';
import { compareKeys } from '../../src/domain/attention-list';
import { AttentionCache, type StateWrite } from '../../src/graph/attention-cache';
import type { Row } from '../../src/graph/store';

/**
 * The embedded store's cache of the attention states (issue 15): the rows it holds and their ranking
 * order after loads and committed writes. (That the list read from it equals a full assessment is
 * proven end to end by test/attention-model.test.ts on the embedded engine.)
 */
const row = (id: string, score: number, name = id): Row => ({
  id,
  name,
  tier: 'STANDARD',
  score,
  codes: score > 0 ? ['NO_BACKUP'] : [],
  archived: false,
  at: '2026-12-01T00:00:00.000Z',
  next: '2026-12-02T00:00:00.000Z',
  textUntil: null,
  policy: 'p',
});

const order = (c: AttentionCache) => c.inOrder.map((s) => s.id);
const expected = (rows: Map<string, Row>) =>
  [...rows.values()]
    .sort((a, b) => compareKeys([Number(a.score), a.name as string, a.id as string], [Number(b.score), b.name as string, b.id as string]))
    .map((r) => r.id as string);

describe('AttentionCache', () => {
  it('ranks by score (highest first), then name, then id, and follows committed writes', async () => {
    const c = await new AttentionCache(async () => [row('c1', 10, 'B'), row('c2', 10, 'A'), row('c3', 30), row('c4', 0)]).ready();
    expect(order(c)).toEqual(['c3', 'c2', 'c1', 'c4']);
    c.applyCommitted([{ rows: [row('c4', 50)] }, { drop: ['c3'] }]);
    expect(order(c)).toEqual(['c4', 'c2', 'c1']);
    c.applyCommitted([{ rows: [row('c5', 10, 'A')] }]);
    expect(order(c)).toEqual(['c4', 'c2', 'c5', 'c1']);
    expect(c.size).toBe(4);
  });

  it('ignores writes before its first use (the load reads them) and replays those committed during the load', async () => {
    let release!: (rows: Row[]) => void;
    const c = new AttentionCache(() => new Promise<Row[]>((r) => (release = r)));
    c.applyCommitted([{ rows: [row('before', 99)] }]);
    const ready = c.ready();
    // Committed while the states are read: the snapshot may or may not include them.
    c.applyCommitted([{ rows: [row('c1', 5)] }]);
    c.applyCommitted([{ drop: ['c2'] }]);
    release([row('c1', 1), row('c2', 2)]);
    await ready;
    expect(order(c)).toEqual(['c1']);
    expect(c.inOrder[0].score).toBe(5);
  });

  it('a failed load is tried again by the next use', async () => {
    let calls = 0;
    const c = new AttentionCache(async () => {
      calls++;
      if (calls === 1) throw new Error('store unavailable');
      return [row('c1', 1)];
    });
    await expect(c.ready()).rejects.toThrow('store unavailable');
    expect(order(await c.ready())).toEqual(['c1']);
  });

  it('after any sequence of commits, small or large, holds exactly the last write of each state, in ranking order', () => {
    const write = fc.oneof(
      fc.record({ id: fc.integer({ min: 0, max: 40 }), score: fc.integer({ min: 0, max: 5 }), name: fc.constantFrom('A', 'B', 'C') }),
      fc.record({ drop: fc.integer({ min: 0, max: 40 }) }),
    );
    fc.assert(
      fc.asyncProperty(fc.array(fc.array(write, { maxLength: 30 }), { maxLength: 20 }), fc.boolean(), async (commits, bulk) => {
        const model = new Map<string, Row>();
        const c = await new AttentionCache(async () => []).ready();
        for (const commit of commits) {
          const writes = commit.map((w): StateWrite =>
            'drop' in w ? { drop: [`c${w.drop}`] } : { rows: [row(`c${w.id}`, w.score, w.name)] },
          );
          // `bulk` repeats each commit's rows enough times to take the re-sort path (over 2,000 rows).
          const applied = bulk ? [...writes, ...Array.from({ length: 70 }, () => writes).flat()] : writes;
          for (const w of applied) {
            if ('drop' in w) for (const id of w.drop) model.delete(id);
            else for (const r of w.rows) model.set(r.id as string, r);
          }
          c.applyCommitted(applied);
        }
        expect(order(c)).toEqual(expected(model));
        expect(c.size).toBe(model.size);
      }),
      { numRuns: 60 },
    );
  });
});
