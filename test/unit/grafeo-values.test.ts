import type { GrafeoDB, QueryResult } from '@grafeo-db/js';
import { EmbeddedStore } from '../../src/graph/embedded-store';
import type { Row, Value } from '../../src/graph/store';
import { fromGrafeoValue, plainParams } from '../../src/graph/values';

/**
 * The converter of the embedded engine's values was rewritten for speed (issue 15, seventh round):
 * it reads `rows()` instead of `toArray()` and converts in place. These tests hold it to the
 * converter it replaced, kept here as the reference, on synthetic values and on the real engine's.
 */
const REF_NODE_KEYS = new Set(['_id', '_labels']);
const REF_EDGE_KEYS = new Set(['_id', '_source', '_target', '_type']);
function referenceValue(v: unknown): Value {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(referenceValue);
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const isNode = Array.isArray(o._labels) && '_id' in o;
    const isEdge = '_type' in o && '_source' in o && '_target' in o;
    const skip = isNode ? REF_NODE_KEYS : isEdge ? REF_EDGE_KEYS : undefined;
    const out: Record<string, Value> = {};
    for (const [k, x] of Object.entries(o)) {
      if (skip?.has(k)) continue;
      out[k] = referenceValue(x);
    }
    return out;
  }
  return String(v);
}
function referenceRows(result: QueryResult): Row[] {
  return result.toArray().map((r) => {
    const row: Row = {};
    for (const [k, v] of Object.entries(r)) row[k] = referenceValue(v);
    return row;
  });
}

/** Equal values and the same key order at every level (JSON text compares both). */
const expectSame = (actual: unknown, expected: unknown) => {
  expect(actual).toEqual(expected);
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
};

describe('fromGrafeoValue: the same port JSON as the converter it replaced', () => {
  const node = { _id: 7, _labels: ['Customer'], id: 'cus_1', name: '万达', tags: ['a', null], at: new Date('2026-01-02T03:04:05Z') };
  const edge = { _id: 3, _source: 1, _target: 2, _type: 'COVERS', role: 'PRIMARY', since: '2026-01-01T00:00:00Z', n: 12n };
  const samples: [string, unknown][] = [
    ['null', null],
    ['undefined', undefined],
    ['string', 'text'],
    ['empty string', ''],
    ['number', 1.5],
    ['NaN', NaN],
    ['boolean', false],
    ['bigint', 9007199254740993n],
    ['date', new Date('2026-12-01T00:00:00.123Z')],
    ['Float32Array', new Float32Array([0.5, 1.25])],
    ['Uint8Array (a Buffer)', Uint8Array.from([1, 2, 255])],
    ['empty list', []],
    ['empty map', {}],
    ['list of scalars with nulls', [1, 'a', null, true, undefined]],
    ['node', node],
    ['edge', edge],
    ['node-like map without _id', { _labels: ['X'], id: 'x' }],
    ['edge-like map without _target', { _type: 'R', _source: 1, id: 'x' }],
    ['map with _id only', { _id: 5, id: 'x' }],
    ['nested maps and lists', { a: { b: [{ c: 1n, d: [new Date(0), null] }] }, e: [[node, edge]], f: { g: undefined } }],
    ['list of nodes', [node, { ...node, _id: 8 }]],
    [
      'list of maps with nodes',
      [
        { item: 'i1', c: node },
        { item: 'i2', c: null },
      ],
    ],
    ['map holding an edge and lists', { from: '2026', to: null, e: node, owners: [{ from: 'x', e: edge }] }],
  ];
  it.each(samples)('%s', (_name, value) => {
    // The new converter works in place: each converter gets its own copy.
    expectSame(fromGrafeoValue(structuredClone(value)), referenceValue(structuredClone(value)));
  });

  it('converts an object without a prototype to a plain object, as before', () => {
    const bare = Object.assign(Object.create(null) as object, { a: 1, b: [2n] });
    const out = fromGrafeoValue(bare);
    expect(Object.getPrototypeOf(out)).not.toBeNull();
    expectSame(out, referenceValue(Object.assign(Object.create(null) as object, { a: 1, b: [2n] })));
  });

  it('converts a class instance to a plain object, as before', () => {
    class Term {
      termType = 'NamedNode';
      value = 'urn:x';
    }
    const out = fromGrafeoValue(new Term());
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expectSame(out, referenceValue(new Term()));
  });
});

