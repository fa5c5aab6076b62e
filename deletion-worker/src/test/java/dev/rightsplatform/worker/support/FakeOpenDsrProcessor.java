package dev.rightsplatform.worker.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A fake OpenDSR 2.0 processor: a real HTTP server with its own RSA key and self-signed X.509 certificate, made
 * here. It serves discovery and the certificate, takes and answers requests (signed with X-OpenDSR-Signature),
 * keeps each request's status for the test to move on, and sends signed (or wrongly signed) status callbacks.
 */
public final class FakeOpenDsrProcessor {

    public static final String API_KEY = "test-opendsr-api-key";

    private static final FakeOpenDsrProcessor SHARED = new FakeOpenDsrProcessor();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;

    private final KeyPair key = rsaKeyPair();

    private final KeyPair otherKey = rsaKeyPair();

    private final String certificatePem = selfSignedPem(this.key);

    private final Map<String, JsonNode> requests = new ConcurrentHashMap<>();

    private final Map<String, String> statuses = new ConcurrentHashMap<>();

    private final List<String> unauthorised = new CopyOnWriteArrayList<>();

    private final AtomicInteger certificateFetches = new AtomicInteger();

    private final AtomicInteger statusQueries = new AtomicInteger();

    private FakeOpenDsrProcessor() {
        try {
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        this.server.setExecutor(Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "fake-opendsr");
            thread.setDaemon(true);
            return thread;
        }));
        this.server.createContext("/opendsr/", exchange -> {
            try (exchange) {
                handle(exchange);
            } catch (Exception ex) {
                exchange.sendResponseHeaders(500, -1);
            }
        });
        this.server.start();
    }

    public static FakeOpenDsrProcessor shared() {
        return SHARED;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + this.server.getAddress().getPort();
    }

    /** The create request the processor received for this subject_request_id, or null. */
    public JsonNode request(String id) {
        return this.requests.get(id);
    }

    public void setStatus(String id, String status) {
        this.statuses.put(id, status);
    }

    public int certificateFetches() {
        return this.certificateFetches.get();
    }

    public int statusQueries() {
        return this.statusQueries.get();
    }

    public List<String> unauthorisedCalls() {
        return List.copyOf(this.unauthorised);
    }

    /** Posts a status callback as the processor does; wrongKey signs it with a key that is not the certificate's. */
    public HttpResponse<String> callback(String url, String id, String status, boolean wrongKey) throws Exception {
        byte[] body = JSON.writeValueAsBytes(Map.of(
                "controller_id",
                "rights-platform",
                "status_callback_url",
                url,
                "subject_request_id",
                id,
                "request_status",
                status,
                "expected_completion_time",
                Instant.now().plus(1, ChronoUnit.DAYS).toString()));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header(
                        "X-OpenDSR-Signature",
                        sign(body, wrongKey ? this.otherKey.getPrivate() : this.key.getPrivate()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private void handle(HttpExchange exchange) throws Exception {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (path.equals("/opendsr/cert.pem")) {
            this.certificateFetches.incrementAndGet();
            send(exchange, 200, this.certificatePem.getBytes(StandardCharsets.US_ASCII), false);
            return;
        }
        if (!("Bearer " + API_KEY).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            this.unauthorised.add(method + " " + path);
            send(exchange, 401, new byte[0], false);
            return;
        }
        if (path.equals("/opendsr/v2/discovery")) {
            send(
                    exchange,
                    200,
                    JSON.writeValueAsBytes(Map.of(
                            "api_version",
                            "2.0",
                            "supported_subject_request_types",
                            List.of("erasure"),
                            "processor_certificate",
                            baseUrl() + "/opendsr/cert.pem")),
                    false);
        } else if (path.equals("/opendsr/v2/requests") && "POST".equals(method)) {
            byte[] raw = exchange.getRequestBody().readAllBytes();
            JsonNode request = JSON.readTree(raw);
            String id = request.path("subject_request_id").asString();
            this.requests.put(id, request);
            this.statuses.putIfAbsent(id, "pending");
            send(
                    exchange,
                    201,
                    JSON.writeValueAsBytes(Map.of(
                            "controller_id",
                            "rights-platform",
                            "expected_completion_time",
                            Instant.now().plus(1, ChronoUnit.DAYS).toString(),
                            "received_time",
                            Instant.now().toString(),
                            "encoded_request",
                            Base64.getEncoder().encodeToString(raw),
                            "subject_request_id",
                            id)),
                    true);
        } else if (path.startsWith("/opendsr/v2/requests/") && "GET".equals(method)) {
            this.statusQueries.incrementAndGet();
            String id = path.substring("/opendsr/v2/requests/".length());
            String status = this.statuses.get(id);
            if (status == null) {
                send(exchange, 404, new byte[0], false);
                return;
            }
            send(
                    exchange,
                    200,
                    JSON.writeValueAsBytes(Map.of(
                            "controller_id",
                            "rights-platform",
                            "expected_completion_time",
                            Instant.now().plus(1, ChronoUnit.DAYS).toString(),
                            "subject_request_id",
                            id,
                            "request_status",
                            status)),
                    true);
        } else {
            send(exchange, 404, new byte[0], false);
        }
    }

    private void send(HttpExchange exchange, int status, byte[] body, boolean signed) throws Exception {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (signed) {
            exchange.getResponseHeaders().set("X-OpenDSR-Processor-Domain", "fake-processor.test");
            exchange.getResponseHeaders().set("X-OpenDSR-Signature", sign(body, this.key.getPrivate()));
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    private static String sign(byte[] body, PrivateKey key) throws GeneralSecurityException {
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update(body);
        return Base64.getEncoder().encodeToString(signature.sign());
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String selfSignedPem(KeyPair key) {
        try {
            X500Name name = new X500Name("CN=fake-processor.test");
            Instant now = Instant.now();
            var certificate = new JcaX509v3CertificateBuilder(
                            name,
                            BigInteger.valueOf(now.toEpochMilli()),
                            Date.from(now.minus(1, ChronoUnit.DAYS)),
                            Date.from(now.plus(30, ChronoUnit.DAYS)),
                            name,
                            key.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate()));
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (Exception ex) {
            throw new IllegalStateException("could not make the test certificate", ex);
        }
    }
}
