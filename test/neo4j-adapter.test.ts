import type { Neo4jStore } from '../src/graph/neo4j-store';
import type { Store } from '../src/graph/store';
import { testEngines } from './support/engines';

/**
 * What only the Neo4j adapter does (the shared behaviour is in store-contract.test.ts). Runs when
 * testEngines() includes Neo4j; otherwise says why it has nothing to run.
 */
const engine = testEngines().find((e) => e.name === 'neo4j');
if (!engine) process.stdout.write("neo4j-adapter: not run: Neo4j is not among this run's engines (set NEO4J_URI to include it)\n");

(engine ? describe : describe.skip)('the Neo4j adapter', () => {
  let store: Store;
  beforeAll(async () => {
    store = await engine!.open();
  });
  afterAll(async () => {
    await store?.close();
  });

  it('names its database on every session: the home database is resolved once, at connect', async () => {
    // Without a name, the routing driver asks the server for the home database again for every
    // session that carries bookmarks: one more round trip per statement.
    const database = (store as Neo4jStore).database;
    expect(database).toBe(process.env.NEO4J_DATABASE || 'neo4j');
    await store.write('CREATE (:Customer {id: "adb"})');
    const [row] = await store.read('MATCH (c:Customer {id: "adb"}) RETURN count(c) AS n');
    expect(row.n).toBe(1);
  });
});
