package dev.rightsplatform.rights.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rightsplatform.rights.delivery.retention.DeliveryRetention;
import dev.rightsplatform.rights.support.AbstractRightsIntegrationTests;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Access and export with the worker played by the test through real queues and the real upload endpoint: parts are
 * uploaded with the worker's role, reported done with their checksum, and handed to the owner only.
 */
class AccessExportIntegrationTests extends AbstractRightsIntegrationTests {

    protected static final String WORKER = tokens.withRoles("service-account-deletion-worker", "rights-worker");

    @Autowired
    protected JsonMapper json;

    @Autowired
    protected DeliveryRetention retention;

    @Test
    void accessCollectsFromEachSystemAndOnlyItsOwnerReadsTheData() {
        var subject = newSubject();
        var owner = tokens.subject(subject);
        var id = submit(owner, "ACCESS");
        var tasks = tasks(2);
        assertThat(tasks.keySet()).containsExactlyInAnyOrder("COLLECT:crm", "COLLECT:orders");

        for (var task : tasks.values()) {
            var receipt = upload(task, part(task.get("systemId").asString(), subject))
                    .expectStatus()
                    .isOk()
                    .expectBody(JsonNode.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(receipt.get("records").asLong()).isEqualTo(3);
            assertThat(receipt.get("categories").toString()).contains("profile", "orders");
            publishJson(done(task, receipt));
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "COMPLETED".equals(view(id, owner).get("status").asString()));

        var data = http.get()
                .uri("/api/v1/requests/" + id + "/data")
                .headers(h -> h.setBearerAuth(owner))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(data.get("systems")).hasSize(2);
        assertThat(data.at("/systems/0/categories/profile/0/userId").asString()).isEqualTo(subject);
        assertThat(data.at("/systems/1/categories/orders/1/note").asString()).isEqualTo("=1+2");

        http.get()
                .uri("/api/v1/requests/" + id + "/data")
                .headers(h -> h.setBearerAuth(tokens.subject(newSubject())))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        // agents and the officer never read a person's data: refused by role
        for (var staff : List.of(
                tokens.withRoles("agent-1", "support-agent"), tokens.withRoles("officer-1", "privacy-officer"))) {
            http.get()
                    .uri("/api/v1/requests/" + id + "/data")
                    .headers(h -> h.setBearerAuth(staff))
                    .exchange()
                    .expectStatus()
                    .isForbidden()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        assertThat(count("audit_entry where action = 'data.viewed'")).isEqualTo(1);
    }

    @Test
    void aCollectReportedDoneWithAnotherChecksumIsAFailure() {
        var subject = newSubject();
        var owner = tokens.subject(subject);
        var id = submit(owner, "ACCESS");
        var tasks = tasks(2);
        var crm = tasks.get("COLLECT:crm");
        upload(crm, part("crm", subject)).expectStatus().isOk();
        var forged = done(crm, null);
        forged.put("collected", Map.of("records", 3, "bytes", 10, "sha256", "0".repeat(64)));
        publishJson(forged);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "FAILED"
                        .equals(system(view(id, owner), "crm").get("status").asString()));
        http.get()
                .uri("/api/v1/requests/" + id + "/data")
                .headers(h -> h.setBearerAuth(owner))
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/data-not-ready");
    }

    @Test
    void uploadsAreCheckedAndOnlyTheWorkerMayUpload() {
        var subject = newSubject();
        submit(tokens.subject(subject), "ACCESS");
        var crm = tasks(2).get("COLLECT:crm");
        var path = "/internal/v1/collections/" + crm.get("taskId").asString();

        for (var notWorker : List.of(
                tokens.subject(subject),
                tokens.withRoles("agent-1", "support-agent"),
                tokens.withRoles("partner-1", "partner"))) {
            http.put()
                    .uri(path)
                    .headers(h -> h.setBearerAuth(notWorker))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(part("crm", subject))
                    .exchange()
                    .expectStatus()
                    .isForbidden();
        }
        http.put()
                .uri(path)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(part("crm", subject))
                .exchange()
                .expectStatus()
                .isUnauthorized();
        for (var bad : List.of(
                "{",
                "[]",
                "{\"categories\":[]}",
                "{\"categories\":{\"x\":[1]}}",
                "{\"other\":{}}",
                "{\"categories\":{\"<script>\":[]}}")) {
            http.put()
                    .uri(path)
                    .headers(h -> h.setBearerAuth(WORKER))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(bad)
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo("/problems/invalid-collection");
        }
        assertThat(count("collected_part")).isZero();
        http.put()
                .uri("/internal/v1/collections/" + java.util.UUID.randomUUID())
                .headers(h -> h.setBearerAuth(WORKER))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(part("crm", subject))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/unknown-task");

        // a large part is accepted (beyond the API's 64 KB body limit) and streamed
        var big = new StringBuilder("{\"categories\":{\"events\":[");
        for (int i = 0; i < 20_000; i++) {
            big.append(i == 0 ? "" : ",").append("{\"n\":").append(i).append(",\"text\":\"some event text\"}");
        }
        big.append("]}}");
        var receipt = upload(crm, big.toString())
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(receipt.get("records").asLong()).isEqualTo(20_000);
        publishJson(done(crm, receipt));
        await().atMost(Duration.ofSeconds(10)).until(() -> count("request_task where status = 'DONE'") == 1);
        upload(crm, part("crm", subject))
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/task-settled");
    }

    @Test
    void anExportIsBuiltDownloadedByItsOwnerThroughShortLivedLinksAndDeletedWhenItExpires() throws Exception {
        var subject = newSubject();
        var owner = tokens.subject(subject);
        var id = submit(owner, "EXPORT");
        for (var task : tasks(2).values()) {
            var receipt = upload(task, part(task.get("systemId").asString(), subject))
                    .expectStatus()
                    .isOk()
                    .expectBody(JsonNode.class)
                    .returnResult()
                    .getResponseBody();
            publishJson(done(task, receipt));
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "COMPLETED".equals(view(id, owner).get("status").asString()));
        // the parts are deleted right after the commit that completes the request: soon, not at once
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(count("collected_part where deleted_at is null"))
                        .as("the archive holds the data now")
                        .isZero());

        var link = http.post()
                .uri("/api/v1/requests/" + id + "/export-link")
                .headers(h -> h.setBearerAuth(owner))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        var href = link.get("href").asString();
        var zip = http.get()
                .uri(href)
                .headers(h -> h.setBearerAuth(owner))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType("application/zip")
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
        assertThat(sha256(zip)).isEqualTo(link.get("sha256").asString());
        var files = unzip(zip);
        var manifest = json.readTree(files.get("manifest.json"));
        manifest.get("files")
                .forEach(file -> assertThat(sha256(files.get(file.get("path").asString())))
                        .isEqualTo(file.get("sha256").asString()));
        assertThat(files).containsKeys("index.html", "systems/crm.json", "systems/orders/profile.csv");
        assertThat(new String(files.get("systems/crm/orders.csv"), StandardCharsets.UTF_8))
                .contains("'=1+2");

        var stranger = tokens.subject(newSubject());
        http.get()
                .uri(href)
                .headers(h -> h.setBearerAuth(stranger))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/link-not-found");
        http.post()
                .uri("/api/v1/requests/" + id + "/export-link")
                .headers(h -> h.setBearerAuth(stranger))
                .exchange()
                .expectStatus()
                .isNotFound();
        http.get()
                .uri("/api/v1/exports/not-a-token")
                .headers(h -> h.setBearerAuth(owner))
                .exchange()
                .expectStatus()
                .isNotFound();

        db.sql("update export_link set expires_at = now() - interval '1 second'")
                .then()
                .block();
        http.get()
                .uri(href)
                .headers(h -> h.setBearerAuth(owner))
                .exchange()
                .expectStatus()
                .isEqualTo(410)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/link-expired");

        var fresh = http.post()
                .uri("/api/v1/requests/" + id + "/export-link")
                .headers(h -> h.setBearerAuth(owner))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        db.sql("update export_archive set expires_at = now() - interval '1 second'")
                .then()
                .block();
        http.get()
                .uri(fresh.get("href").asString())
                .headers(h -> h.setBearerAuth(owner))
                .exchange()
                .expectStatus()
                .isEqualTo(410)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/data-expired");
        assertThat(retention.sweep().block()).isEqualTo(1);
        assertThat(count("export_archive where status = 'EXPIRED'")).isEqualTo(1);
        assertThat(count("audit_entry where action in ('export.downloaded', 'export.expired')"))
                .isEqualTo(2);
        var events = receive(observedEvents, 3).stream()
                .map(message -> json.readTree(body(message)).get("type").asString())
                .toList();
        assertThat(events).containsExactly("request.received", "request.completed", "request.export-ready");
    }

