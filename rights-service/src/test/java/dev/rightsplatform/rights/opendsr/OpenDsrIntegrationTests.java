package dev.rightsplatform.rights.opendsr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.rightsplatform.rights.scheduling.RetentionSweep;
import dev.rightsplatform.rights.support.AbstractRightsIntegrationTests;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The partner API as a controller uses it: discovery, signed answers verified with the served certificate,
 * idempotent creates, conflicts, invalid bodies in OpenDSR's shape without identity values echoed, other partners
 * kept out, cancel while pending and after, and signed status callbacks on every change (retried on failure).
 */
// the dev profile lets the callbacks reach the test's own plain-http server on loopback
@ActiveProfiles("dev")
@TestPropertySource(
        properties = {
            "rights.review.required-for=DEREGISTER",
            "rights.opendsr.callbacks.allow-private-addresses=true",
            "rights.opendsr.callbacks.allow-http=true",
            "rights.opendsr.callbacks.initial-delay=100ms",
            "rights.opendsr.callbacks.interval=100ms",
        })
class OpenDsrIntegrationTests extends AbstractRightsIntegrationTests {

    /** Partner callbacks in the service's one outbox. */
    private static final String CALLBACKS = "outbox_message where channel = 'opendsr-callback'";

    private static final String PARTNER = tokens.withRoles("partner-a", "partner");
    private static final String OTHER_PARTNER = tokens.withRoles("partner-b", "partner");

    @Autowired
    JsonMapper json;

    @Autowired
    @Qualifier("outboxRetention")
    RetentionSweep outboxRetention;

    private HttpServer controller;
    private final List<byte[]> callbacks = new CopyOnWriteArrayList<>();
    private final List<String> callbackSignatures = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresToAnswer = new AtomicInteger();

