import { EmbeddedStore } from '../../src/graph/embedded-store';
import { Neo4jStore } from '../../src/graph/neo4j-store';
import { bootstrapSchema } from '../../src/graph/bootstrap';
import type { Store } from '../../src/graph/store';

export interface TestEngine {
  name: 'embedded' | 'neo4j';
  /** A store with the schema bootstrapped and no data. */
  open(): Promise<Store>;
  /**
   * Deletes what a test left in a store that outlives it (Neo4j: one database shared by every test
   * file). A file that writes a large graph calls it in its own afterAll, with its own time limit, so
   * that the next file's set-up does not pay for it inside a 30 s hook.
   */
  clear(store: Store): Promise<void>;
}

export const embeddedTestEngine: TestEngine = {
  name: 'embedded',
  async open() {
    const store = EmbeddedStore.inMemory();
    await bootstrapSchema(store);
    return store;
  },
  // An in-memory store: dropped with the test.
  async clear() {},
};

let neo4jSchema: Promise<void> | undefined;

const neo4jEngine: TestEngine = {
  name: 'neo4j',
  async open() {
    const store = await Neo4jStore.connect({
      uri: process.env.NEO4J_URI!,
      username: process.env.NEO4J_USERNAME ?? 'neo4j',
      password: process.env.NEO4J_PASSWORD ?? '',
      database: process.env.NEO4J_DATABASE,
    });
    try {
      // Tests own this database: start each suite from an empty graph.
      await neo4jEngine.clear(store);
      // The constraints and indexes outlive the deletes: ensure them once per test file, not per
      // test (a file opens up to 20 stores; each bootstrap is ~40 statements on the server).
      neo4jSchema ??= bootstrapSchema(store);
      await neo4jSchema;
      return store;
    } catch (err) {
      // A driver left open keeps jest from exiting after the failure.
      await store.close().catch(() => undefined);
      throw err;
    }
  },
  // In batches: one transaction deleting what a large test left (import-large: 400k nodes) exceeds
  // Neo4j's transaction memory.
  async clear(store) {
    for (;;) {
      const [row] = await store.write('MATCH (n) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS deleted');
      if (!row || row.deleted === 0) break;
    }
  },
};

/**
 * The embedded engine always; Neo4j too when NEO4J_URI is set. RAPPORT_TEST_ENGINES=neo4j (or
 * embedded) narrows a run to one engine: .ci/run runs the suite once per engine that way.
 */
export function testEngines(): TestEngine[] {
  const all = process.env.NEO4J_URI ? [embeddedTestEngine, neo4jEngine] : [embeddedTestEngine];
  const only = process.env.RAPPORT_TEST_ENGINES?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!only?.length) return all;
  const picked = all.filter((e) => only.includes(e.name));
  if (!picked.length)
    throw new Error(`RAPPORT_TEST_ENGINES=${process.env.RAPPORT_TEST_ENGINES} names no available engine (neo4j needs NEO4J_URI)`);
  return picked;
}

export function coveredEnginesLine(): string {
  const names = testEngines().map((e) => e.name);
  const neo4jNote = names.includes('neo4j')
    ? ` (${process.env.NEO4J_URI})`
    : process.env.NEO4J_URI
      ? ' (neo4j left out by RAPPORT_TEST_ENGINES)'
      : ' (neo4j not covered: set NEO4J_URI to include it)';
  return `Store engines covered by this run: ${names.join(', ')}${neo4jNote}`;
}