    protected String submit(String token, String type) {
        return http.post()
                .uri("/api/v1/requests")
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"type\":\"" + type + "\",\"jurisdiction\":\"DE\"}")
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .asString();
    }

    /** The next {@code n} TaskCommands, by action:system. */
    protected Map<String, JsonNode> tasks(int n) {
        var tasks = new HashMap<String, JsonNode>();
        for (var message : receive(observedTasks, n)) {
            var task = json.readTree(body(message));
            tasks.put(task.get("action").asString() + ":" + task.get("systemId").asString(), task);
        }
        return tasks;
    }

    protected WebTestClient.ResponseSpec upload(JsonNode task, String part) {
        return http.put()
                .uri("/internal/v1/collections/" + task.get("taskId").asString())
                .headers(h -> h.setBearerAuth(WORKER))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(part)
                .exchange();
    }

    protected static String part(String system, String subject) {
        return "{\"categories\":{\"profile\":[{\"userId\":\"" + subject + "\",\"system\":\"" + system + "\"}],"
                + "\"orders\":[{\"id\":1,\"note\":\"plain\"},{\"id\":2,\"note\":\"=1+2\"}]}}";
    }

    protected Map<String, Object> done(JsonNode task, JsonNode receipt) {
        var result = new LinkedHashMap<String, Object>();
        result.put("taskId", task.get("taskId").asString());
        result.put("requestId", task.get("requestId").asString());
        result.put("systemId", task.get("systemId").asString());
        result.put("action", task.get("action").asString());
        result.put("outcome", "DONE");
        result.put("attempts", 1);
        result.put("completedAt", Instant.now().toString());
        if (receipt != null) {
            result.put(
                    "collected",
                    Map.of(
                            "records",
                            receipt.get("records").asLong(),
                            "bytes",
                            receipt.get("bytes").asLong(),
                            "sha256",
                            receipt.get("sha256").asString()));
        }
        return result;
    }

    protected void publishJson(Map<String, Object> result) {
        publishRawResult(
                json.writeValueAsString(result), result.get("taskId") + ":result", "result." + result.get("systemId"));
    }

    protected JsonNode view(String id, String token) {
        return http.get()
                .uri("/api/v1/requests/" + id)
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    private static JsonNode system(JsonNode request, String systemId) {
        for (var system : request.get("systems")) {
            if (systemId.equals(system.get("systemId").asString())) {
                return system;
            }
        }
        throw new AssertionError("no task for " + systemId);
    }

    protected static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        var files = new HashMap<String, byte[]>();
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), in.readAllBytes());
            }
        }
        return files;
    }

    protected static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
