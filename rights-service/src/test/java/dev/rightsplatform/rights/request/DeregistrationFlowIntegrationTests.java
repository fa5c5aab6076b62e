package dev.rightsplatform.rights.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rightsplatform.rights.support.AbstractRightsIntegrationTests;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A deregistration from submission through every system's result to completion, with the worker played by the test. */
class DeregistrationFlowIntegrationTests extends AbstractRightsIntegrationTests {

    @Autowired
    JsonMapper json;

    @Test
    void deregistrationFansOutInPhasesAndCompletesWhenEverySystemIsDone() {
        var subject = newSubject();
        var token = tokens.subject(subject);

        var created = http.post()
                .uri("/api/v1/requests")
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"type\":\"DEREGISTER\"}")
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectHeader()
                .value(HttpHeaders.LOCATION, location -> assertThat(location).startsWith("/api/v1/requests/"))
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(created.get("type").asString()).isEqualTo("DEREGISTER");
        assertThat(created.get("status").asString()).isEqualTo("IN_PROGRESS");
        assertThat(Instant.parse(created.get("dueAt").asString())).isAfter(Instant.now());
        var requestId = created.get("id").asString();

        // first the account is disabled, then crm and orders erase, then the account is deleted
        var disable = parse(receive(observedTasks, 1).get(0));
        assertThat(disable.get("systemId").asString()).isEqualTo("keycloak");
        assertThat(disable.get("action").asString()).isEqualTo("DISABLE");
        assertThat(Instant.parse(disable.get("dueAt").asString()))
                .isBefore(Instant.parse(created.get("dueAt").asString()));
        publishResult(done(disable, null));

        var phaseOne = receive(observedTasks, 2).stream().map(this::parse).toList();
        assertThat(phaseOne)
                .extracting(task -> task.get("systemId").asString())
                .containsExactlyInAnyOrder("crm", "orders");
        phaseOne.forEach(task -> {
            assertThat(task.get("requestId").asString()).isEqualTo(requestId);
            assertThat(task.get("action").asString()).isEqualTo("ERASE");
            assertThat(task.get("subject").get("userId").asString()).isEqualTo(subject);
        });
        var received = parse(receive(observedEvents, 1).get(0));
        assertThat(received.get("type").asString()).isEqualTo("request.received");
        assertThat(received.get("recipient").get("email").asString()).isEqualTo(subject + "@example.com");

        phaseOne.forEach(task -> publishResult(done(task, task.get("systemId").asString() + "-ref")));

        var keycloakTask = parse(receive(observedTasks, 1).get(0));
        assertThat(keycloakTask.get("systemId").asString()).isEqualTo("keycloak");
        assertThat(keycloakTask.get("action").asString()).isEqualTo("ERASE");
        publishResult(done(keycloakTask, null));

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> http.get()
                        .uri("/api/v1/requests/" + requestId)
                        .headers(h -> h.setBearerAuth(token))
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .jsonPath("$.status")
                        .isEqualTo("COMPLETED")
                        .jsonPath("$.closedAt")
                        .isNotEmpty()
                        .jsonPath("$.systems[?(@.status == 'DONE')].systemId")
                        .value(ids -> assertThat((List<?>) ids).hasSize(4)));
        var completed = parse(receive(observedEvents, 1).get(0));
        assertThat(completed.get("type").asString()).isEqualTo("request.completed");

        http.get()
                .uri("/api/v1/requests/" + requestId + "/audit")
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[*].action")
                .value(actions -> assertThat((List<Object>) actions)
                        .containsExactly(
                                "request.received",
                                "request.started",
                                "tasks.dispatched",
                                "task.done",
                                "tasks.dispatched",
                                "task.done",
                                "task.done",
                                "tasks.dispatched",
                                "task.done",
                                "request.completed"))
                .jsonPath("$[0].actor")
                .value(actor ->
                        assertThat((String) actor).startsWith("subject:").doesNotContain(subject));
    }

    @Test
    void aRedeliveredResultChangesNothing() {
        var token = tokens.subject(newSubject());
        http.post()
                .uri("/api/v1/requests")
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"type\":\"DEREGISTER\"}")
                .exchange()
                .expectStatus()
                .isAccepted();
        var task = parse(receive(observedTasks, 1).get(0));
        // the same answer twice at once (a redelivery racing the original), then a different answer once it is
        // recorded;
        // the late one goes in only after the first is recorded: RabbitMQ keeps order per channel only, and the test's
        // template may publish two messages on two channels
        publishResult(done(task, "first"));
        publishResult(done(task, "first"));
        await().atMost(Duration.ofSeconds(10)).until(() -> count("audit_entry where action = 'task.done'") == 1);
        publishResult(done(task, "second"));

        // give the duplicates time to be consumed, then check they left no trace
        await().pollDelay(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(5))
                .until(() ->
                        rabbitAdmin.getQueueInfo("rights-service.task-results").getMessageCount() == 0);
        assertThat(count("audit_entry where action = 'task.done'")).isEqualTo(1);
        assertThat(db.sql("select system_reference from request_task where id = :id")
                        .bind("id", java.util.UUID.fromString(task.get("taskId").asString()))
                        .map(row -> row.get("system_reference", String.class))
                        .one()
                        .block())
                .isEqualTo("first");
    }

    @Test
    void aFailedSystemFlagsTheRequestForAttentionAndHoldsBackTheAccountDeletion() {
        var token = tokens.subject(newSubject());
        var requestId = http.post()
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
        publishResult(done(parse(receive(observedTasks, 1).get(0)), null)); // the account is disabled
        var tasks = receive(observedTasks, 2).stream().map(this::parse).toList();
        publishResult(done(tasks.get(0), null));
        var failed = done(tasks.get(1), null);
        failed.put("outcome", "FAILED");
        failed.put("detail", "HTTP 500 after 5 attempts");
        publishResult(failed);

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> http.get()
                        .uri("/api/v1/requests/" + requestId)
                        .headers(h -> h.setBearerAuth(token))
                        .exchange()
                        .expectBody()
                        .jsonPath("$.status")
                        .isEqualTo("NEEDS_ATTENTION")
                        .jsonPath("$.systems[?(@.systemId == 'keycloak' && @.action == 'ERASE')].status")
                        .isEqualTo("PLANNED"));
        assertThat(rabbit.receive(observedTasks.getName(), 500))
                .as("no keycloak task")
                .isNull();
    }

    @Test
    void unreadableOrUnknownResultsAreParkedNotRetried() {
        rabbit.execute(channel -> channel.queuePurge("rights-service.task-results.parked"));
        publishRawResult("{not json", "m-1", "result.crm");
        publishResult(Map.of(
                "taskId",
                java.util.UUID.randomUUID(),
                "requestId",
                java.util.UUID.randomUUID(),
                "systemId",
                "crm",
                "action",
                "ERASE",
                "outcome",
                "DONE",
                "completedAt",
                Instant.now(),
                "attempts",
                1));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> rabbitAdmin
                                .getQueueInfo("rights-service.task-results.parked")
                                .getMessageCount()
                        == 2);
        assertThat(count("audit_entry")).isZero();
    }

    private Map<String, Object> done(JsonNode task, String reference) {
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

    private JsonNode parse(Message message) {
        return json.readTree(body(message));
    }
}
