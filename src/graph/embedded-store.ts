import { existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { GrafeoDB, type QueryResult } from '@grafeo-db/js';
import type { Params, Row, Store, TxRunner } from './store';
import { StoreError, fromGrafeoError } from './store-errors';
import { fromGrafeoValue, plainParams } from './values';
import { AttentionCache, ALL_STATES } from './attention-cache';
import { PageBounds } from './page-bounds';
import { Gate } from './gate';
import { trackWrites, type TouchedSet } from './write-tracking';
import type { ReadHold } from './read-hold';
// Installs the maintained attention state's hook, which every write transaction runs before commit (issue 15).
import './attention-state';
import './repositories/search-keys.repo';

export const EMBEDDED_FILE = 'rapport.grafeo';

export class EmbeddedStoreOpenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmbeddedStoreOpenError';
  }
}

/** Serialises write transactions: one writer at a time, readers never wait (MVCC snapshots). */
class Mutex {
  private tail: Promise<void> = Promise.resolve();
  async lock<T>(fn: () => Promise<T>): Promise<T> {
    const prev = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((r) => (release = r));
    await prev;
    try {
      return await fn();
    } finally {
      release();
    }
  }
}

const MAX_ATTEMPTS = 5;

/**
 * The engine's statements run in libuv's thread pool (napi async work), first come first served. Left
 * alone, a write transaction's statements, issued one after another while the write lock is held,
 * each wait behind every reader's statement queued meanwhile: under 8 readers the lock was held for
 * seconds (issue 15). So reads go through a gate that keeps at most `limit` of them in the engine (the
 * others wait here, in order), and the statements of the write transaction pass the gate at once: they
 * wait at most for a thread and the reads already in the engine, never behind every read queued
 * meanwhile. The hold (RAPPORT_READ_HOLD) is `always` by default: every read in the engine holds memory,
 * and on the large benchmark graph reads not held ended a 10-minute soak ~90 MB higher (2,574 against
 * 2,487 MB, over the 2.5 GB target). With `writes` reads are held only while a write transaction waits
 * for the write lock or holds it: the card's throughput at 32 connections was a third higher (interleaved,
 * medium: 350 → 469 req/s, 4.2 → 3.2 ms of server CPU per card).
 */
export class StatementGate {
  private writers = 0;
  /** Reads in the engine: at most `limit` while held (see `hold`), unbounded otherwise. */
  private readonly reads: Gate;
  private maxReadsInFlight = 0;
  private writerStatements = 0;

  constructor(
    readonly limit: number,
    readonly hold: ReadHold = 'always',
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`read concurrency must be a whole number >= 1, got ${limit}`);
    this.reads = new Gate(() => (this.hold === 'always' || this.writers > 0 ? limit : Infinity));
  }

  /** Reads that had to wait for a slot, the most reads ever in flight, the writer's statements (tests, measurements). */
  get stats() {
    return { queuedReads: this.reads.waited, maxReadsInFlight: this.maxReadsInFlight, writerStatements: this.writerStatements };
  }

  /** A reader's statement: runs at once unless reads are held and `limit` of them are in flight. */
  read<T>(run: () => Promise<T>): Promise<T> {
    return this.reads.run(() => {
      this.maxReadsInFlight = Math.max(this.maxReadsInFlight, this.reads.active);
      return run();
    });
  }

  /**
   * A write transaction is about (waiting for the write lock or holding it) until the returned
   * function is called; from now on at most `limit` reads are in the pool.
   */
  writerArrives(): () => void {
    this.writers++;
    let gone = false;
    return () => {
      if (gone) return;
      gone = true;
      this.writers--;
      this.reads.reconsider();
    };
  }

  /** The write lock holder's statement: started at once, beside the reads in flight. */
  writer<T>(run: () => Promise<T>): Promise<T> {
    this.writerStatements++;
    return run();
  }

  get readsInFlight(): number {
    return this.reads.active;
  }

  get readsWaiting(): number {
    return this.reads.queued;
  }

  /** Write transactions waiting for the lock or holding it. */
  get writersAbout(): number {
    return this.writers;
  }
}

/** RAPPORT_READ_HOLD when the store is opened without one (checked with the configuration, src/config.ts). */
export function defaultReadHold(env: NodeJS.ProcessEnv = process.env): ReadHold {
  return env.RAPPORT_READ_HOLD?.trim() === 'writes' ? 'writes' : 'always';
}

/**
 * Reads in flight in the engine at once when RAPPORT_READ_CONCURRENCY is not set (src/config.ts): one
 * less than libuv's thread pool (`UV_THREADPOOL_SIZE`, 4 by default), so that a thread is free for the writer.
 */
export function defaultReadConcurrency(env: NodeJS.ProcessEnv = process.env): number {
  const pool = Number(env.UV_THREADPOOL_SIZE);
  return Math.max(1, (Number.isInteger(pool) && pool > 0 ? pool : 4) - 1);
}

/** How reads wait for the engine (RAPPORT_READ_CONCURRENCY, RAPPORT_READ_HOLD). */
export interface EmbeddedOptions {
  readConcurrency?: number;
  readHold?: ReadHold;
}

/**
 * The embedded engine: @grafeo-db/js in this process. `dataDir` holds one database file (plus its
 * write-ahead log); without a directory the database lives in memory (tests).
 */
