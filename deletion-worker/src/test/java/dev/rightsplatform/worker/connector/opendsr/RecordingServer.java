package dev.rightsplatform.worker.connector.opendsr;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * A small real HTTP or HTTPS server for the connector's tests, standing for a host on the network: it answers each
 * route as the test says (404 otherwise) and records every request it receives with all its headers, so a test can
 * show what reached which host, and with which credential.
 */
final class RecordingServer implements AutoCloseable {

    /** One request as it arrived. */
    record Received(String method, String path, Map<String, List<String>> headers, byte[] body) {

        /** Whether any header of the request carries the value (a credential, say), whatever its name. */
        boolean carries(String value) {
            return this.headers.values().stream().flatMap(List::stream).anyMatch(header -> header.contains(value));
        }

        @Nullable
        String header(String name) {
            return this.headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .flatMap(entry -> entry.getValue().stream())
                    .findFirst()
                    .orElse(null);
        }
    }

    /** What to answer. */
    record Reply(int status, Map<String, String> headers, byte[] body) {

        static Reply of(int status, byte[] body) {
            return new Reply(status, Map.of("Content-Type", "application/json"), body);
        }

        static Reply redirect(int status, String location) {
            return new Reply(status, Map.of("Location", location), new byte[0]);
        }
    }

    private record Route(String method, String path, Function<Received, Reply> answer) {

        /** An exact path, or every path under one ending in a slash. */
        boolean matches(String method, String path) {
            return this.method.equals(method)
                    && (this.path.equals(path) || (this.path.endsWith("/") && path.startsWith(this.path)));
        }
    }

    private final HttpServer server;

    private final String scheme;

    private final List<Route> routes = new CopyOnWriteArrayList<>();

    private final List<Received> received = new CopyOnWriteArrayList<>();

    private RecordingServer(HttpServer server, String scheme) {
        this.server = server;
        this.scheme = scheme;
        this.server.setExecutor(Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "recording-server");
            thread.setDaemon(true);
            return thread;
        }));
        this.server.createContext("/", exchange -> {
            try (exchange) {
                handle(exchange);
            }
        });
        this.server.start();
    }

    static RecordingServer http(String host) {
        try {
            return new RecordingServer(HttpServer.create(new InetSocketAddress(host, 0), 0), "http");
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static RecordingServer https(String host, SSLContext tls) {
        try {
            HttpsServer server = HttpsServer.create(new InetSocketAddress(host, 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(tls));
            return new RecordingServer(server, "https");
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** scheme://host:port, no slash at the end. */
    String origin() {
        InetSocketAddress address = this.server.getAddress();
        return this.scheme + "://" + address.getHostString() + ":" + address.getPort();
    }

    /** Answers method path (or every path under it, when it ends in a slash); the latest route for a path wins. */
    RecordingServer answer(String method, String path, Function<Received, Reply> answer) {
        this.routes.add(0, new Route(method, path, answer));
        return this;
    }

    List<Received> received() {
        return List.copyOf(this.received);
    }

    @Override
    public void close() {
        this.server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        byte[] body = exchange.getRequestBody().readAllBytes();
        Received request = new Received(method, path, Map.copyOf(exchange.getRequestHeaders()), body);
        this.received.add(request);
        Reply reply = this.routes.stream()
                .filter(route -> route.matches(method, path))
                .findFirst()
                .map(route -> route.answer().apply(request))
                .orElse(Reply.of(404, new byte[0]));
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
        if (reply.body().length > 0) {
            exchange.getResponseBody().write(reply.body());
        }
    }
}
