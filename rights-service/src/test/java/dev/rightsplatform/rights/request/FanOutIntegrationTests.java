package dev.rightsplatform.rights.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rightsplatform.rights.support.AbstractRightsIntegrationTests;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A deregistration across a pre-checked system, a manual system and the account, with a cooling-off period: every
 * step of the fan-out, with the worker played by the test through real queues.
 */
@TestPropertySource(
        properties = {
            "rights.deregistration.cooling-off=2s",
            "platform.systems.crm.precheck=true",
            "platform.systems.orders.type=manual",
        })
class FanOutIntegrationTests extends AbstractRightsIntegrationTests {

    @Autowired
    JsonMapper json;

    @Autowired
    DeadlineScanner scanner;

    @Test
    void precheckThenDisableThenCoolingOffThenErasureWithAManualSystemAndALegalHold() {
        var person = tokens.subject(newSubject());
        var id = submit(person);

        var precheck = task("PRECHECK", "crm");
        publishResult(result(precheck, "DONE"));
        var disable = task("DISABLE", "keycloak");
        publishResult(result(disable, "DONE"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "COOLING_OFF".equals(view(id, person).get("status").asString()));
        assertThat(rabbit.receive(observedTasks.getName(), 300))
                .as("nothing erased during cooling-off")
                .isNull();

        await().atMost(Duration.ofSeconds(10))
                .until(() -> scanner.endCoolingOffs().block() == 1);
        var crm = task("ERASE", "crm");
        var erased = result(crm, "DONE");
        erased.put("proof", Map.of("deleted", 12, "anonymised", 3, "retained", 2));
        erased.put(
                "retention",
                java.util.List.of(Map.of(
                        "category",
                        "invoices",
                        "basis",
                        "PRC Accounting Archives Measures Art. 14",
                        "until",
                        "2036-12-31")));
        publishJson(erased);

        // orders is manual: an agent confirms, nothing goes to the worker
        var orders = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> system(view(id, person), "orders", "ERASE"),
                        node -> node != null
                                && "AWAITING_AGENT".equals(node.get("status").asString()));
        agent().post()
                .uri("/api/v1/agent/requests/" + id + "/tasks/"
                        + orders.get("taskId").asString() + "/complete")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"text\":\"Deleted in the ledger by hand, ticket 42\"}")
                .exchange()
                .expectStatus()
                .isOk();

        var account = task("ERASE", "keycloak");
        publishResult(result(account, "DONE"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "COMPLETED".equals(view(id, person).get("status").asString()));

        var done = view(id, person);
        assertThat(done.get("retained").get(0).get("basis").asString())
                .isEqualTo("PRC Accounting Archives Measures Art. 14");
        assertThat(system(done, "crm", "ERASE").get("proof").get("deleted").asInt())
                .isEqualTo(12);
        var completed = events("request.completed");
        assertThat(completed.get("retention").get(0).get("category").asString()).isEqualTo("invoices");
    }

    @Test
    void cancellingDuringCoolingOffEnablesTheAccountAndErasesNothing() {
        var person = tokens.subject(newSubject());
        var id = submit(person);
        publishResult(result(task("PRECHECK", "crm"), "DONE"));
        publishResult(result(task("DISABLE", "keycloak"), "DONE"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "COOLING_OFF".equals(view(id, person).get("status").asString()));

        http.post()
                .uri("/api/v1/requests/" + id + "/cancel")
                .headers(h -> h.setBearerAuth(person))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("CANCELLED");
        var enable = task("ENABLE", "keycloak");
        publishResult(result(enable, "DONE"));
        assertThat(rabbit.receive(observedTasks.getName(), 500))
                .as("no erasure")
                .isNull();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(system(view(id, person), "keycloak", "ENABLE")
                                .get("status")
                                .asString())
                        .isEqualTo("DONE"));
        assertThat(system(view(id, person), "crm", "ERASE").get("status").asString())
                .isEqualTo("CANCELLED");
        assertThat(scanner.endCoolingOffs().block()).isZero();
    }

