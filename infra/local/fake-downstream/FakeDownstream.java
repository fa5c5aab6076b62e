import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A demo downstream system for the local platform (not production code): it accepts deletion-worker's signed
 * webhook calls and pretends to erase, to hand over what it holds (demo data) and to stop processing for a purpose. Run with the JDK's source launcher, no dependencies:
 *
 * <pre>java FakeDownstream.java --port 9101 --secret-env WORKER_SYSTEMS_CRM_SECRET --name crm [--host 127.0.0.1] [--fail-percent N]</pre>
 *
 * POST /erase: headers X-Rights-Timestamp (unix seconds) and X-Rights-Signature: v1=hex(HMAC-SHA256(secret,
 * timestamp + "." + rawBody)); a valid call answers 200 {"status":"done","reference":"<name>-<random>"}, a bad one
 * 401 application/problem+json. GET /health answers 200. The secret is read from the environment variable named by
 * --secret-env, so it never appears on a command line. One log line per call, naming only the taskId. POST /collect
 * (signed alike) answers the part document {"categories": {...}} with a few made-up records about the user; POST
 * /withdraw (signed alike, with "purpose") answers 200 done.
 *
 * <p>{@code --fail-percent N} makes it an unreliable system: that share of authentic calls, at random, answers 503
 * (which the worker retries), so the failure and retry panels of infra/observability have something to show.
 */
public class FakeDownstream {
    private static final long MAX_SKEW_SECONDS = 300;
    private static final Pattern TASK_ID = Pattern.compile("\"taskId\"\\s*:\\s*\"([0-9A-Za-z-]{1,64})\"");
    private static final SecureRandom RANDOM = new SecureRandom();

    public static void main(String[] args) throws IOException {
        String host = "127.0.0.1", name = null, secretEnv = null;
        int port = -1, failPercent = 0;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--secret-env" -> secretEnv = args[i + 1];
                case "--name" -> name = args[i + 1];
                case "--host" -> host = args[i + 1];
                case "--fail-percent" -> failPercent = Integer.parseInt(args[i + 1]);
                default -> usage("unknown option " + args[i]);
            }
        }
        if (port < 0 || name == null || secretEnv == null) usage("--port, --name and --secret-env are required");
        if (failPercent < 0 || failPercent > 100) usage("--fail-percent is 0 to 100");
        String secret = System.getenv(secretEnv);
        if (secret == null || secret.isBlank()) usage("environment variable " + secretEnv + " is not set");

        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        String system = name;
        int failing = failPercent;
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/health", exchange -> {
            if (!"GET".equals(exchange.getRequestMethod())) { problem(exchange, 405, "Method Not Allowed", "use GET"); return; }
            send(exchange, 200, "application/json", "{\"status\":\"UP\"}");
        });
        server.createContext("/erase", exchange -> handle(exchange, key, system, "erase", failing));
        server.createContext("/collect", exchange -> handle(exchange, key, system, "collect", failing));
        server.createContext("/withdraw", exchange -> handle(exchange, key, system, "withdraw", failing));
        server.start();
        log(system, "listening on http://" + host + ":" + port);
    }

    private static void handle(HttpExchange exchange, byte[] key, String system, String action, int failPercent)
            throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) { problem(exchange, 405, "Method Not Allowed", "use POST"); return; }
            byte[] body = exchange.getRequestBody().readNBytes(1_000_000);
            String taskId = taskId(body);
            String failure = verify(key, exchange.getRequestHeaders().getFirst("X-Rights-Timestamp"),
                    exchange.getRequestHeaders().getFirst("X-Rights-Signature"), body);
            if (failure != null) {
                log(system, action + " rejected taskId=" + taskId + ": " + failure);
                problem(exchange, 401, "Unauthorized", failure);
                return;
            }
            if (RANDOM.nextInt(100) < failPercent) {
                log(system, action + " failed on purpose taskId=" + taskId + " (--fail-percent)");
                problem(exchange, 503, "Service Unavailable", "failing on purpose (--fail-percent)");
                return;
            }
            String reference = system + "-" + HexFormat.of().formatHex(randomBytes());
            log(system, action + " done taskId=" + taskId + " reference=" + reference);
            if ("collect".equals(action)) {
                send(exchange, 200, "application/json", demoData(system, reference));
                return;
            }
            send(exchange, 200, "application/json", "{\"status\":\"done\",\"reference\":\"" + reference + "\"}");
        }
    }

    /** Made-up records in the part document's shape: what a real system would hold about the person. */
    private static String demoData(String system, String reference) {
        return "{\"categories\":{"
                + "\"profile\":[{\"system\":\"" + system + "\",\"plan\":\"basic\",\"memberSince\":\"2021-03-14\",\"newsletter\":true}],"
                + "\"activity\":[{\"at\":\"2026-10-01T09:30:00Z\",\"event\":\"login\",\"device\":\"phone\"},"
                + "{\"at\":\"2026-10-02T18:05:00Z\",\"event\":\"purchase\",\"amount\":42.5,\"ref\":\"" + reference + "\"}]}}";
    }

    /** Returns null when the call is authentic, else the reason (safe to show: it names no secret). */
    static String verify(byte[] key, String timestamp, String signature, byte[] body) {
        if (timestamp == null || signature == null) return "missing X-Rights-Timestamp or X-Rights-Signature";
        long ts;
        try { ts = Long.parseLong(timestamp.trim()); } catch (NumberFormatException e) { return "timestamp is not unix seconds"; }
        if (Math.abs(Instant.now().getEpochSecond() - ts) > MAX_SKEW_SECONDS) return "timestamp outside the allowed 300 s window";
        if (!signature.startsWith("v1=")) return "signature must start with v1=";
        byte[] expected = hmac(key, (timestamp.trim() + ".").getBytes(StandardCharsets.UTF_8), body);
        byte[] given;
        try { given = HexFormat.of().parseHex(signature.substring(3).trim()); } catch (IllegalArgumentException e) { return "signature is not hex"; }
        return MessageDigest.isEqual(expected, given) ? null : "signature does not match"; // constant-time compare
    }

    private static byte[] hmac(byte[] key, byte[] prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(prefix);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return b;
    }

    /** The taskId only: the body may hold personal data, which must never reach the log. */
    private static String taskId(byte[] body) {
        Matcher m = TASK_ID.matcher(new String(body, StandardCharsets.UTF_8));
        return m.find() ? m.group(1) : "-";
    }

    private static void problem(HttpExchange exchange, int status, String title, String detail) throws IOException {
        send(exchange, status, "application/problem+json",
                "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}");
    }

    private static void send(HttpExchange exchange, int status, String contentType, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static void log(String system, String message) {
        System.out.println(Instant.now() + " [" + system + "] " + message);
    }

    private static void usage(String problem) {
        System.err.println("FakeDownstream: " + problem);
        System.err.println("usage: java FakeDownstream.java --port PORT --secret-env ENV_VAR_WITH_SECRET --name SYSTEM [--host 127.0.0.1] [--fail-percent N]");
        System.exit(2);
    }
}
