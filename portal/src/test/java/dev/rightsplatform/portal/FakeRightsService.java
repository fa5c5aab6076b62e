package dev.rightsplatform.portal;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for rights-service: answers each "METHOD /path" with a canned status and JSON body, and records every
 * call (method, path, headers) so a test can see what the portal sent, its bearer token and language included.
 */
final class FakeRightsService implements AutoCloseable {

    record Call(String method, String path, Map<String, List<String>> headers, String body, String query) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    record Answer(int status, String contentType, String body) {}

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    final List<Call> calls = new CopyOnWriteArrayList<>();

    FakeRightsService() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var path = exchange.getRequestURI().getRawPath();
            calls.add(new Call(
                    exchange.getRequestMethod(),
                    path,
                    Map.copyOf(exchange.getRequestHeaders()),
                    body,
                    String.valueOf(exchange.getRequestURI().getRawQuery())));
            var answer = answers.getOrDefault(
                    exchange.getRequestMethod() + " " + path,
                    new Answer(
                            404,
                            "application/problem+json",
                            "{\"type\":\"https://rights-platform.dev/problems/request-not-found\","
                                    + "\"status\":404,\"detail\":\"No request with this id is visible to you.\"}"));
            var bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            try (var out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void answer(String methodAndPath, int status, String json) {
        answers.put(
                methodAndPath,
                new Answer(status, status >= 400 ? "application/problem+json" : "application/json", json));
    }

    /** An answer of another type than JSON (a CSV report). */
    void answer(String methodAndPath, int status, String contentType, String body) {
        answers.put(methodAndPath, new Answer(status, contentType, body));
    }

    List<Call> calls(String method, String path) {
        return calls.stream()
                .filter(call -> call.method().equals(method) && call.path().equals(path))
                .toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