    @Test
    void aBlockedPrecheckWaitsForAnAgentWhoseRetryMovesItOn() {
        var person = tokens.subject(newSubject());
        var id = submit(person);
        var blocked = result(task("PRECHECK", "crm"), "BLOCKED");
        blocked.put("detail", "An order is still being delivered.");
        publishResult(blocked);
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        "NEEDS_ATTENTION".equals(view(id, person).get("status").asString()));
        var precheck = system(view(id, person), "crm", "PRECHECK");
        assertThat(precheck.get("detail").asString()).isEqualTo("An order is still being delivered.");
        assertThat(rabbit.receive(observedTasks.getName(), 300))
                .as("the account is not disabled")
                .isNull();

        agent().post()
                .uri("/api/v1/agent/requests/" + id + "/tasks/"
                        + precheck.get("taskId").asString() + "/retry")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("IN_PROGRESS");
        publishResult(result(task("PRECHECK", "crm"), "DONE"));
        assertThat(task("DISABLE", "keycloak").get("systemId").asString()).isEqualTo("keycloak");
    }

    @Test
    void aLateSystemIsEscalatedOnce() {
        var person = tokens.subject(newSubject());
        var id = submit(person);
        var precheck = task("PRECHECK", "crm");
        assertThat(Instant.parse(precheck.get("dueAt").asString()))
                .isBefore(Instant.now().plus(Duration.ofDays(2)).plusSeconds(60));
        db.sql("update request_task set due_at = now() - interval '1 minute' where id = :id")
                .bind("id", UUID.fromString(precheck.get("taskId").asString()))
                .then()
                .block();
        scanner.scan().block();
        scanner.scan().block();
        var late = events("request.task-overdue");
        assertThat(late.get("systemId").asString()).isEqualTo("crm");
        assertThat(count("audit_entry where action = 'request.task-overdue'")).isEqualTo(1);
        assertThat(id).isNotNull();
    }

    private JsonNode events(String type) {
        while (true) {
            var message = rabbit.receive(observedEvents.getName(), 10_000);
            assertThat(message).as("event " + type).isNotNull();
            var event = json.readTree(body(message));
            if (type.equals(event.get("type").asString())) {
                return event;
            }
        }
    }

    private JsonNode task(String action, String systemId) {
        var message = rabbit.receive(observedTasks.getName(), 10_000);
        assertThat(message).as("a %s task for %s", action, systemId).isNotNull();
        var task = json.readTree(body(message));
        assertThat(task.get("action").asString() + ":" + task.get("systemId").asString())
                .isEqualTo(action + ":" + systemId);
        return task;
    }

    private Map<String, Object> result(JsonNode task, String outcome) {
        var result = new LinkedHashMap<String, Object>();
        result.put("taskId", task.get("taskId").asString());
        result.put("requestId", task.get("requestId").asString());
        result.put("systemId", task.get("systemId").asString());
        result.put("action", task.get("action").asString());
        result.put("outcome", outcome);
        result.put("attempts", 1);
        result.put("completedAt", Instant.now().toString());
        return result;
    }

    private void publishJson(Map<String, Object> result) {
        publishRawResult(
                json.writeValueAsString(result), result.get("taskId") + ":result", "result." + result.get("systemId"));
    }

    private static JsonNode system(JsonNode request, String systemId, String action) {
        for (var system : request.get("systems")) {
            if (systemId.equals(system.get("systemId").asString())
                    && action.equals(system.get("action").asString())) {
                return system;
            }
        }
        return null;
    }

    private JsonNode view(String id, String token) {
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

    private WebTestClient agent() {
        return http.mutate()
                .defaultHeaders(h -> h.setBearerAuth(tokens.withRoles("agent-9", "support-agent")))
                .build();
    }

    private String submit(String token) {
        return http.post()
                .uri("/api/v1/requests")
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"type\":\"DEREGISTER\",\"jurisdiction\":\"DE\"}")
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .asString();
    }
}