describe('EmbeddedStore.rows: the same rows as toArray() and the old converter, on the real engine', () => {
  let store: EmbeddedStore;
  let db: GrafeoDB;
  beforeAll(async () => {
    store = EmbeddedStore.inMemory();
    db = (store as unknown as { db: GrafeoDB }).db;
    await store.write(
      `CREATE (a:Customer {id: 'a', name: '万达酒店', n: 1, f: 1.5, l: [1, 2], s: ['x', 'y'], big: 9007199254740993,
         d: datetime('2026-01-02T03:04:05Z'), dd: date('2026-01-02'), b: true, gone: null})
         <-[:COVERS {id: 'r1', role: 'PRIMARY', from: '2026-01-01T00:00:00Z', n: 2}]-(e:Engineer:Person {id: 'e', skills: ['ip']}),
       (a)<-[:COVERS {id: 'r2', role: 'BACKUP', from: '2025-01-01T00:00:00Z', to: '2025-06-01T00:00:00Z'}]-(e)`,
    );
  });
  afterAll(() => store.close());

  const statements: [string, string][] = [
    ['nodes and edges', 'MATCH (c:Customer)<-[r:COVERS]-(e:Engineer) RETURN c, r, e ORDER BY r.id'],
    [
      'map projections and scalars',
      `MATCH (c:Customer)<-[r:COVERS]-(e:Engineer) RETURN c.id AS key, r {.id, .role, .from, .to} AS r, e {.id, .skills, .missing} AS e,
         c.big AS big, c.f AS f ORDER BY r.id`,
    ],
    [
      'lists of nodes, maps of edges, temporal values',
      `MATCH (c:Customer)<-[r:COVERS]-(e:Engineer) WITH c, collect(r) AS rs, collect(e) AS es
       RETURN c.id AS key, rs, es, {first: rs[0], n: size(rs), at: localdatetime('2026-01-02T03:04:05')} AS m,
         [x IN rs | {role: x.role, e: es[0]}] AS owners, duration('P1D') AS dur, null AS nothing, [] AS empty, {} AS emptyMap`,
    ],
    ['a pattern comprehension', `MATCH (c:Customer) RETURN c, [(c)<-[o:COVERS]-(e:Engineer) | {from: o.from, to: o.to, e: e}] AS owners`],
    ['no rows', `MATCH (c:Customer {id: 'none'}) RETURN c`],
    ['one scalar', 'RETURN 1 AS ok'],
  ];
  it.each(statements)('%s', async (_name, cypher) => {
    const expected = referenceRows(await db.executeCypher(cypher));
    const actual = EmbeddedStore.rows(await db.executeCypher(cypher));
    expectSame(actual, expected);
    expectSame(await store.read(cypher), expected);
  });
});

describe('plainParams', () => {
  it('turns dates into ISO strings, undefined into null, bigints into numbers, at any depth', () => {
    const d = new Date('2026-01-02T03:04:05.000Z');
    expect(plainParams({ a: d, b: undefined, c: 3n, d: [d, undefined, { e: d }], f: { g: [1n] }, h: 'x', i: null })).toEqual({
      a: '2026-01-02T03:04:05.000Z',
      b: null,
      c: 3,
      d: ['2026-01-02T03:04:05.000Z', null, { e: '2026-01-02T03:04:05.000Z' }],
      f: { g: [1] },
      h: 'x',
      i: null,
    });
    expect(plainParams(undefined)).toEqual({});
  });
});
