package dev.rightsplatform.worker.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executors;

/**
 * Small real HTTP servers standing in for downstream systems: one JDK HttpServer on a free port, paths per
 * system ({@code /<name>/erase}, {@code /<name>/precheck}, {@code /<name>/collect}, {@code /<name>/withdraw}).
 * Started once per test JVM and shared, like the Spring context that calls it.
 */
public final class FakeSystems {

    /** The systems the integration tests configure, each with the behaviour its tests script. */
    public static final String CRM = "crm";

    public static final String FLAKY = "flaky";

    public static final String BROKEN = "broken";

    public static final String PICKY = "picky";

    public static final String SLOW = "slow";

    public static final String SLUGGISH = "sluggish";

    public static final String QUICK = "quick";

    public static final String WAITER = "waiter";

    /** Takes COLLECT (a generated part) and WITHDRAW calls besides ERASE. */
    public static final String ARCHIVE = "archive";

    private static final FakeSystems SHARED = new FakeSystems();

    private final HttpServer server;

    private final Map<String, FakeSystem> systems = new TreeMap<>();

    private FakeSystems() {
        // Without TCP_NODELAY the JDK server's header and body writes meet the client's delayed ACK: 40 ms a call.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        // Enough threads that the sluggish system's sleeping calls never hold up the others' answers.
        this.server.setExecutor(Executors.newFixedThreadPool(16, runnable -> {
            Thread thread = new Thread(runnable, "fake-downstream");
            thread.setDaemon(true);
            return thread;
        }));
        for (String name : new String[] {CRM, FLAKY, BROKEN, PICKY, SLOW, SLUGGISH, QUICK, WAITER, ARCHIVE}) {
            // crm uses the development secret, so the tests also prove application.yml's placeholder wiring.
            String secret = CRM.equals(name)
                    ? DevSecrets.get("WORKER_SYSTEMS_CRM_SECRET")
                    : "test-" + name + "-" + UUID.randomUUID();
            FakeSystem system = new FakeSystem(name, secret);
            this.systems.put(name, system);
            this.server.createContext("/" + name + "/", exchange -> {
                try {
                    system.handle(exchange);
                } catch (Exception ex) {
                    exchange.sendResponseHeaders(500, -1);
                    exchange.close();
                }
            });
        }
        this.server.start();
    }

    public static FakeSystems shared() {
        return SHARED;
    }

    public FakeSystem system(String name) {
        FakeSystem system = this.systems.get(name);
        if (system == null) {
            throw new IllegalArgumentException("no fake system " + name);
        }
        return system;
    }

    public Map<String, FakeSystem> all() {
        return Map.copyOf(this.systems);
    }

    public String urlOf(String name) {
        return baseUrl() + "/" + name + "/erase";
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + this.server.getAddress().getPort();
    }

    public void resetAll() {
        this.systems.values().forEach(FakeSystem::reset);
    }
}
