package dev.rightsplatform.gateway;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real HTTP server standing in for rights-service or the portal: it records what reached it and answers 200. */
public final class FakeUpstream implements AutoCloseable {

    public record Received(String method, String path, Map<String, List<String>> headers, String body) {}

    /** What it answers to every call; a test may set its own (the portal's pages, cookies, headers). */
    public record Answer(int status, String contentType, Map<String, List<String>> headers, String body) {

        public static final Answer JSON_OK = new Answer(200, "application/json", Map.of(), "{\"ok\":true}");
    }

    private final HttpServer server;
    public final List<Received> received = new CopyOnWriteArrayList<>();
    public volatile Answer answer = Answer.JSON_OK;

    public FakeUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()),
                    body));
            var answer = this.answer;
            var bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", answer.contentType());
            answer.headers()
                    .forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    public String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
