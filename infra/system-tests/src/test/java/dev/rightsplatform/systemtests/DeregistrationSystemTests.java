package dev.rightsplatform.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The spine, end to end: a person deregisters through the gateway with a real Keycloak token, every downstream system
 * erases them (signed calls), their Keycloak account goes last, they get two emails, and the audit trail tells it all.
 */
@ExtendWith(PlatformExtension.class)
class DeregistrationSystemTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Platform platform;

    @BeforeAll
    static void platform(Platform running) {
        platform = running;
    }

    @Test
    void aDeregistrationReachesEverySystemDeletesTheAccountAndTellsThePerson() throws Exception {
        var person = platform.keycloak.newDataSubject("en");
        var token = platform.keycloak.accessToken(person);

        var submitted = call("POST", "/api/v1/requests", token, "{\"type\":\"DEREGISTER\"}");
        assertThat(submitted.statusCode()).isEqualTo(202);
        var location = submitted.headers().firstValue("Location").orElseThrow();
        var created = JSON.readTree(submitted.body());
        var requestId = created.get("id").asText();
        assertThat(location).endsWith("/api/v1/requests/" + requestId);
        assertThat(created.get("type").asText()).isEqualTo("DEREGISTER");
        assertThat(created.get("dueAt").asText()).isNotBlank();

        var completed = await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> JSON.readTree(call("GET", "/api/v1/requests/" + requestId, token, null)
                                .body()),
                        request -> "COMPLETED".equals(request.path("status").asText()));
        assertThat(StreamSupport.stream(completed.get("systems").spliterator(), false)
                        .map(system -> system.get("systemId").asText() + ":"
                                + system.get("action").asText() + "="
                                + system.get("status").asText()))
                .containsExactlyInAnyOrder(
                        "keycloak:DISABLE=DONE",
                        "crm:ERASE=DONE",
                        "orders:ERASE=DONE",
                        "billing:ERASE=DONE",
                        "analytics:ERASE=DONE",
                        "support:ERASE=DONE",
                        "keycloak:ERASE=DONE");

        for (var system : platform.systems.values()) {
            assertThat(system.callsMentioning(person.id()))
                    .as("%s received one signed erase call for the person", system.name)
                    .singleElement()
                    .satisfies(call -> {
                        assertThat(call.signatureValid()).isTrue();
                        assertThat(JSON.readTree(call.body())
                                        .at("/subject/userId")
                                        .asText())
                                .isEqualTo(person.id());
                    });
        }
        assertThat(platform.keycloak.exists(person.id()))
                .as("the Keycloak account is gone")
                .isFalse();

        // received, cooling-off started (with how to cancel), completed
        await().atMost(Duration.ofSeconds(30))
                .until(() -> mailsTo(person.email()).size() == 3);
        var subjects = mailsTo(person.email()).stream()
                .map(DeregistrationSystemTests::subject)
                .toList();
        assertThat(subjects.get(0)).contains("received").contains(requestId);
        assertThat(subjects.get(2)).contains("carried out").contains(requestId);

        var audit = auditTrail(requestId, token);
        assertThat(audit)
                .containsExactly(
                        "request.received",
                        "request.started",
                        "tasks.dispatched",
                        "task.done",
                        "request.cooling-off-started",
                        "request.cooling-off-ended",
                        "tasks.dispatched",
                        "task.done",
                        "task.done",
                        "task.done",
                        "task.done",
                        "task.done",
                        "tasks.dispatched",
                        "task.done",
                        "request.completed");
    }

    @Test
    void nobodyElseSeesTheRequestAndBadCallsAreRefusedWithProblems() throws Exception {
        var owner = platform.keycloak.newDataSubject("en");
        var other = platform.keycloak.newDataSubject("zh-CN");
        var ownerToken = platform.keycloak.accessToken(owner);
        var otherToken = platform.keycloak.accessToken(other);

        var submitted = call("POST", "/api/v1/requests", ownerToken, "{\"type\":\"DEREGISTER\"}");
        assertThat(submitted.statusCode()).isEqualTo(202);
        var requestId = JSON.readTree(submitted.body()).get("id").asText();

        var peek = call("GET", "/api/v1/requests/" + requestId, otherToken, null);
        assertThat(peek.statusCode()).isEqualTo(404);
        assertProblem(peek);
        assertThat(call("GET", "/api/v1/requests/" + requestId + "/audit", otherToken, null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(JSON.readTree(
                        call("GET", "/api/v1/requests", otherToken, null).body()))
                .isEmpty();

        var anonymous = call("GET", "/api/v1/requests/" + requestId, null, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertProblem(anonymous);
        assertThat(call("POST", "/api/v1/requests", null, "{\"type\":\"DEREGISTER\"}")
                        .statusCode())
                .isEqualTo(401);

        var before = storedRequests();
        var malformed = call("POST", "/api/v1/requests", otherToken, "{\"type\": \"DEREGISTER\"");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertProblem(malformed);
        assertThat(storedRequests()).isEqualTo(before);
        assertThat(JSON.readTree(
                        call("GET", "/api/v1/requests", otherToken, null).body()))
                .isEmpty();
    }

    private static void assertProblem(HttpResponse<String> response) throws IOException {
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(JSON.readTree(response.body()).get("type").asText()).startsWith("/problems/");
    }

    /** The audit trail as the owner reads it through the gateway (their token outlives the account by minutes). */
    private static List<String> auditTrail(String requestId, String token) throws Exception {
        var response = call("GET", "/api/v1/requests/" + requestId + "/audit", token, null);
        assertThat(response.statusCode()).isEqualTo(200);
        return StreamSupport.stream(JSON.readTree(response.body()).spliterator(), false)
                .map(entry -> entry.get("action").asText())
                .toList();
    }

    private static long storedRequests() throws Exception {
        try (var connection =
                        DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/rights_systest", "postgres", "");
                var rows = connection.createStatement().executeQuery("select count(*) from rights_request")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(platform.mail.getReceivedMessages())
                .filter(message -> recipients(message).contains(address))
                .toList();
    }

    private static String recipients(MimeMessage message) {
        try {
            return Arrays.toString(message.getAllRecipients());
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        var builder =
                HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + path)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        builder.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }
}
