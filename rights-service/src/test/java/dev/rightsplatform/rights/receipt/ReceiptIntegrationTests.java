package dev.rightsplatform.rights.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.rightsplatform.rights.support.AbstractRightsIntegrationTests;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Signed receipts through the running service: a completed deregistration's and a completed withdrawal's receipt
 * verify with the published certificate (java.security.Signature, and the openssl command of the README), hold no
 * personal data, are issued once (the same bytes on every fetch, one audit entry), reach their owner signed in and
 * anyone with the link of the completed event; not before completion, not for another person, not with a forged
 * link.
 */
class ReceiptIntegrationTests extends AbstractRightsIntegrationTests {

    private static final Path CONTRACT = Path.of("..", "infra", "asyncapi.yaml");
    /** A real receipt and the certificate are left here for trying the README's offline check by hand. */
    private static final Path SAMPLE = Path.of("target", "receipt-sample");

    private static final Logger log = LoggerFactory.getLogger(ReceiptIntegrationTests.class);

    @Autowired
    JsonMapper json;

    @TempDir
    Path temp;

    @Test
    void aCompletedDeregistrationHasASignedReceiptWithoutPersonalData() throws Exception {
        var subject = newSubject();
        var token = tokens.subject(subject);
        var requestId = submitDeregistration(token);

        // before completion: 409, a problem
        receiptOf(requestId, token)
                .expectStatus()
                .isEqualTo(409)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/receipt-not-ready");

        completeDeregistration(requestId, token);

        var first = receiptOf(requestId, token)
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .returnResult();
        var envelope = json.readTree(first.getResponseBodyContent());
        assertThat(fieldNames(envelope))
                .containsExactly("format", "algorithm", "payload", "signature", "certificateUrl");
        assertThat(envelope.get("format").asString()).isEqualTo("rights-receipt/1");
        assertThat(envelope.get("algorithm").asString()).isEqualTo("SHA256withRSA");
        assertThat(envelope.get("certificateUrl").asString()).isEqualTo("/api/v1/receipts/certificate");

        var payloadBytes = Base64.getDecoder().decode(envelope.get("payload").asString());
        assertThat(verifies(
                        payloadBytes,
                        Base64.getDecoder().decode(envelope.get("signature").asString()),
                        certificate()))
                .as("signature verifies with the published certificate")
                .isTrue();
        var tampered = payloadBytes.clone();
        tampered[tampered.length - 2] ^= 1;
        assertThat(verifies(
                        tampered,
                        Base64.getDecoder().decode(envelope.get("signature").asString()),
                        certificate()))
                .isFalse();

        var payloadText = new String(payloadBytes, StandardCharsets.UTF_8);
        assertThat(payloadText)
                .doesNotContain(subject)
                .doesNotContain("@")
                .doesNotContain("example.com")
                .doesNotContain("subject");
        var payload = json.readTree(payloadBytes);
        assertThat(fieldNames(payload))
                .containsExactly(
                        "receiptId",
                        "requestId",
                        "type",
                        "jurisdiction",
                        "regime",
                        "dueRule",
                        "receivedAt",
                        "dueAt",
                        "dueDate",
                        "dueZone",
                        "extension",
                        "completedAt",
                        "onTime",
                        "systems",
                        "issuedAt",
                        "issuer");
        assertThat(payload.get("requestId").asString()).isEqualTo(requestId);
        assertThat(payload.get("type").asString()).isEqualTo("DEREGISTER");
        assertThat(payload.get("regime").asString()).isEqualTo("PIPL");
        assertThat(payload.get("jurisdiction").asString()).isEqualTo("CN");
        assertThat(payload.get("dueRule").asString()).isNotBlank();
        assertThat(payload.get("onTime").asBoolean()).isTrue();
        assertThat(Instant.parse(payload.get("completedAt").asString()))
                .isBeforeOrEqualTo(Instant.parse(payload.get("dueAt").asString()));
        assertThat(payload.get("issuer").asString()).isEqualTo("rights-platform.local");

        var systems = new LinkedHashMap<String, JsonNode>();
        payload.get("systems")
                .forEach(system -> systems.put(
                        system.get("systemId").asString() + "/"
                                + system.get("action").asString(),
                        system));
        assertThat(systems.keySet())
                .containsExactlyInAnyOrder("keycloak/DISABLE", "crm/ERASE", "orders/ERASE", "keycloak/ERASE");
        assertThat(systems.get("keycloak/DISABLE").get("outcome").asString()).isEqualTo("DISABLED");
        assertThat(systems.get("keycloak/ERASE").get("outcome").asString()).isEqualTo("DELETED");
        var crm = systems.get("crm/ERASE");
        assertThat(crm.get("outcome").asString()).isEqualTo("DELETED_AND_ANONYMISED");
        assertThat(crm.get("reference").asString()).isEqualTo("crm-erasure-17");
        assertThat(crm.get("proof").get("deleted").asInt()).isEqualTo(5);
        assertThat(crm.get("proof").get("anonymised").asInt()).isEqualTo(2);
        assertThat(crm.get("retained")).isEmpty();
        assertThat(crm.get("completedAt").asString()).isNotBlank();
        var orders = systems.get("orders/ERASE");
        assertThat(orders.get("outcome").asString()).isEqualTo("RETAINED");
        assertThat(orders.get("retained")).hasSize(1);
        assertThat(orders.get("retained").get(0).get("category").asString()).isEqualTo("发票");
        assertThat(orders.get("retained").get(0).get("basis").asString()).isEqualTo("《会计档案管理办法》第十四条");
        assertThat(orders.get("retained").get(0).get("until").asString()).isEqualTo("2055-12-31");

        // issued once: the same bytes again, one audit entry
        var second =
                receiptOf(requestId, token).expectStatus().isOk().expectBody().returnResult();
        assertThat(second.getResponseBodyContent()).isEqualTo(first.getResponseBodyContent());
        assertThat(count("receipt")).isEqualTo(1);
        assertThat(count("audit_entry where action = 'receipt.issued'")).isEqualTo(1);

        // the completed event carries the link, which opens the same receipt without a token
        var completed = completedEvent();
        assertThat(completed.get("requestId").asString()).isEqualTo(requestId);
        assertThat(completed.get("withoutAccount").asBoolean()).isFalse();
        var receiptPath = completed.get("receiptPath").asString();
        assertThat(receiptPath).startsWith("/receipts/" + requestId + ".");
        var byLink = http.get()
                .uri("/api/v1" + receiptPath)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult();
        assertThat(byLink.getResponseBodyContent()).isEqualTo(first.getResponseBodyContent());

        // a forged or altered link: 404, a problem
        var mac = receiptPath.substring(receiptPath.indexOf('.') + 1);
        var otherId = UUID.randomUUID();
        for (var forged : List.of(
                otherId + "." + mac,
                requestId + "." + flipFirst(mac),
                requestId,
                requestId + "." + mac + "x",
                requestId.toUpperCase() + "." + mac)) {
            http.get()
                    .uri("/api/v1/receipts/" + forged)
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo("/problems/receipt-not-found");
        }

        // another person: 404 as if it did not exist
        receiptOf(requestId, tokens.subject(newSubject()))
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/request-not-found");

        // anyone can check the receipt offline with the README's openssl command
        Files.write(temp.resolve("receipt.json"), first.getResponseBodyContent());
        Files.writeString(temp.resolve("platform.pem"), certificatePem());
        assertThat(opensslVerifies(temp)).isEqualTo("Verified OK");
        Files.createDirectories(SAMPLE);
        Files.write(SAMPLE.resolve("receipt.json"), first.getResponseBodyContent());
        Files.writeString(SAMPLE.resolve("platform.pem"), certificatePem());
        log.info("receipt payload: {}", payloadText);
    }

