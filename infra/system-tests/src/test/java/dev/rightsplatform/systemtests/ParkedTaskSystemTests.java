package dev.rightsplatform.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A system that never succeeds, end to end: the worker tries it with growing delays, gives up after its last attempt
 * and reports the task FAILED; the request waits for an agent; once the system is back, the agent retries the task
 * through the agent API and the deregistration completes.
 */
@ExtendWith(PlatformExtension.class)
class ParkedTaskSystemTests {

    private static final Logger log = LoggerFactory.getLogger(ParkedTaskSystemTests.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Slack for timers and a busy machine when a delay is compared with its shortest allowed value. */
    private static final Duration TIMER_SLACK = Duration.ofMillis(50);

    private static Platform platform;

    @BeforeAll
    static void platform(Platform running) {
        platform = running;
    }

    @Test
    void aSystemThatNeverSucceedsIsGivenUpOnAndAnAgentRetryFinishesTheRequestOnceItRecovers() throws Exception {
        var billing = platform.systems.get("billing");
        billing.failEveryCallWith(503);
        try {
            var person = platform.keycloak.newDataSubject("en");
            var submitted = call(
                    "POST", "/api/v1/requests", platform.keycloak.accessToken(person), "{\"type\":\"DEREGISTER\"}");
            assertThat(submitted.statusCode()).isEqualTo(202);
            var requestId = JSON.readTree(submitted.body()).get("id").asText();
            var agent = platform.keycloak.agentToken();

            // the agent API shows the request waiting for an agent, with the system's task failed and why
            var flagged = await().atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(300))
                    .until(
                            () -> view(requestId, agent),
                            request -> "NEEDS_ATTENTION"
                                    .equals(request.path("status").asText()));
            var failed = task(flagged, "billing", "ERASE");
            assertThat(failed.get("status").asText()).isEqualTo("FAILED");
            assertThat(failed.get("detail").asText())
                    .isEqualTo("gave up after " + Platform.RETRY_MAX_ATTEMPTS
                            + " attempts; last: billing answered HTTP 503");
            for (var other : List.of("crm", "orders", "analytics", "support")) {
                assertThat(task(flagged, other, "ERASE").get("status").asText())
                        .as(other)
                        .isEqualTo("DONE");
            }
            assertThat(task(flagged, "keycloak", "ERASE").get("status").asText())
                    .as("the account is deleted only after every system erased")
                    .isEqualTo("PLANNED");
            assertThat(platform.keycloak.exists(person.id())).isTrue();
            assertThat(needingAttention(agent)).contains(requestId);

            // every attempt reached the system, each after a longer pause than the one before
            var attempts = billing.callsMentioning(person.id());
            assertThat(attempts).hasSize(Platform.RETRY_MAX_ATTEMPTS).allSatisfy(attempt -> {
                assertThat(attempt.status()).isEqualTo(503);
                assertThat(attempt.signatureValid()).isTrue();
            });
            var pauses = new ArrayList<Duration>();
            for (int i = 1; i < attempts.size(); i++) {
                pauses.add(Duration.between(
                        attempts.get(i - 1).receivedAt(), attempts.get(i).receivedAt()));
            }
            log.info(
                    "{} attempts against a system answering 503, pauses between them: {}",
                    attempts.size(),
                    pauses.stream().map(pause -> pause.toMillis() + " ms").toList());
            for (int i = 0; i < pauses.size(); i++) {
                var nominal = Platform.RETRY_INITIAL_DELAY.multipliedBy((long) Math.pow(Platform.RETRY_MULTIPLIER, i));
                var shortest = Duration.ofMillis((long) (nominal.toMillis() * (1 - Platform.RETRY_JITTER)));
                assertThat(pauses.get(i))
                        .as("pause after attempt %d", i + 1)
                        .isGreaterThanOrEqualTo(shortest.minus(TIMER_SLACK));
                if (i > 0) {
                    assertThat(pauses.get(i))
                            .as("pause after attempt %d grows", i + 1)
                            .isGreaterThan(pauses.get(i - 1));
                }
            }
            assertThat(billing.callsFor(person.id()))
                    .as("nothing erased while failing")
                    .isZero();

            // the system is back; the agent retries the failed task
            billing.recover();
            var retried = call(
                    "POST",
                    "/api/v1/agent/requests/" + requestId + "/tasks/"
                            + failed.get("taskId").asText() + "/retry",
                    agent,
                    null);
            assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
            assertThat(JSON.readTree(retried.body()).get("status").asText()).isEqualTo("IN_PROGRESS");

            var completed = await().atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(300))
                    .until(
                            () -> view(requestId, agent),
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
            assertThat(task(completed, "billing", "ERASE").get("taskId").asText())
                    .as("the retry is a fresh task")
                    .isNotEqualTo(failed.get("taskId").asText());
            assertThat(billing.callsMentioning(person.id()))
                    .as("the failed attempts and the one that worked")
                    .hasSize(Platform.RETRY_MAX_ATTEMPTS + 1)
                    .last()
                    .satisfies(call -> assertThat(call.status()).isEqualTo(200));
            assertThat(billing.callsFor(person.id())).isEqualTo(1);
            assertThat(platform.keycloak.exists(person.id()))
                    .as("the Keycloak account is gone")
                    .isFalse();
            assertThat(needingAttention(agent)).doesNotContain(requestId);
        } finally {
            billing.recover();
        }
    }

    /** The request as an agent reads it. */
    private static JsonNode view(String requestId, String agentToken) throws Exception {
        var response = call("GET", "/api/v1/requests/" + requestId, agentToken, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Ids in the agent queue of requests needing attention (one page is plenty for one test run). */
    private static List<String> needingAttention(String agentToken) throws Exception {
        var response = call("GET", "/api/v1/agent/requests?status=NEEDS_ATTENTION&limit=100", agentToken, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return StreamSupport.stream(JSON.readTree(response.body()).get("items").spliterator(), false)
                .map(item -> item.get("id").asText())
                .toList();
    }

    private static JsonNode task(JsonNode request, String systemId, String action) {
        return StreamSupport.stream(request.get("systems").spliterator(), false)
                .filter(system -> systemId.equals(system.get("systemId").asText())
                        && action.equals(system.get("action").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + systemId + ":" + action + " task in " + request));
    }

    private static HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        var builder = HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + path))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token);
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        builder.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }
}
