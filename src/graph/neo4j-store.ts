import neo4j, { type BookmarkManager, type Driver, type ManagedTransaction } from 'neo4j-driver';
import type { Params, Row, Store, TxRunner, Value } from './store';
import { PageBounds } from './page-bounds';
import { StoreError, fromNeo4jError } from './store-errors';
import { plainParams } from './values';
import { trackWrites } from './write-tracking';
// Installs the maintained attention state's hook, which every write transaction runs before commit (issue 15).
import './attention-state';
import './repositories/search-keys.repo';

export interface Neo4jSettings {
  uri: string;
  username: string;
  password: string;
  database?: string;
}

/** A value from neo4j-driver as port JSON (integers already arrive as numbers). */
export function fromNeo4jValue(v: unknown): Value {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (neo4j.isInt(v)) return (v as { toNumber(): number }).toNumber();
  if (
    neo4j.isDateTime(v) ||
    neo4j.isDate(v) ||
    neo4j.isLocalDateTime(v) ||
    neo4j.isLocalTime(v) ||
    neo4j.isTime(v) ||
    neo4j.isDuration(v)
  ) {
    return String(v);
  }
  if (neo4j.isNode(v) || neo4j.isRelationship(v)) return fromNeo4jValue((v as { properties: unknown }).properties);
  if (neo4j.isPath(v)) {
    const p = v as unknown as { segments: { start: unknown; relationship: unknown; end: unknown }[] };
    return p.segments.map((s) => fromNeo4jValue({ start: s.start, relationship: s.relationship, end: s.end }));
  }
  if (Array.isArray(v)) return v.map(fromNeo4jValue);
  if (typeof v === 'object') {
    const out: Record<string, Value> = {};
    for (const [k, x] of Object.entries(v as object)) out[k] = fromNeo4jValue(x);
    return out;
  }
  return String(v);
}

/** Whole numbers go to Neo4j as integers (LIMIT/SKIP need them; JS numbers would arrive as floats). */
function neo4jParams(params: Params | undefined): Record<string, unknown> {
  const conv = (v: unknown): unknown => {
    if (typeof v === 'number' && Number.isSafeInteger(v)) return neo4j.int(v);
    if (Array.isArray(v)) return v.map(conv);
    if (v !== null && typeof v === 'object') {
      const o: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) o[k] = conv(x);
      return o;
    }
    return v;
  };
  return conv(plainParams(params)) as Record<string, unknown>;
}

/**
 * Neo4j (single server, cluster or Aura) through neo4j-driver: reads routed READ, writes WRITE.
 * Every session shares one bookmark manager, so a read (on any cluster member) waits until it sees
 * every write this process has committed before it: read-after-write holds within a request and
 * across requests, as on the embedded engine.
 */
export class Neo4jStore implements Store {
  readonly engine = 'neo4j' as const;
  private readonly bookmarks: BookmarkManager = neo4j.bookmarkManager();
  private readonly bounds = new PageBounds();

  private constructor(
    private readonly driver: Driver,
    private readonly settings: Neo4jSettings,
  ) {}

  /** Connects and checks the server and the credentials, with a clear message when either fails. */
  static async connect(settings: Neo4jSettings): Promise<Neo4jStore> {
    const driver = neo4j.driver(settings.uri, neo4j.auth.basic(settings.username, settings.password), {
      disableLosslessIntegers: true,
      connectionAcquisitionTimeout: 15_000,
    });
    try {
      await driver.verifyConnectivity({ database: settings.database });
    } catch (err) {
      await driver.close().catch(() => undefined);
      const e = err as { code?: string; message?: string };
      if (e.code === 'Neo.ClientError.Security.Unauthorized' || e.code === 'Neo.ClientError.Security.AuthenticationRateLimit') {
        throw new Error(
          `Neo4j at ${settings.uri} rejected the credentials of user "${settings.username}" (check NEO4J_USERNAME and NEO4J_PASSWORD)`,
        );
      }
      if (e.code === 'Neo.ClientError.Database.DatabaseNotFound') {
        throw new Error(`Neo4j at ${settings.uri} has no database "${settings.database}" (check NEO4J_DATABASE)`);
      }
      throw new Error(`Neo4j at ${settings.uri} is not reachable: ${e.message ?? String(err)} (check NEO4J_URI)`);
    }
    try {
      return new Neo4jStore(driver, { ...settings, database: settings.database || (await Neo4jStore.homeDatabase(driver)) });
    } catch (err) {
      await driver.close().catch(() => undefined);
      throw err;
    }
  }

  /**
   * The user's home database, asked once. A session without a database name makes the driver resolve
   * it again, and with the shared bookmarks (neo4j:// scheme) that is one more round trip to the
   * server for every statement: measured here as 10 ms instead of 3–5 ms for a trivial read.
   */
  private static async homeDatabase(driver: Driver): Promise<string | undefined> {
    const session = driver.session({ defaultAccessMode: neo4j.session.READ });
    try {
      const result = await session.executeRead((tx) => tx.run('RETURN 1'));
      return result.summary.database.name ?? undefined;
    } finally {
      await session.close();
    }
  }

  /** The database every session names (NEO4J_DATABASE, or the user's home database at connect). */
  get database(): string | undefined {
    return this.settings.database;
  }

  private static rows(records: { keys: PropertyKey[]; get(k: PropertyKey): unknown }[]): Row[] {
    return records.map((rec) => {
      const row: Row = {};
      for (const k of rec.keys) row[String(k)] = fromNeo4jValue(rec.get(k));
      return row;
    });
  }

  private async runIn(mode: 'READ' | 'WRITE', work: (tx: ManagedTransaction) => Promise<unknown>): Promise<unknown> {
    const session = this.driver.session({
      database: this.settings.database,
      bookmarkManager: this.bookmarks,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
    });
    try {
      return mode === 'READ' ? await session.executeRead(work) : await session.executeWrite(work);
    } catch (err) {
      // Our own refusals (NOT_FOUND, CONFLICT, ...) thrown by the work pass through unchanged;
      // only the driver's errors are mapped.
      if (!(err instanceof neo4j.Neo4jError)) throw err;
      throw fromNeo4jError(err, (err as { rapportCypher?: string }).rapportCypher);
    } finally {
      await session.close();
    }
  }

  private static runner(tx: ManagedTransaction): TxRunner {
    return {
      run: async (cypher, params) => {
        try {
          const res = await tx.run(cypher, neo4jParams(params));
          return Neo4jStore.rows(res.records);
        } catch (err) {
          // Left as the driver's error so that executeWrite can retry transient ones; the
          // statement is remembered for the log and mapped once, in runIn.
          if (err && typeof err === 'object') (err as { rapportCypher?: string }).rapportCypher = cypher;
          throw err;
        }
      },
    };
  }

  async read(cypher: string, params?: Params): Promise<Row[]> {
    return (await this.runIn('READ', (tx) => Neo4jStore.runner(tx).run(cypher, params))) as Row[];
  }

  async write(cypher: string, params?: Params): Promise<Row[]> {
    return (await this.runIn('WRITE', (tx) => Neo4jStore.runner(tx).run(cypher, params))) as Row[];
  }

  async transaction<T>(work: (tx: TxRunner) => Promise<T>): Promise<T> {
    return (await this.runIn('WRITE', (tx) => trackWrites(Neo4jStore.runner(tx), work))) as T;
  }

  async ping(): Promise<void> {
    try {
      await this.driver.verifyConnectivity({ database: this.settings.database });
    } catch (err) {
      throw new StoreError('UNAVAILABLE', (err as Error).message);
    }
  }

  pageBounds(): PageBounds {
    return this.bounds;
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}