    @Test
    void aCompletedWithdrawalHasASignedReceiptNamingItsPurpose() throws Exception {
        var subject = newSubject();
        var token = tokens.subject(subject);
        var requestId = http.post()
                .uri("/api/v1/consents/personalised-ads/withdraw")
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("requestId")
                .asString();
        receiptOf(requestId, token)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/receipt-not-ready");
        for (var task : tasks(2)) {
            publishResult(done(task, task.get("systemId").asString() + "-stopped"));
        }
        awaitCompleted(requestId, token);

        var envelope = json.readTree(receiptOf(requestId, token)
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBodyContent());
        var payloadBytes = Base64.getDecoder().decode(envelope.get("payload").asString());
        assertThat(verifies(
                        payloadBytes,
                        Base64.getDecoder().decode(envelope.get("signature").asString()),
                        certificate()))
                .isTrue();
        assertThat(new String(payloadBytes, StandardCharsets.UTF_8))
                .doesNotContain(subject)
                .doesNotContain("@");
        var payload = json.readTree(payloadBytes);
        assertThat(payload.get("type").asString()).isEqualTo("WITHDRAW_CONSENT");
        assertThat(payload.get("purpose").asString()).isEqualTo("personalised-ads");
        assertThat(payload.get("onTime").asBoolean()).isTrue();
        assertThat(payload.get("systems")).hasSize(2);
        payload.get("systems").forEach(system -> {
            assertThat(system.get("action").asString()).isEqualTo("WITHDRAW");
            assertThat(system.get("outcome").asString()).isEqualTo("WITHDRAWN");
            assertThat(system.get("reference").asString())
                    .isEqualTo(system.get("systemId").asString() + "-stopped");
        });

        var completed = completedEvent();
        assertThat(completed.get("requestType").asString()).isEqualTo("WITHDRAW_CONSENT");
        var byLink = http.get()
                .uri("/api/v1" + completed.get("receiptPath").asString())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult();
        assertThat(json.readTree(byLink.getResponseBodyContent()).get("payload").asString())
                .isEqualTo(envelope.get("payload").asString());
    }

