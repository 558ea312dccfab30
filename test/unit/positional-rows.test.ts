import { testEngines } from '../support/engines';
import { NODE_KINDS, EDGE_KINDS } from '../../src/graph/kinds';
import {
  edgeCreateCypher,
  nodeCreateCypher,
  nodeUpsertCypher,
  positional,
  runRows,
  type PlainRow,
} from '../../src/graph/repositories/upsert.repo';

/**
 * Bulk statements hand each row to the engine as a list (`row[0]`, `row[1]`…) instead of a map
 * (issue 15, eleventh round): the same values must be written, and a field a row lacks must read as
 * null, as `row.field` did.
 */
describe('positional rows', () => {
  it('numbers the fields in the order of their first use and rewrites every use', () => {
    const p = positional('UNWIND $rows AS row\nMATCH (n {id: row.id})\nSET n.at = datetime(row.at), n.copy = row.id, n.name = row._name');
    expect(p.fields).toEqual(['id', 'at', '_name']);
    expect(p.text).toBe('UNWIND $rows AS row\nMATCH (n {id: row[0]})\nSET n.at = datetime(row[1]), n.copy = row[0], n.name = row[2]');
  });

  it('leaves other names alone: $rows, rows, a variable ending in "row", and the statement text is cached', () => {
    const text = 'UNWIND $rows AS row WITH row, [x IN $rows | x] AS rows, 1 AS newrow RETURN row.a, newrow, size(rows)';
    const p = positional(text);
    expect(p.text).toBe('UNWIND $rows AS row WITH row, [x IN $rows | x] AS rows, 1 AS newrow RETURN row[0], newrow, size(rows)');
    expect(positional(text)).toBe(p);
  });

  it('every bulk statement of every kind keeps no map access to a row', () => {
    for (const kind of NODE_KINDS) {
      expect(positional(nodeUpsertCypher(kind)).text).not.toMatch(/\brow\.\w/);
      expect(positional(nodeCreateCypher(kind, [], true, true)).text).not.toMatch(/\brow\.\w/);
    }
    for (const kind of EDGE_KINDS) expect(positional(edgeCreateCypher(kind)).text).not.toMatch(/\brow\.\w/);
  });
});

describe.each(testEngines())('positional rows on $name', (engine) => {
  it('write the same nodes as map rows, with missing fields null', async () => {
    const store = await engine.open();
    try {
      const rows: PlainRow[] = [
        { id: 'a', name: 'Anna', n: 3, tags: ['x', 'y'], at: '2026-03-01T10:00:00.000Z' },
        { id: 'b', name: 'Ben', at: '2026-03-02T10:00:00.000Z' },
        { id: 'c', n: 0, tags: [], at: null },
      ];
      const write = (label: string) =>
        `UNWIND $rows AS row CREATE (x:${label} {id: row.id}) SET x.name = row.name, x.n = row.n, x.tags = row.tags, x.at = datetime(row.at), x.batch = $batch`;
      await store.transaction(async (tx) => {
        await tx.run(write('ByMap'), { rows, batch: 'b1' });
        await runRows(tx, write('ByList'), rows, { batch: 'b1' });
      });
      const read = (label: string) =>
        store.read(
          `MATCH (x:${label}) RETURN x.id AS id, x.name AS name, x.n AS n, x.tags AS tags, x.at AS at, x.batch AS batch ORDER BY id`,
        );
      const byMap = await read('ByMap');
      expect(byMap).toHaveLength(3);
      expect(await read('ByList')).toEqual(byMap);
      expect(byMap[1].n).toBeNull();
      expect(byMap[2].name).toBeNull();
    } finally {
      await engine.clear(store);
      await store.close();
    }
  });
});
