package dev.rightsplatform.systemtests;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A downstream system that holds people's data, as a real HTTP server: it checks each erase call's signature the way
 * the webhook contract says a receiver must, records the call, erases the person (a repeated call is answered the same
 * and changes nothing: the connector's idempotency contract), and answers done, optionally after a delay. It can also
 * be made to fail: then it records each call and answers it with an error status, erasing nothing.
 */
final class FakeDownstreamSystem implements AutoCloseable {

    /**
     * One erase call as received; {@code signatureValid} says whether it verified with the shared secret,
     * {@code status} is what the system answered.
     */
    record EraseCall(String body, boolean signatureValid, Instant receivedAt, int status) {}

    private static final Pattern USER_ID = Pattern.compile("\"userId\"\\s*:\\s*\"([^\"]+)\"");

    final String name;
    final List<EraseCall> calls = new CopyOnWriteArrayList<>();
    /** Signed collect (access, export) and withdraw (consent) calls, as received. */
    final List<EraseCall> collectCalls = new CopyOnWriteArrayList<>();

    final List<EraseCall> withdrawCalls = new CopyOnWriteArrayList<>();
    /** How many valid erase calls each person had here. */
    final Map<String, AtomicInteger> callsPerPerson = new ConcurrentHashMap<>();

    private final byte[] secret;
    private final HttpServer server;
    private volatile Duration delay = Duration.ZERO;
    /** The status every call is answered with while the system is down; 0 while it works. */
    private volatile int failingWith;

    static {
        // The JDK's HTTP server otherwise leaves Nagle's algorithm on: each answer then waits ~40 ms for the caller's
        // delayed ACK, and the systems look slow.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    FakeDownstreamSystem(String name, String secret) {
        this.name = name;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/erase", exchange -> {
            var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var valid = verifies(
                    exchange.getRequestHeaders().getFirst("X-Rights-Timestamp"),
                    exchange.getRequestHeaders().getFirst("X-Rights-Signature"),
                    body);
            var receivedAt = Instant.now();
            var failure = failingWith;
            if (failure != 0) {
                calls.add(new EraseCall(body, valid, receivedAt, failure));
                exchange.sendResponseHeaders(failure, -1);
                exchange.close();
                return;
            }
            calls.add(new EraseCall(body, valid, receivedAt, valid ? 200 : 401));
            ServiceProcess.sleepQuietly(delay);
            var matcher = USER_ID.matcher(body);
            var first = valid
                    && matcher.find()
                    && callsPerPerson
                                    .computeIfAbsent(matcher.group(1), id -> new AtomicInteger())
                                    .incrementAndGet()
                            == 1;
            var answer = valid
                    ? "{\"status\":\"done\",\"reference\":\"" + name + "-" + UUID.randomUUID() + "\",\"deleted\":"
                            + (first ? 1 : 0) + "}"
                    : "{\"title\":\"bad signature\"}";
            var bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(valid ? 200 : 401, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.createContext(
                "/collect", exchange -> answerSigned(exchange, collectCalls, body -> partDocument(userIdIn(body))));
        server.createContext(
                "/withdraw",
                exchange -> answerSigned(
                        exchange,
                        withdrawCalls,
                        body -> "{\"status\":\"done\",\"reference\":\"" + name + "-" + UUID.randomUUID() + "\"}"));
        server.start();
    }

    /** Verifies, records and answers a signed call to one of the further actions (collect, withdraw). */
    private void answerSigned(
            com.sun.net.httpserver.HttpExchange exchange,
            List<EraseCall> log,
            java.util.function.Function<String, String> answer)
            throws IOException {
        try (exchange) {
            var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var valid = verifies(
                    exchange.getRequestHeaders().getFirst("X-Rights-Timestamp"),
                    exchange.getRequestHeaders().getFirst("X-Rights-Signature"),
                    body);
            log.add(new EraseCall(body, valid, Instant.now(), valid ? 200 : 401));
            var bytes = (valid ? answer.apply(body) : "{\"title\":\"bad signature\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(valid ? 200 : 401, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    /**
     * What this system holds about a person, in the part document's shape: a flat profile (a CSV in the export), an
     * order list with a formula-looking value, and a nested record (JSON only). The person's id appears in the data,
     * so a test can look for it where it must not be (the encrypted store).
     */
    String partDocument(String userId) {
        return "{\"categories\":{"
                + "\"profile\":[{\"userId\":\"" + userId + "\",\"system\":\"" + name
                + "\",\"plan\":\"basic\",\"newsletter\":true}],"
                + "\"orders\":[{\"orderId\":\"" + name + "-1\",\"amount\":42.5,\"note\":\"=1+2\"},"
                + "{\"orderId\":\"" + name + "-2\",\"amount\":7,\"note\":\"a, \\\"quoted\\\" note\"}],"
                + "\"devices\":[{\"model\":\"phone\",\"seen\":{\"first\":\"2025-01-01\",\"last\":\"2026-11-01\"}}]}}";
    }

    private static String userIdIn(String body) {
        var matcher = USER_ID.matcher(body);
        return matcher.find() ? matcher.group(1) : "";
    }

    /** From now on, every answer takes this long. */
    void answerAfter(Duration delay) {
        this.delay = delay;
    }

    /** From now on, every call is answered with {@code status} (e.g. 503) and erases nothing, until {@link #recover}. */
    void failEveryCallWith(int status) {
        this.failingWith = status;
    }

    void recover() {
        this.failingWith = 0;
    }

    String eraseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/erase";
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    static List<EraseCall> mentioning(List<EraseCall> calls, String text) {
        return calls.stream().filter(call -> call.body().contains(text)).toList();
    }

    List<EraseCall> callsMentioning(String text) {
        return calls.stream().filter(call -> call.body().contains(text)).toList();
    }

    int callsFor(String userId) {
        var count = callsPerPerson.get(userId);
        return count == null ? 0 : count.get();
    }

    private boolean verifies(String timestamp, String signature, String body) {
        if (timestamp == null || signature == null || !signature.startsWith("v1=")) {
            return false;
        }
        if (Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(timestamp)) > 300) {
            return false;
        }
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            var expected =
                    HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
            return MessageDigest.isEqual(
                    expected.getBytes(StandardCharsets.UTF_8),
                    signature.substring(3).getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
