package dev.rightsplatform.systemtests;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A downstream system that holds people's data, as a real HTTP server: it checks each erase call's signature the way
 * the webhook contract says a receiver must, records the call, and answers done.
 */
final class FakeDownstreamSystem implements AutoCloseable {

    /** One erase call as received; {@code signatureValid} says whether it verified with the shared secret. */
    record EraseCall(String body, boolean signatureValid) {
    }

    final String name;
    final List<EraseCall> calls = new CopyOnWriteArrayList<>();
    private final byte[] secret;
    private final HttpServer server;

    FakeDownstreamSystem(String name, String secret) {
        this.name = name;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/erase", exchange -> {
            var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var valid = verifies(exchange.getRequestHeaders().getFirst("X-Rights-Timestamp"),
                    exchange.getRequestHeaders().getFirst("X-Rights-Signature"), body);
            calls.add(new EraseCall(body, valid));
            var answer = valid
                    ? "{\"status\":\"done\",\"reference\":\"" + name + "-" + UUID.randomUUID() + "\"}"
                    : "{\"title\":\"bad signature\"}";
            var bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(valid ? 200 : 401, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    String eraseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/erase";
    }

    List<EraseCall> callsMentioning(String text) {
        return calls.stream().filter(call -> call.body().contains(text)).toList();
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
            var expected = HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
            return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
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
