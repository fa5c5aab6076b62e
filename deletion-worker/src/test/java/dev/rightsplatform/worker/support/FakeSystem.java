package dev.rightsplatform.worker.support;

import com.sun.net.httpserver.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One fake downstream system behind {@link FakeSystems}: it checks each call's signature on its own (not with the
 * worker's signer), records the call, and answers from a script, then with its default answer.
 */
public final class FakeSystem {

    /** One scripted answer: a status, an optional JSON body, and how long to wait before answering. */
    public record Reply(int status, String body, Duration delay) {

        public static Reply ok(String reference) {
            return new Reply(200, "{\"status\":\"done\",\"reference\":\"" + reference + "\"}", Duration.ZERO);
        }

        public static Reply status(int status) {
            return new Reply(status, "", Duration.ZERO);
        }

        public static Reply json(int status, String body) {
            return new Reply(status, body, Duration.ZERO);
        }

        public Reply after(Duration wait) {
            return new Reply(this.status, this.body, wait);
        }
    }

    /** What the system received in one call, on path /&lt;name&gt;/erase, precheck, collect or withdraw. */
    public record Call(
            Instant receivedAt,
            String path,
            String timestamp,
            String signature,
            boolean signatureValid,
            JsonNode body) {

        public UUID taskId() {
            return UUID.fromString(this.body.path("taskId").asString());
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String name;

    private final String secret;

    private final Deque<Reply> script = new ArrayDeque<>();

    private final List<Call> calls = new CopyOnWriteArrayList<>();

    private Reply defaultReply;

    private Reply precheckReply = Reply.json(200, "{\"canClose\":true}");

    private final Deque<Reply> collectScript = new ArrayDeque<>();

    private GeneratedPart part = new GeneratedPart(3, 64);

    private final List<GeneratedPart.Sent> sentParts = new CopyOnWriteArrayList<>();

    FakeSystem(String name, String secret) {
        this.name = name;
        this.secret = secret;
        this.defaultReply = Reply.ok(name + "-ref");
    }

    public String name() {
        return this.name;
    }

    public String secret() {
        return this.secret;
    }

    /** Answers the next calls with these replies, in order, then with the default. */
    public synchronized FakeSystem replyWith(Reply... replies) {
        this.script.addAll(List.of(replies));
        return this;
    }

    public synchronized FakeSystem alwaysReply(Reply reply) {
        this.defaultReply = reply;
        return this;
    }

    /** How the system answers PRECHECK calls from now on. */
    public synchronized FakeSystem answerPrecheck(Reply reply) {
        this.precheckReply = reply;
        return this;
    }

    /** COLLECT answers a 200 with this part from now on (after any scripted collect replies). */
    public synchronized FakeSystem collectPart(GeneratedPart generated) {
        this.part = generated;
        return this;
    }

    /** Answers the next COLLECT calls with these replies (a status and body, no part), then with the part. */
    public synchronized FakeSystem replyToCollect(Reply... replies) {
        this.collectScript.addAll(List.of(replies));
        return this;
    }

    /** Every part the system sent, in order: its size and SHA-256 as it went out. */
    public List<GeneratedPart.Sent> sentParts() {
        return List.copyOf(this.sentParts);
    }

    public List<Call> calls() {
        return List.copyOf(this.calls);
    }

    public List<Call> callsFor(UUID taskId) {
        return this.calls.stream().filter(call -> taskId.equals(call.taskId())).toList();
    }

    synchronized void reset() {
        this.script.clear();
        this.calls.clear();
        this.defaultReply = Reply.ok(this.name + "-ref");
        this.precheckReply = Reply.json(200, "{\"canClose\":true}");
        this.collectScript.clear();
        this.part = new GeneratedPart(3, 64);
        this.sentParts.clear();
    }

    /** The scripted reply to a COLLECT call, or null when the part is to be sent. */
    private synchronized Reply nextCollectReply() {
        return this.collectScript.poll();
    }

    private synchronized GeneratedPart part() {
        return this.part;
    }

    private synchronized Reply nextReply(String path) {
        if (path.endsWith("/precheck")) {
            return this.precheckReply;
        }
        Reply next = this.script.poll();
        return next != null ? next : this.defaultReply;
    }

    void handle(HttpExchange exchange) throws Exception {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String timestamp = String.valueOf(exchange.getRequestHeaders().getFirst("X-Rights-Timestamp"));
            String signature = String.valueOf(exchange.getRequestHeaders().getFirst("X-Rights-Signature"));
            boolean valid = "POST".equals(exchange.getRequestMethod()) && signatureMatches(timestamp, signature, body);
            String path = exchange.getRequestURI().getPath();
            this.calls.add(new Call(Instant.now(), path, timestamp, signature, valid, JSON.readTree(body)));
            if (valid && path.endsWith("/collect")) {
                Reply scripted = nextCollectReply();
                if (scripted == null) {
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, 0); // chunked: the part is written as it is made
                    this.sentParts.add(part().writeTo(exchange.getResponseBody()));
                    return;
                }
                reply(exchange, scripted);
                return;
            }
            reply(exchange, valid ? nextReply(path) : new Reply(401, "", Duration.ZERO));
        }
    }

    private static void reply(HttpExchange exchange, Reply reply) throws Exception {
        if (!reply.delay().isZero()) {
            Thread.sleep(reply.delay().toMillis());
        }
        byte[] answer = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(reply.status(), answer.length == 0 ? -1 : answer.length);
        if (answer.length > 0) {
            exchange.getResponseBody().write(answer);
        }
    }

    /** Signs a callback for taskId as the system would: the X-Rights-Signature value for the timestamp and body. */
    public String signCallback(UUID taskId, long timestamp, byte[] body) throws Exception {
        return callbackSignature(this.secret, this.name, taskId, timestamp, body);
    }

    /**
     * The X-Rights-Signature value of a callback of system systemId about taskId, sent at timestamp, made with
     * secret, computed here independently of the worker: v2 = HMAC over "v2.systemId.taskId.timestamp." + body.
     */
    public static String callbackSignature(String secret, String systemId, UUID taskId, long timestamp, byte[] body)
            throws Exception {
        return "v2=" + hmac(secret, "v2." + systemId + "." + taskId + "." + timestamp + ".", body);
    }

    /**
     * The X-Rights-Signature value of a worker's call sent at timestamp (v1: timestamp and body only), which was also
     * how callbacks were signed before v2.
     */
    public static String callSignature(String secret, long timestamp, byte[] body) throws Exception {
        return "v1=" + hmac(secret, timestamp + ".", body);
    }

    private static String hmac(String secret, String prefix, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update(prefix.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    private boolean signatureMatches(String timestamp, String signature, byte[] body) throws Exception {
        if (!signature.startsWith("v1=")) {
            return false;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException ex) {
            return false;
        }
        return MessageDigest.isEqual(
                callSignature(this.secret, seconds, body).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }
}
