package dev.rightsplatform.worker.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/**
 * Small real HTTP servers standing in for downstream systems: one JDK HttpServer on a free port, one path per
 * system ({@code /<name>/erase}). Started once per test JVM and shared, like the Spring context that calls it.
 */
public final class FakeSystems {

    /** The systems the integration tests configure, each with the behaviour its tests script. */
    public static final String CRM = "crm";

    public static final String FLAKY = "flaky";

    public static final String BROKEN = "broken";

    public static final String PICKY = "picky";

    public static final String SLOW = "slow";

    private static final FakeSystems SHARED = new FakeSystems();

    private final HttpServer server;

    private final Map<String, FakeSystem> systems = new TreeMap<>();

    private FakeSystems() {
        try {
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        this.server.setExecutor(Executors.newFixedThreadPool(8, runnable -> {
            Thread thread = new Thread(runnable, "fake-downstream");
            thread.setDaemon(true);
            return thread;
        }));
        for (String name : new String[] { CRM, FLAKY, BROKEN, PICKY, SLOW }) {
            // crm uses the development secret, so the tests also prove application.yml's placeholder wiring.
            String secret = CRM.equals(name) ? DevSecrets.get("WORKER_SYSTEMS_CRM_SECRET")
                    : "test-" + name + "-" + UUID.randomUUID();
            FakeSystem system = new FakeSystem(name, secret);
            this.systems.put(name, system);
            this.server.createContext("/" + name + "/erase", exchange -> {
                try {
                    system.handle(exchange);
                }
                catch (Exception ex) {
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
        return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/" + name + "/erase";
    }

    public void resetAll() {
        this.systems.values().forEach(FakeSystem::reset);
    }
}