export class EmbeddedStore implements Store {
  readonly engine = 'embedded' as const;
  private readonly writes = new Mutex();
  private closed = false;
  /** The attention states' ranking, kept in this process: no other process writes this store (issue 15). */
  private readonly attention = new AttentionCache(() => this.read(ALL_STATES));
  private readonly bounds = new PageBounds();
  /** Reads wait here; the write lock holder's statements pass first (see StatementGate). */
  readonly gate: StatementGate;

  private constructor(
    private readonly db: GrafeoDB,
    readonly location: string,
    readConcurrency?: number,
    readHold?: ReadHold,
  ) {
    this.gate = new StatementGate(readConcurrency ?? defaultReadConcurrency(), readHold ?? defaultReadHold());
  }

  static inMemory(opts: EmbeddedOptions = {}): EmbeddedStore {
    return new EmbeddedStore(GrafeoDB.create(), ':memory:', opts.readConcurrency, opts.readHold);
  }

  /**
   * Opens (or creates) the database in `dataDir`. A directory held by another process or a file
   * that is not a Grafeo database is refused with a message naming the path: never a silent new
   * empty database.
   */
  static open(dataDir: string, opts: EmbeddedOptions = {}): EmbeddedStore {
    const dir = path.resolve(dataDir);
    if (existsSync(dir) && !statSync(dir).isDirectory()) {
      throw new EmbeddedStoreOpenError(`RAPPORT_DATA_DIR ${dir} is a file, not a directory`);
    }
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, EMBEDDED_FILE);
    const exists = existsSync(file);
    try {
      return new EmbeddedStore(exists ? GrafeoDB.open(file) : GrafeoDB.create(file), file, opts.readConcurrency, opts.readHold);
    } catch (err) {
      const msg = (err as Error).message ?? String(err);
      if (/cannot be locked|lock/i.test(msg)) {
        throw new EmbeddedStoreOpenError(
          `The data directory ${dir} is in use by another Rapport process (${file} is locked). ` +
            'Stop that process or set RAPPORT_DATA_DIR to another directory.',
        );
      }
      if (/header|magic|not a Grafeo database|corrupt|Serialization/i.test(msg)) {
        throw new EmbeddedStoreOpenError(
          `The database file ${file} is damaged or is not a Rapport database (${msg}). ` +
            'It was left untouched: restore it from a backup, or move it aside to start empty.',
        );
      }
      throw new EmbeddedStoreOpenError(`Cannot open the embedded store at ${file}: ${msg}`);
    }
  }

  private assertOpen() {
    if (this.closed) throw new StoreError('UNAVAILABLE', 'The embedded store is closed');
  }

  /**
   * The result as port rows. `rows()` (arrays of values) costs the engine's binding less than
   * `toArray()` (an object per row, keys set one by one); the row objects are built here, keys in
   * column order as `toArray()` gives them (issue 15, bench/convert.ts).
   */
  static rows(result: QueryResult): Row[] {
    const columns = result.columns;
    const raw = result.rows();
    const out: Row[] = new Array(raw.length);
    for (let i = 0; i < raw.length; i++) {
      const values = raw[i];
      const row: Row = {};
      for (let j = 0; j < columns.length; j++) row[columns[j]] = fromGrafeoValue(values[j]);
      out[i] = row;
    }
    return out;
  }

  async read(cypher: string, params?: Params): Promise<Row[]> {
    this.assertOpen();
    try {
      const p = plainParams(params);
      return EmbeddedStore.rows(await this.gate.read(() => this.db.executeCypher(cypher, p)));
    } catch (err) {
      throw fromGrafeoError(err, cypher);
    }
  }

  write(cypher: string, params?: Params): Promise<Row[]> {
    return this.transaction((tx) => tx.run(cypher, params));
  }

  async transaction<T>(work: (tx: TxRunner) => Promise<T>): Promise<T> {
    this.assertOpen();
    const writerGone = this.gate.writerArrives();
    try {
      return await this.lockedTransaction(work);
    } finally {
      writerGone();
    }
  }

  private lockedTransaction<T>(work: (tx: TxRunner) => Promise<T>): Promise<T> {
    return this.writes.lock(async () => {
      for (let attempt = 1; ; attempt++) {
        const tx = this.db.beginTransaction();
        const runner: TxRunner = {
          run: async (cypher, params) => {
            try {
              const p = plainParams(params);
              return EmbeddedStore.rows(await this.gate.writer(() => tx.executeCypher(cypher, p)));
            } catch (err) {
              throw fromGrafeoError(err, cypher);
            }
          },
        };
        try {
          let touched: TouchedSet | undefined;
          const result = await trackWrites(runner, work, (t) => (touched = t));
          try {
            tx.commit();
          } catch (err) {
            throw fromGrafeoError(err);
          }
          // Synchronously after the commit: no request sees the committed states without them.
          if (touched?.stateWrites.length) this.attention.applyCommitted(touched.stateWrites);
          return result;
        } catch (err) {
          if (tx.isActive) tx.rollback();
          if (err instanceof StoreError && err.kind === 'TRANSIENT' && attempt < MAX_ATTEMPTS) {
            await new Promise((r) => setTimeout(r, 10 * attempt));
            continue;
          }
          throw err;
        }
      }
    });
  }

  attentionCache(): AttentionCache {
    return this.attention;
  }

  pageBounds(): PageBounds {
    return this.bounds;
  }

  async ping(): Promise<void> {
    await this.read('RETURN 1 AS ok');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // Let a running write finish before the file is closed.
    await this.writes.lock(async () => {
      this.closed = true;
      this.db.close();
    });
  }
}