    @BeforeEach
    void controllerEndpoint() throws Exception {
        controller = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        controller.createContext("/callback", exchange -> {
            var body = exchange.getRequestBody().readAllBytes();
            var status = failuresToAnswer.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 503 : 200;
            if (status == 200) {
                callbacks.add(body);
                callbackSignatures.add(exchange.getRequestHeaders().getFirst("X-OpenDSR-Signature"));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        controller.start();
    }

    @AfterEach
    void stopController() {
        controller.stop(0);
    }

    @Test
    void discoveryNamesTheCertificateThatVerifiesEveryAnswer() throws Exception {
        var discovery = http.get()
                .uri("/opendsr/v2/discovery")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(discovery.get("api_version").asString()).isEqualTo("2.0");
        assertThat(discovery.get("supported_subject_request_types").toString())
                .contains("access", "portability", "erasure");
        assertThat(discovery.get("processor_certificate").asString()).endsWith("/opendsr/v2/processor-certificate");
        var certificate = certificate();

        var id = UUID.randomUUID().toString();
        var body = create(id, "erasure", linked("user-" + UUID.randomUUID(), "partner-a"), null);
        var created = post(body, PARTNER)
                .expectStatus()
                .isCreated()
                .expectBody(byte[].class)
                .returnResult();
        assertThat(verifies(
                        certificate,
                        created.getResponseBody(),
                        created.getResponseHeaders().getFirst("X-OpenDSR-Signature")))
                .isTrue();
        assertThat(created.getResponseHeaders().getFirst("X-OpenDSR-Processor-Domain"))
                .isNotBlank();
        var answer = json.readTree(created.getResponseBody());
        assertThat(answer.get("controller_id").asString()).isEqualTo("partner-a");
        assertThat(answer.get("subject_request_id").asString()).isEqualTo(id);
        assertThat(new String(
                        Base64.getDecoder().decode(answer.get("encoded_request").asString()), StandardCharsets.UTF_8))
                .isEqualTo(body);
        assertThat(Instant.parse(answer.get("expected_completion_time").asString()))
                .isAfter(Instant.now());
        assertThat(answer.get("received_time").asString()).isNotBlank();

        // the same create again: the same answer, byte for byte; key order does not matter
        var again = post(reordered(body), PARTNER)
                .expectStatus()
                .isCreated()
                .expectBody(byte[].class)
                .returnResult();
        assertThat(again.getResponseBody()).isEqualTo(created.getResponseBody());
        assertThat(count("opendsr_request")).isEqualTo(1);
        // the same id with another body: 409
        post(create(id, "access", "user-" + UUID.randomUUID(), null), PARTNER)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo(409);
        assertThat(count("rights_request")).isEqualTo(1);

        var status = http.get()
                .uri("/opendsr/v2/requests/" + id)
                .headers(h -> h.setBearerAuth(PARTNER))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(byte[].class)
                .returnResult();
        assertThat(verifies(
                        certificate,
                        status.getResponseBody(),
                        status.getResponseHeaders().getFirst("X-OpenDSR-Signature")))
                .isTrue();
        assertThat(json.readTree(status.getResponseBody()).get("request_status").asString())
                .isEqualTo("pending");

        for (var path : List.of(
                "/opendsr/v2/requests/" + id, "/opendsr/v2/requests/" + UUID.randomUUID(), "/opendsr/v2/requests/x")) {
            http.get()
                    .uri(path)
                    .headers(h -> h.setBearerAuth(OTHER_PARTNER))
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectBody()
                    .jsonPath("$.error.code")
                    .isEqualTo(404);
        }
        http.delete()
                .uri("/opendsr/v2/requests/" + id)
                .headers(h -> h.setBearerAuth(OTHER_PARTNER))
                .exchange()
                .expectStatus()
                .isNotFound();
        http.get().uri("/opendsr/v2/requests/" + id).exchange().expectStatus().isUnauthorized();
        http.get()
                .uri("/opendsr/v2/requests/" + id)
                .headers(h -> h.setBearerAuth(tokens.subject("user-1")))
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void invalidBodiesAnswer400InOpenDsrShapeWithoutEchoingIdentitiesAndStoreNothing() {
        var secret = "person-" + UUID.randomUUID() + "@example.com";
        var bodies = List.of(
                "{",
                "[]",
                "{}",
                create("NOT-A-UUID", "erasure", secret, null),
                create(UUID.randomUUID().toString(), "deletion", secret, null),
                create(UUID.randomUUID().toString(), "erasure", secret, null).replace("\"gdpr\"", "\"hipaa\""),
                create(UUID.randomUUID().toString(), "erasure", secret, null)
                        .replace("controller_customer_id", "ios_advertising_id"),
                create(UUID.randomUUID().toString(), "erasure", secret, null).replace("\"raw\"", "\"base64\""),
                create(UUID.randomUUID().toString(), "erasure", secret, null)
                        .replace("\"regulation\"", "\"unknown_field\":1,\"regulation\""),
                create(UUID.randomUUID().toString(), "erasure", secret, null)
                        .replaceAll("\"submitted_time\":\"[^\"]+\"", "\"submitted_time\":\"2999-01-01T00:00:00Z\""),
                create(UUID.randomUUID().toString(), "erasure", secret, "ftp://example.com/x"));
        for (var body : bodies) {
            var response = post(body, PARTNER)
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            var tree = json.readTree(response);
            assertThat(tree.at("/error/code").asInt()).isEqualTo(400);
            assertThat(tree.at("/error/errors/0/domain").asString()).isEqualTo("opendsr");
            assertThat(tree.at("/error/errors/0/reason").asString()).isNotBlank();
            assertThat(response).as("no identity value echoed").doesNotContain(secret);
        }
        assertThat(count("opendsr_request")).isZero();
        assertThat(count("rights_request")).isZero();
    }

    @Test
    void cancelWhilePendingThenNotAfterWithASignedCallbackForEachChange() throws Exception {
        var id = UUID.randomUUID().toString();
        post(create(id, "erasure", linked("user-" + UUID.randomUUID(), "partner-a"), callbackUrl()), PARTNER)
                .expectStatus()
                .isCreated();
        failuresToAnswer.set(2); // the first delivery attempts fail: retried
        var cancelled = http.delete()
                .uri("/opendsr/v2/requests/" + id)
                .headers(h -> h.setBearerAuth(PARTNER))
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(cancelled.get("subject_request_id").asString()).isEqualTo(id);
        http.delete()
                .uri("/opendsr/v2/requests/" + id)
                .headers(h -> h.setBearerAuth(PARTNER))
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.error.errors[0].reason")
                .isEqualTo("request_not_cancellable");

        await().atMost(Duration.ofSeconds(15)).until(() -> callbacks.size() == 1);
        var callback = json.readTree(callbacks.get(0));
        assertThat(callback.get("request_status").asString()).isEqualTo("cancelled");
        assertThat(callback.get("subject_request_id").asString()).isEqualTo(id);
        assertThat(callback.get("status_callback_url").asString()).isEqualTo(callbackUrl());
        assertThat(verifies(certificate(), callbacks.get(0), callbackSignatures.get(0)))
                .isTrue();
        assertThat(count(CALLBACKS + " and status = 'PUBLISHED' and attempts = 3"))
                .isEqualTo(1);

        // a delivered callback is kept for the retention, then deleted with the outbox's published rows; a pending one
        // never
        assertThat(outboxRetention.purge().block())
                .as("delivered just now: kept")
                .isZero();
        db.sql("update outbox_message set published_at = now() - interval '8 days' where channel = 'opendsr-callback'")
                .then()
                .block();
        assertThat(outboxRetention.purge().block()).isEqualTo(1);
        assertThat(count(CALLBACKS)).isZero();
    }

    @Test
    void anAccessRequestCompletesWithResultsForItsPartnerOnly() throws Exception {
        var subject = linked("user-" + UUID.randomUUID(), "partner-a");
        var id = UUID.randomUUID().toString();
        post(create(id, "access", subject, callbackUrl()), PARTNER)
                .expectStatus()
                .isCreated();
        for (var message : receive(observedTasks, 2)) {
            var task = json.readTree(body(message));
            var receipt = http.put()
                    .uri("/internal/v1/collections/" + task.get("taskId").asString())
                    .headers(h -> h.setBearerAuth(tokens.withRoles("worker", "rights-worker")))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"categories\":{\"profile\":[{\"userId\":\"" + subject + "\"}]}}")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(JsonNode.class)
                    .returnResult()
                    .getResponseBody();
            var result = new LinkedHashMap<String, Object>();
            result.put("taskId", task.get("taskId").asString());
            result.put("requestId", task.get("requestId").asString());
            result.put("systemId", task.get("systemId").asString());
            result.put("action", "COLLECT");
            result.put("outcome", "DONE");
            result.put("attempts", 1);
            result.put("completedAt", Instant.now().toString());
            result.put(
                    "collected",
                    Map.of(
                            "records",
                            1,
                            "bytes",
                            receipt.get("bytes").asLong(),
                            "sha256",
                            receipt.get("sha256").asString()));
            publishRawResult(
                    json.writeValueAsString(result),
                    task.get("taskId").asString() + ":result",
                    "result." + task.get("systemId").asString());
        }
        await().atMost(Duration.ofSeconds(15))
                .until(() -> callbacks.stream()
                        .anyMatch(body -> "completed"
                                .equals(json.readTree(body)
                                        .get("request_status")
                                        .asString())));
        var completed = callbacks.stream()
                .map(json::readTree)
                .filter(body -> "completed".equals(body.get("request_status").asString()))
                .findFirst()
                .orElseThrow();
        assertThat(completed.get("results_count").asInt()).isEqualTo(2);
        var resultsUrl = completed.get("results_url").asString();
        assertThat(resultsUrl).endsWith("/opendsr/v2/requests/" + id + "/results");
        var path = resultsUrl.substring(resultsUrl.indexOf("/opendsr/"));
        var results = http.get()
                .uri(path)
                .headers(h -> h.setBearerAuth(PARTNER))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(results.get("systems")).hasSize(2);
        assertThat(results.at("/systems/0/categories/profile/0/userId").asString())
                .isEqualTo(subject);
        http.get()
                .uri(path)
                .headers(h -> h.setBearerAuth(OTHER_PARTNER))
                .exchange()
                .expectStatus()
                .isNotFound();
        var status = http.get()
                .uri("/opendsr/v2/requests/" + id)
                .headers(h -> h.setBearerAuth(PARTNER))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(status.get("request_status").asString()).isEqualTo("completed");
        assertThat(status.get("results_url").asString()).isEqualTo(resultsUrl);
    }

    private String callbackUrl() {
        return "http://127.0.0.1:" + controller.getAddress().getPort() + "/callback";
    }

    /** The person authorises {@code partner} for every type, as they would in the portal; returns their account id. */
    private String linked(String subject, String partner) {
        http.put()
                .uri("/api/v1/partner-links/" + partner)
                .headers(h -> h.setBearerAuth(tokens.subject(subject)))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"requestTypes\":[\"ACCESS\",\"EXPORT\",\"DEREGISTER\"]}")
                .exchange()
                .expectStatus()
                .isOk();
        return subject;
    }

    private static String create(String id, String type, String subject, String callback) {
        return "{\"regulation\":\"gdpr\",\"subject_request_id\":\"" + id + "\",\"subject_request_type\":\"" + type
                + "\","
                + "\"submitted_time\":\""
                + Instant.now().minusSeconds(3600).toString().replaceAll("\\.\\d+Z$", "Z") + "\","
                + "\"subject_identities\":[{\"identity_type\":\"controller_customer_id\",\"identity_value\":\""
                + subject
                + "\",\"identity_format\":\"raw\"}]"
                + (callback == null ? "" : ",\"status_callback_urls\":[\"" + callback + "\"]") + "}";
    }

    /** The same document with its keys in another order and other spacing. */
    private String reordered(String body) {
        var tree = json.readTree(body);
        var fields = new java.util.ArrayList<String>();
        tree.propertyNames().forEach(fields::add);
        java.util.Collections.reverse(fields);
        var out = new StringBuilder("{ ");
        for (var field : fields) {
            out.append(out.length() > 2 ? " , " : "")
                    .append('"')
                    .append(field)
                    .append("\" : ")
                    .append(tree.get(field).toString());
        }
        return out.append(" }").toString();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec post(String body, String token) {
        return http.post()
                .uri("/opendsr/v2/requests")
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private X509Certificate certificate() throws Exception {
        EntityExchangeResult<byte[]> pem = http.get()
                .uri("/opendsr/v2/processor-certificate")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(byte[].class)
                .returnResult();
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getResponseBody()));
    }

    private static boolean verifies(X509Certificate certificate, byte[] body, String signature) throws Exception {
        var verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(body);
        return verifier.verify(Base64.getDecoder().decode(signature));
    }
}
