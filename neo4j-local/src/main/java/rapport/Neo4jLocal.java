package rapport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Neo4j Community embedded, with Bolt on a loopback port and authentication on.
 * Environment: NEO4J_PASSWORD (required, 8+ characters), NEO4J_LOCAL_PORT (default 7687),
 * NEO4J_LOCAL_DATA (default ./data), NEO4J_LOCAL_PAGECACHE_MB (default 256).
 * Prints one line "neo4j-local ready bolt://127.0.0.1:PORT" once Bolt accepts connections;
 * SIGTERM (or Ctrl-C) shuts the databases down cleanly.
 */
public final class Neo4jLocal {
    private Neo4jLocal() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        String password = env.getOrDefault("NEO4J_PASSWORD", "");
        if (password.length() < 8) {
            System.err.println("neo4j-local: NEO4J_PASSWORD must be set (8 characters or more)");
            System.exit(2);
        }
        int port = Integer.parseInt(env.getOrDefault("NEO4J_LOCAL_PORT", "7687"));
        Path data = Path.of(env.getOrDefault("NEO4J_LOCAL_DATA", "data")).toAbsolutePath();
        long pageCacheMb = Long.parseLong(env.getOrDefault("NEO4J_LOCAL_PAGECACHE_MB", "256"));

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(data)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("neo4j-local stopping");
            dbms.shutdown();
            System.out.println("neo4j-local stopped");
            stopped.countDown();
        }, "neo4j-local-shutdown"));

        setPassword(dbms, password);
        waitForBolt(port);
        System.out.println("neo4j-local ready bolt://127.0.0.1:" + port + " data " + data);
        stopped.await();
    }

    /** The neo4j user gets the password from the environment (a data directory kept from an earlier run may already have it). */
    private static void setPassword(DatabaseManagementService dbms, String password) {
        try {
            dbms.database("system").executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
        } catch (RuntimeException e) {
            String msg = String.valueOf(e.getMessage());
            if (!msg.contains("Old password and new password cannot be the same")) throw e;
        }
    }

    private static void waitForBolt(int port) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("Bolt did not open port " + port);
    }
}