    @Test
    void requestsOfOtherTypesHaveNoReceiptAndTheirCompletionNoLink() {
        var token = tokens.subject(newSubject());
        var requestId = http.post()
                .uri("/api/v1/requests")
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"type\":\"ACCESS\"}")
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .asString();
        receiptOf(requestId, token)
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/receipt-not-found");
        var received = json.readTree(body(receive(observedEvents, 1).get(0)));
        assertThat(received.get("type").asString()).isEqualTo("request.received");
        assertThat(received.get("receiptPath").isNull()).isTrue();
    }

    @Test
    void theCertificateIsPublicPem() {
        var pem = http.get()
                .uri("/api/v1/receipts/certificate")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType("application/x-pem-file")
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----").contains("-----END CERTIFICATE-----");
    }

    // --- the flow

    private String submitDeregistration(String token) {
        return http.post()
                .uri("/api/v1/requests")
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"type\":\"DEREGISTER\"}")
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .asString();
    }

    /** The worker's part: the account disabled, crm and orders erased (orders keeping invoices), the account deleted. */
    private void completeDeregistration(String requestId, String token) {
        publishResult(done(tasks(1).get(0), null));
        for (var task : tasks(2)) {
            var result = done(task, null);
            if ("crm".equals(task.get("systemId").asString())) {
                result.put("systemReference", "crm-erasure-17");
                result.put("proof", Map.of("deleted", 5, "anonymised", 2));
            } else {
                result.put("proof", Map.of("deleted", 3, "retained", 1));
                result.put(
                        "retention",
                        List.of(Map.of("category", "发票", "basis", "《会计档案管理办法》第十四条", "until", "2055-12-31")));
            }
            publishRawResult(
                    json.writeValueAsString(result),
                    task.get("taskId").asString() + ":result",
                    "result." + task.get("systemId").asString());
        }
        publishResult(done(tasks(1).get(0), null));
        awaitCompleted(requestId, token);
    }

    private void awaitCompleted(String requestId, String token) {
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> http.get()
                        .uri("/api/v1/requests/" + requestId)
                        .headers(h -> h.setBearerAuth(token))
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .jsonPath("$.status")
                        .isEqualTo("COMPLETED"));
    }

    private List<JsonNode> tasks(int count) {
        var tasks = new ArrayList<JsonNode>();
        receive(observedTasks, count).forEach(message -> tasks.add(json.readTree(body(message))));
        return tasks;
    }

    private static Map<String, Object> done(JsonNode task, String reference) {
        var result = new LinkedHashMap<String, Object>();
        result.put("taskId", task.get("taskId").asString());
        result.put("requestId", task.get("requestId").asString());
        result.put("systemId", task.get("systemId").asString());
        result.put("action", task.get("action").asString());
        result.put("outcome", "DONE");
        result.put("systemReference", reference);
        result.put("attempts", 1);
        result.put("completedAt", Instant.now().toString());
        return result;
    }

    /** The request.completed event, checked against the contract. */
    private JsonNode completedEvent() {
        while (true) {
            var event = json.readTree(body(receive(observedEvents, 1).get(0)));
            if ("request.completed".equals(event.get("type").asString())) {
                var contract = YAMLMapper.builder()
                        .build()
                        .readTree(CONTRACT.toFile())
                        .path("components")
                        .path("schemas")
                        .path("RequestEvent");
                var schema = SchemaRegistry.withDefaultDialect(
                                SpecificationVersion.DRAFT_2020_12,
                                builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                                        .formatAssertionsEnabled(true)
                                        .build()))
                        .getSchema(contract);
                assertThat(schema.validate(event))
                        .as("request.completed against the contract")
                        .isEmpty();
                return event;
            }
        }
    }

    // --- receipts and their verification

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec receiptOf(
            String requestId, String token) {
        return http.get()
                .uri("/api/v1/requests/" + requestId + "/receipt")
                .headers(h -> h.setBearerAuth(token))
                .exchange();
    }

    private String certificatePem() {
        return http.get()
                .uri("/api/v1/receipts/certificate")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    private X509Certificate certificate() throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(certificatePem().getBytes(StandardCharsets.US_ASCII)));
    }

    private static boolean verifies(byte[] payload, byte[] signature, X509Certificate certificate) throws Exception {
        var verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(payload);
        return verifier.verify(signature);
    }

    /** The README's offline check, run as written (needs bash, jq and openssl). */
    private static String opensslVerifies(Path directory) throws Exception {
        for (var tool : List.of("jq", "openssl")) {
            var found = new ProcessBuilder("bash", "-c", "command -v " + tool)
                            .start()
                            .waitFor()
                    == 0;
            assumeTrue(found, tool + " is needed for the offline check");
        }
        var command = "jq -r .payload receipt.json | base64 -d > payload.json; "
                + "jq -r .signature receipt.json | base64 -d > payload.sig; "
                + "openssl dgst -sha256 -verify <(openssl x509 -in platform.pem -pubkey -noout) -signature payload.sig payload.json";
        var process = new ProcessBuilder("bash", "-c", command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }

    private static String flipFirst(String mac) {
        return (mac.charAt(0) == 'A' ? "B" : "A") + mac.substring(1);
    }

    private static List<String> fieldNames(JsonNode node) {
        var names = new ArrayList<String>();
        node.propertyNames().forEach(names::add);
        return names;
    }
}
