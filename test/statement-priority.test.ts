import { ConfigError, loadConfig } from '../src/config';
import { EmbeddedStore, StatementGate, defaultReadConcurrency, defaultReadHold } from '../src/graph/embedded-store';

/**
 * Issue 15: on the embedded engine a write transaction's statements must not queue behind the
 * readers' statements (they share libuv's thread pool, first come first served). Real engine, no
 * mocks; the assertions are on order and counters, never on elapsed time.
 */

// A read that keeps a pool thread busy for a while (the same text every time: the engine's work, not ours).
const SLOW_READ = 'UNWIND range(1, 300000) AS x RETURN sum(x * x) AS s';

describe('the embedded store gives the writer priority over queued reads', () => {
  it('reads issued while a write transaction is about wait behind it: it commits before most of them have run', async () => {
    const store = EmbeddedStore.inMemory({ readConcurrency: 2, readHold: 'writes' });
    try {
      await store.write('CREATE (:Probe {id: "p", n: 0})');
      let readsDone = 0;
      const writerBefore = store.gate.stats.writerStatements;
      // The transaction is about (waiting for its turn at the lock) before the reads are issued.
      const tx = store.transaction(async (t) => {
        for (let i = 1; i <= 5; i++) await t.run('MATCH (p:Probe {id: "p"}) SET p.n = $n RETURN p.n AS n', { n: i });
      });
      expect(store.gate.writersAbout).toBe(1);
      const reads = Array.from({ length: 40 }, () =>
        store.read(SLOW_READ).then((rows) => {
          readsDone++;
          return rows;
        }),
      );
      // Every read has been issued; the gate holds all but two of them.
      expect(store.gate.readsInFlight).toBe(2);
      expect(store.gate.readsWaiting).toBe(38);

      await tx;
      const readsDoneAtCommit = readsDone;
      expect(store.gate.stats.writerStatements - writerBefore).toBeGreaterThanOrEqual(5);
      // The writer has gone: the reads still waiting all go to the engine at once.
      expect(store.gate.writersAbout).toBe(0);
      expect(store.gate.readsWaiting).toBe(0);

      const results = await Promise.all(reads);
      expect(results.every((r) => r.length === 1)).toBe(true);
      // Without the priority each of the five statements waits behind all 40 reads in the pool's queue.
      expect(readsDoneAtCommit).toBeLessThan(20);
      expect(store.gate.readsInFlight).toBe(0);
      expect(await store.read('MATCH (p:Probe {id: "p"}) RETURN p.n AS n')).toEqual([{ n: 5 }]);
    } finally {
      await store.close();
    }
  }, 120_000);

  it('RAPPORT_READ_HOLD=writes: with no writer about reads are not held back; once one arrives, new reads wait for a slot', async () => {
    const store = EmbeddedStore.inMemory({ readConcurrency: 2, readHold: 'writes' });
    try {
      await store.write('CREATE (:Probe {id: "p", n: 0})');
      const early = Array.from({ length: 12 }, () => store.read(SLOW_READ));
      // No transaction waits or runs: all twelve are in the engine's hands.
      expect(store.gate.readsInFlight).toBe(12);
      expect(store.gate.readsWaiting).toBe(0);

      const tx = store.transaction((t) => t.run('MATCH (p:Probe {id: "p"}) SET p.n = 1 RETURN p.n AS n'));
      const late = Array.from({ length: 6 }, () => store.read(SLOW_READ));
      // Twelve already in flight (more than the limit of two): the six new ones wait.
      expect(store.gate.readsWaiting).toBe(6);
      await tx;
      expect(store.gate.readsWaiting).toBe(0);
      const all = await Promise.all([...early, ...late]);
      expect(all).toHaveLength(18);
      expect(store.gate.stats.queuedReads).toBe(6);
      expect(store.gate.readsInFlight).toBe(0);
    } finally {
      await store.close();
    }
  }, 120_000);

  it('a failed transaction also lets the held reads go', async () => {
    const store = EmbeddedStore.inMemory({ readConcurrency: 1, readHold: 'writes' });
    try {
      const tx = store.transaction((t) => t.run('THIS IS NOT CYPHER'));
      const reads = Array.from({ length: 4 }, (_, i) => store.read('RETURN $i AS i', { i }));
      expect(store.gate.readsWaiting).toBe(3);
      await expect(tx).rejects.toBeDefined();
      expect(store.gate.writersAbout).toBe(0);
      expect((await Promise.all(reads)).map((r) => r[0].i)).toEqual([0, 1, 2, 3]);
      expect(store.gate.readsWaiting).toBe(0);
    } finally {
      await store.close();
    }
  });

  it('a failing read releases its slot: the reads queued behind it still run', async () => {
    const store = EmbeddedStore.inMemory({ readConcurrency: 1, readHold: 'writes' });
    try {
      const gone = store.gate.writerArrives();
      const bad = store.read('THIS IS NOT CYPHER');
      const good = Array.from({ length: 5 }, (_, i) => store.read('RETURN $i AS i', { i }));
      expect(store.gate.readsWaiting).toBe(5);
      await expect(bad).rejects.toBeDefined();
      expect((await Promise.all(good)).map((r) => r[0].i)).toEqual([0, 1, 2, 3, 4]);
      expect(store.gate.readsInFlight).toBe(0);
      expect(store.gate.readsWaiting).toBe(0);
      gone();
      gone(); // a second call changes nothing
      expect(store.gate.writersAbout).toBe(0);
    } finally {
      await store.close();
    }
  });

  it('while a writer is about the gate keeps at most `limit` reads in flight and runs the waiting ones in order', async () => {
    const gate = new StatementGate(2, 'writes');
    const gone = gate.writerArrives();
    const started: number[] = [];
    const finish: (() => void)[] = [];
    const runs = Array.from({ length: 5 }, (_, i) =>
      gate.read(
        () =>
          new Promise<number>((resolve) => {
            started.push(i);
            finish[i] = () => resolve(i);
          }),
      ),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    // The writer passes at once although three reads wait.
    let wrote = false;
    await gate.writer(async () => {
      wrote = true;
    });
    expect(wrote).toBe(true);
    expect(gate.readsWaiting).toBe(3);
    finish[1]();
    await runs[1];
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1, 2]);
    expect(gate.stats.maxReadsInFlight).toBe(2);
    // The writer goes: the two still waiting start at once, beside the two in flight.
    gone();
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(gate.readsInFlight).toBe(4);
    expect(gate.stats.maxReadsInFlight).toBe(4);
    for (const i of [0, 2, 3, 4]) finish[i]();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3, 4]);
    expect(gate.readsInFlight).toBe(0);
  });

  it('by default (RAPPORT_READ_HOLD=always) reads are held to the limit with no writer about too', async () => {
    const store = EmbeddedStore.inMemory({ readConcurrency: 2 });
    try {
      const reads = Array.from({ length: 6 }, (_, i) => store.read('RETURN $i AS i', { i }));
      expect(store.gate.writersAbout).toBe(0);
      expect(store.gate.readsInFlight).toBe(2);
      expect(store.gate.readsWaiting).toBe(4);
      expect((await Promise.all(reads)).map((r) => r[0].i)).toEqual([0, 1, 2, 3, 4, 5]);
      expect(store.gate.stats.maxReadsInFlight).toBe(2);
    } finally {
      await store.close();
    }
    expect(defaultReadHold({})).toBe('always');
    expect(defaultReadHold({ RAPPORT_READ_HOLD: 'writes' })).toBe('writes');
    expect(loadConfig({}).readHold).toBe('always');
    expect(loadConfig({ RAPPORT_READ_HOLD: 'writes' }).readHold).toBe('writes');
    expect(() => loadConfig({ RAPPORT_READ_HOLD: 'sometimes' })).toThrow(ConfigError);
  });

  it('reads one less than the thread pool by default, or RAPPORT_READ_CONCURRENCY (checked at start)', () => {
    expect(defaultReadConcurrency({})).toBe(3);
    expect(defaultReadConcurrency({ UV_THREADPOOL_SIZE: '8' })).toBe(7);
    expect(defaultReadConcurrency({ UV_THREADPOOL_SIZE: '1' })).toBe(1);
    expect(loadConfig({ RAPPORT_READ_CONCURRENCY: '6' }).readConcurrency).toBe(6);
    expect(loadConfig({}).readConcurrency).toBeNull();
    expect(() => loadConfig({ RAPPORT_READ_CONCURRENCY: '0' })).toThrow(ConfigError);
  });
});
