import type { Store } from '../src/graph/store';
import { StoreError } from '../src/graph/store-errors';
import { AppError, notFound } from '../src/errors';
import { lock } from '../src/graph/invariants';
import { testEngines } from './support/engines';

// One contract, every engine: the embedded engine always, Neo4j when NEO4J_URI is set.
describe.each(testEngines())('storage port contract on $name', (engine) => {
  let store: Store;
  beforeAll(async () => {
    store = await engine.open();
  });
  afterAll(async () => {
    await store.close();
  });
  beforeEach(async () => {
    await store.write('MATCH (n:Customer) DETACH DELETE n');
  });

  it('round-trips numbers, strings, booleans, lists, maps and null', async () => {
    const rows = await store.read('RETURN $i AS i, $f AS f, $s AS s, $b AS b, $l AS l, $m AS m, $n AS n, $u AS u', {
      i: 42,
      f: 1.25,
      s: '中国移动 乌鲁木齐 "quoted"',
      b: true,
      l: [1, 'two', false],
      m: { a: 1, b: ['x'] },
      n: null,
      u: -7,
    });
    expect(rows).toEqual([
      { i: 42, f: 1.25, s: '中国移动 乌鲁木齐 "quoted"', b: true, l: [1, 'two', false], m: { a: 1, b: ['x'] }, n: null, u: -7 },
    ]);
    expect(typeof rows[0].i).toBe('number');
  });

  it('returns temporal values as ISO-8601 strings that compare as instants', async () => {
    await store.write('CREATE (:Customer {id: $id, since: datetime($at)})', { id: 't1', at: '2025-06-15T08:30:00Z' });
    const [row] = await store.read('MATCH (c:Customer {id: $id}) RETURN c.since AS since, c.since < datetime($later) AS before', {
      id: 't1',
      later: '2025-06-15T09:00:00Z',
    });
    expect(typeof row.since).toBe('string');
    expect(new Date(row.since as string).toISOString()).toBe('2025-06-15T08:30:00.000Z');
    expect(row.before).toBe(true);
  });

  it('a JS Date parameter arrives as an ISO string, not an empty map', async () => {
    const [row] = await store.read('RETURN $d AS d', { d: new Date('2025-01-02T03:04:05.000Z') });
    expect(row.d).toBe('2025-01-02T03:04:05.000Z');
  });

  it('returns nodes and relationships as property maps, without engine ids', async () => {
    await store.write('CREATE (a:Customer {id: "a", name: "A"})-[:BRANCH_OF {since: 2020}]->(b:Customer {id: "b", name: "B"})');
    const [row] = await store.read('MATCH (a:Customer {id: "a"})-[r:BRANCH_OF]->(b) RETURN a, r, b');
    expect(row).toEqual({ a: { id: 'a', name: 'A' }, r: { since: 2020 }, b: { id: 'b', name: 'B' } });
  });

  it('binds integer parameters where the engine needs integers (LIMIT)', async () => {
    await store.write('UNWIND $ids AS id CREATE (:Customer {id: id})', { ids: ['l1', 'l2', 'l3'] });
    const rows = await store.read('MATCH (c:Customer) RETURN c.id AS id ORDER BY id LIMIT $n', { n: 2 });
    expect(rows.map((r) => r.id)).toEqual(['l1', 'l2']);
  });

  it('commits every statement of a transaction together', async () => {
    await store.transaction(async (tx) => {
      await tx.run('CREATE (:Customer {id: "x1"})');
      await tx.run('CREATE (:Customer {id: "x2"})');
    });
    const rows = await store.read('MATCH (c:Customer) RETURN c.id AS id ORDER BY id');
    expect(rows.map((r) => r.id)).toEqual(['x1', 'x2']);
  });

  it('rolls back every statement when the work fails', async () => {
    await expect(
      store.transaction(async (tx) => {
        await tx.run('CREATE (:Customer {id: "r1"})');
        throw new Error('business rule refused');
      }),
    ).rejects.toThrow('business rule refused');
    expect(await store.read('MATCH (c:Customer) RETURN c.id AS id')).toEqual([]);
  });

  it('maps a unique-constraint violation to CONFLICT and writes nothing of that transaction', async () => {
    await store.write('CREATE (:Customer {id: "dup"})');
    const err = await store
      .transaction(async (tx) => {
        await tx.run('CREATE (:Customer {id: "fresh"})');
        await tx.run('CREATE (:Customer {id: "dup"})');
      })
      .catch((e) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect(err.kind).toBe('CONFLICT');
    expect(err.toAppError().code).toBe('CONFLICT');
    const rows = await store.read('MATCH (c:Customer) RETURN c.id AS id ORDER BY id');
    expect(rows.map((r) => r.id)).toEqual(['dup']);
  });

  it('a refusal thrown by the work rolls back and reaches the caller unchanged (not as a store error)', async () => {
    const err = await store
      .transaction(async (tx) => {
        await tx.run('CREATE (:Customer {id: "refused"})');
        throw notFound('Customer', 'cus_x');
      })
      .catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'NOT_FOUND', message: 'Customer cus_x not found' });
    expect(await store.read('MATCH (c:Customer {id: "refused"}) RETURN c.id AS id')).toEqual([]);
  });

  it('maps a syntax error to an internal error that keeps the Cypher for the log only', async () => {
    const err = await store.read('MATCH (c:Customer RETURN c').catch((e) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect(err.kind).toBe('QUERY');
    expect(err.cypher).toBe('MATCH (c:Customer RETURN c');
    const shown = err.toAppError();
    expect(shown.code).toBe('INTERNAL_SERVER_ERROR');
    expect(shown.message).not.toContain('MATCH');
  });

  it('binds parameters, never interpolates them', async () => {
    const hostile = `x"}) WITH 1 AS one MATCH (n) DETACH DELETE n //`;
    await store.write('CREATE (:Customer {id: "keep"})');
    await store.write('CREATE (:Customer {id: $id, name: $name})', { id: 'h', name: hostile });
    const rows = await store.read('MATCH (c:Customer) RETURN c.id AS id, c.name AS name ORDER BY id');
    expect(rows).toEqual([
      { id: 'h', name: hostile },
      { id: 'keep', name: null },
    ]);
  });

  it('does not interleave concurrent write transactions', async () => {
    await store.write('CREATE (:Customer {id: "counter", v: 0})');
    const seen: Record<string, number[]> = { a: [], b: [] };
    const work = (who: 'a' | 'b') =>
      store.transaction(async (tx) => {
        seen[who] = [];
        for (let i = 0; i < 5; i++) {
          const [row] = await tx.run('MATCH (c:Customer {id: "counter"}) SET c.v = c.v + 1 RETURN c.v AS v');
          seen[who].push(row.v as number);
          await new Promise((r) => setTimeout(r, 5));
        }
      });
    await Promise.all([work('a'), work('b')]);
    const [row] = await store.read('MATCH (c:Customer {id: "counter"}) RETURN c.v AS v');
    expect(row.v).toBe(10);
    // Each transaction saw five consecutive values: nothing of the other ran in between.
    for (const values of [seen.a, seen.b]) {
      expect(values).toHaveLength(5);
      values.forEach((v, i) => expect(v).toBe(values[0] + i));
    }
    expect([seen.a[0], seen.b[0]].sort()).toEqual([1, 6]);
  });

  it('retries a transaction that lost a deadlock: both writers commit', async () => {
    // Two transactions take the same two nodes' locks in opposite orders. Neo4j runs them in
    // parallel, detects the deadlock and fails one with a transient error, which the port retries;
    // the embedded engine runs them one after the other. Either way both must commit, exactly once.
    await store.write('CREATE (:Customer {id: "da", v: 0}), (:Customer {id: "db", v: 0})');
    const attempts = { ab: 0, ba: 0 };
    const work = (first: string, second: string, who: 'ab' | 'ba') =>
      store.transaction(async (tx) => {
        attempts[who]++;
        await tx.run('MATCH (c:Customer {id: $id}) SET c.v = c.v + 1', { id: first });
        await new Promise((r) => setTimeout(r, 200));
        await tx.run('MATCH (c:Customer {id: $id}) SET c.v = c.v + 1', { id: second });
        return who;
      });
    await expect(Promise.all([work('da', 'db', 'ab'), work('db', 'da', 'ba')])).resolves.toEqual(['ab', 'ba']);
    const rows = await store.read('MATCH (c:Customer) WHERE c.id IN ["da", "db"] RETURN c.id AS id, c.v AS v ORDER BY id');
    expect(rows).toEqual([
      { id: 'da', v: 2 },
      { id: 'db', v: 2 },
    ]);
    expect(attempts.ab + attempts.ba).toBeGreaterThanOrEqual(2);
  });

  it('lock() serialises check-then-write: of ten racing transactions exactly one creates the record', async () => {
    // The invariants' pattern (src/graph/invariants.ts): lock the node that owns the decision as the
    // first write, then read, decide, write. Neo4j runs the ten in parallel: the lock makes each wait
    // until the previous one commits and then read what it wrote (read committed after the lock).
    await store.write('CREATE (:Customer {id: "lk"})');
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        store.transaction(async (tx) => {
          await lock(tx, 'Customer', ['lk']);
          const [row] = await tx.run('MATCH (c:Customer {id: "lk"})<-[:COVERS]-(e) RETURN count(e) AS n');
          await new Promise((r) => setTimeout(r, 20));
          if (row.n !== 0) return 'refused';
          await tx.run('MATCH (c:Customer {id: "lk"}) CREATE (c)<-[:COVERS]-(:Engineer {id: $id})', { id: `lk-e${i}` });
          return 'created';
        }),
      ),
    );
    expect(outcomes.filter((o) => o === 'created')).toHaveLength(1);
    const [row] = await store.read('MATCH (c:Customer {id: "lk"})<-[:COVERS]-(e) RETURN count(e) AS n, c._lock AS left');
    expect(row).toEqual({ n: 1, left: null });
    await store.write('MATCH (e:Engineer) WHERE e.id STARTS WITH "lk-" DETACH DELETE e');
  });

  it('a read right after a write sees it (read-after-write through the shared bookmarks)', async () => {
    for (let i = 0; i < 20; i++) {
      await store.write('CREATE (:Customer {id: $id})', { id: `raw${i}` });
      const [row] = await store.read('MATCH (c:Customer) WHERE c.id STARTS WITH "raw" RETURN count(c) AS n');
      expect(row.n).toBe(i + 1);
    }
    await store.transaction(async (tx) => {
      await tx.run('MATCH (c:Customer) WHERE c.id STARTS WITH "raw" SET c.seen = true');
    });
    const [row] = await store.read('MATCH (c:Customer {seen: true}) RETURN count(c) AS n');
    expect(row.n).toBe(20);
  });

  it('keeps temporal precision and offsets: a stored instant reads back as the same instant', async () => {
    await store.write('CREATE (:Customer {id: "tz", at: datetime($a), ms: datetime($b)})', {
      a: '2026-06-15T09:00:00+08:00',
      b: '2026-06-15T01:00:00.123Z',
    });
    // Neo4j orders two datetimes of the same instant by their offset too (embedded: equal), so
    // Rapport stores UTC only (the import and the repositories normalise); UTC values compare as instants.
    const [row] = await store.read(
      'MATCH (c:Customer {id: "tz"}) RETURN c.at AS at, c.ms AS ms, c.ms = datetime($same) AND NOT (c.ms < datetime($same)) AS same',
      { same: '2026-06-15T01:00:00.123Z' },
    );
    expect(new Date(row.at as string).toISOString()).toBe('2026-06-15T01:00:00.000Z');
    expect(new Date(row.ms as string).toISOString()).toBe('2026-06-15T01:00:00.123Z');
    expect(row.same).toBe(true);
  });

  it('answers a ping', async () => {
    await expect(store.ping()).resolves.toBeUndefined();
  });
});
