// Runs a Neo4j 5.26 Community database embedded in this JVM, with its Bolt
// connector open on 127.0.0.1, so that neo4j-driver can talk to it exactly as
// to a packaged server. The Neo4j tarball is not on Maven Central; the
// embedded jars are, which is why this file exists.
//
// Run in source-file mode (no build step), normally through server.ts:
//   java <jvm flags> -cp '.cache/neo4j/lib/*' scripts/neo4j/Launcher.java <port> <homeDir>
//
// Protocol with the parent process: stdout carries exactly one line,
// "NEO4J_READY bolt://127.0.0.1:<port>", once the database has committed a
// transaction and the Bolt port accepts connections. Everything else goes to
// stderr or to <homeDir>/logs/. SIGTERM or SIGINT shuts the database down
// cleanly and exits 0.
//
// Environment:
//   NEO4J_PASSWORD   if set (8+ characters), Bolt requires user "neo4j" with
//                    this password; if unset, authentication is disabled.
//   NEO4J_PAGECACHE  page cache size, Neo4j syntax ("256m", "1g"); default 256m.
// System property:
//   -Dsecretum.neo4j.exitOnStdinEof=true  exit when stdin closes, so that the
//                    server dies with its parent even if the parent is killed.

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.SettingValueParsers;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;

import sun.misc.Signal;

public final class Launcher {
    private static final String HOST = "127.0.0.1";
    private static final String DEFAULT_PAGECACHE = "256m";

    // Held by main while the DBMS is being built, so that a shutdown request
    // arriving mid-start waits for the start to finish and then closes the
    // store cleanly, instead of leaving it to crash recovery.
    private static final Object LIFECYCLE = new Object();
    private static DatabaseManagementService dbms;

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable failure) {
            // Neo4j's own threads would keep a half-started JVM alive for
            // ever: exit explicitly, which also shuts down whatever did start.
            failure.printStackTrace();
            Throwable root = failure;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            // Last line of stderr, where server.ts's error message shows it.
            System.err.println("[launcher] FAILED: " + root);
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: java -cp '<lib>/*' Launcher.java <port> <homeDir>");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        Path home = Path.of(args[1]).toAbsolutePath();
        Files.createDirectories(home);

        // Keep stdout for the ready line alone: any library that prints to
        // System.out after this point lands on stderr.
        PrintStream protocol = System.out;
        System.setOut(System.err);

        String password = nonBlank(System.getenv("NEO4J_PASSWORD"));
        String pageCache = nonBlank(System.getenv("NEO4J_PAGECACHE"));
        if (pageCache == null) {
            pageCache = DEFAULT_PAGECACHE;
        }

        // The JVM exits with 128+signal on SIGTERM by default; callers treat
        // a non-zero exit as a crash, so map both signals to a normal exit,
        // which still runs the shutdown hook below.
        Signal.handle(new Signal("TERM"), signal -> System.exit(0));
        Signal.handle(new Signal("INT"), signal -> System.exit(0));
        Runtime.getRuntime().addShutdownHook(new Thread(Launcher::shutdown, "neo4j-shutdown"));

        SocketAddress bolt = new SocketAddress(HOST, port);
        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, bolt)
                .setConfig(BoltConnector.advertised_address, bolt)
                .setConfig(GraphDatabaseSettings.auth_enabled, password != null)
                .setConfig(GraphDatabaseSettings.pagecache_memory, SettingValueParsers.BYTES.parse(pageCache))
                // No network but the package registries here; don't try.
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                // Preallocation would reserve a 256 MB transaction log in
                // every throwaway test home.
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                // Netty otherwise idles 5 s per event-loop group before it
                // lets the Bolt server stop, which made every stop take ~11 s.
                // All connections are closed by then, so there is nothing to
                // wait for. (An internal setting: recheck when bumping Neo4j.)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0);

        GraphDatabaseService db;
        synchronized (LIFECYCLE) {
            dbms = builder.build();
            db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        }

        if (!db.isAvailable(TimeUnit.MINUTES.toMillis(2))) {
            throw new IllegalStateException("database '" + db.databaseName() + "' did not become available");
        }
        // Readiness means "a query commits", not merely "the JVM is up".
        try (Transaction tx = db.beginTx()) {
            tx.execute("RETURN 1").close();
            tx.commit();
        }
        if (password != null) {
            setPassword(password);
        }
        awaitBoltPort(port);

        protocol.println("NEO4J_READY bolt://" + HOST + ":" + port);
        protocol.flush();

        if (Boolean.getBoolean("secretum.neo4j.exitOnStdinEof")) {
            watchStdin();
        }
        // Neo4j's own threads would keep the JVM alive, but relying on that
        // is fragile; park the main thread until a signal calls System.exit.
        Thread.currentThread().join();
    }

    private static void shutdown() {
        synchronized (LIFECYCLE) {
            if (dbms != null) {
                System.err.println("[launcher] shutting down Neo4j");
                dbms.shutdown();
                dbms = null;
                System.err.println("[launcher] Neo4j stopped");
            }
        }
    }

    // Community Edition has a single user, "neo4j", whose initial password
    // must otherwise be changed on first login. Setting it through the system
    // database from inside the JVM needs no credentials and is idempotent
    // across restarts on the same home.
    private static void setPassword(String password) {
        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        try {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
        } catch (RuntimeException e) {
            // Neo4j refuses to "change" a password to its current value,
            // which is exactly the restart case: the password is already set.
            if (!String.valueOf(e.getMessage()).contains("Old password and new password cannot be the same")) {
                throw e;
            }
        }
    }

    // The Bolt server starts with the DBMS, but checking costs nothing and
    // guarantees that the ready line is never printed before a driver could
    // connect.
    private static void awaitBoltPort(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(HOST, port), 1000);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Bolt port " + port + " is not accepting connections", e);
                }
                Thread.sleep(100);
            }
        }
    }

    private static void watchStdin() {
        Thread watcher = new Thread(() -> {
            try (InputStream in = System.in) {
                while (in.read() != -1) {
                    // Input is meaningless; only its end matters.
                }
            } catch (IOException ignored) {
                // A broken pipe means the parent is gone, same as EOF.
            }
            System.err.println("[launcher] stdin closed, parent is gone");
            System.exit(0);
        }, "stdin-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static String nonBlank(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
