package dev.rightsplatform.worker.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/** Downstream systems that answer every erase call at once with done (loopback only, for the benchmark). */
final class InstantSystems implements AutoCloseable {

    private static final byte[] DONE =
            "{\"status\":\"done\",\"reference\":\"bench\",\"deleted\":1}".getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;

    private final ExecutorService executor = Executors.newFixedThreadPool(8);

    private final AtomicLong calls = new AtomicLong();

    InstantSystems() throws IOException {
        // Without TCP_NODELAY the JDK server's header and body writes meet the client's delayed ACK: 40 ms a call.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        this.server.setExecutor(this.executor);
        this.server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                this.calls.incrementAndGet();
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, DONE.length);
                exchange.getResponseBody().write(DONE);
            }
        });
        this.server.start();
    }

    String urlOf(String systemId) {
        return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/" + systemId + "/erase";
    }

    long calls() {
        return this.calls.get();
    }

    @Override
    public void close() {
        this.server.stop(0);
        this.executor.shutdownNow();
    }
}
