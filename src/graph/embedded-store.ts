import { existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { GrafeoDB, type QueryResult } from '@grafeo-db/js';
import type { Params, Row, Store, TxRunner } from './store';
import { StoreError, fromGrafeoError } from './store-errors';
import { fromGrafeoValue, plainParams } from './values';
import { AttentionCache, ALL_STATES } from './attention-cache';
import { trackWrites, type TouchedSet } from './write-tracking';
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
 * The embedded engine: @grafeo-db/js in this process. `dataDir` holds one database file (plus its
 * write-ahead log); without a directory the database lives in memory (tests).
 */
export class EmbeddedStore implements Store {
  readonly engine = 'embedded' as const;
  private readonly writes = new Mutex();
  private closed = false;
  /** The attention states' ranking, kept in this process: no other process writes this store (issue 15). */
  private readonly attention = new AttentionCache(() => this.read(ALL_STATES));

  private constructor(
    private readonly db: GrafeoDB,
    readonly location: string,
  ) {}

  static inMemory(): EmbeddedStore {
    return new EmbeddedStore(GrafeoDB.create(), ':memory:');
  }

  /**
   * Opens (or creates) the database in `dataDir`. A directory held by another process or a file
   * that is not a Grafeo database is refused with a message naming the path: never a silent new
   * empty database.
   */
  static open(dataDir: string): EmbeddedStore {
    const dir = path.resolve(dataDir);
    if (existsSync(dir) && !statSync(dir).isDirectory()) {
      throw new EmbeddedStoreOpenError(`RAPPORT_DATA_DIR ${dir} is a file, not a directory`);
    }
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, EMBEDDED_FILE);
    const exists = existsSync(file);
    try {
      return new EmbeddedStore(exists ? GrafeoDB.open(file) : GrafeoDB.create(file), file);
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

  private static rows(result: QueryResult): Row[] {
    return result.toArray().map((r) => {
      const row: Row = {};
      for (const [k, v] of Object.entries(r)) row[k] = fromGrafeoValue(v);
      return row;
    });
  }

  async read(cypher: string, params?: Params): Promise<Row[]> {
    this.assertOpen();
    try {
      return EmbeddedStore.rows(await this.db.executeCypher(cypher, plainParams(params)));
    } catch (err) {
      throw fromGrafeoError(err, cypher);
    }
  }

  write(cypher: string, params?: Params): Promise<Row[]> {
    return this.transaction((tx) => tx.run(cypher, params));
  }

  transaction<T>(work: (tx: TxRunner) => Promise<T>): Promise<T> {
    this.assertOpen();
    return this.writes.lock(async () => {
      for (let attempt = 1; ; attempt++) {
        const tx = this.db.beginTransaction();
        const runner: TxRunner = {
          run: async (cypher, params) => {
            try {
              return EmbeddedStore.rows(await tx.executeCypher(cypher, plainParams(params)));
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
