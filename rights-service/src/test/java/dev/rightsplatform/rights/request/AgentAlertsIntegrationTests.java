package dev.rightsplatform.rights.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rightsplatform.rights.support.AbstractRightsIntegrationTests;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Agents' alerts: a system that fails for good raises request.needs-attention naming it (and the jurisdiction) for
 * the team's mail, and {@code GET /api/v1/agent/alerts} lists every alert newest first (needs attention, due soon,
 * overdue), in pages, for agents and the officer only.
 */
class AgentAlertsIntegrationTests extends AbstractRightsIntegrationTests {

    private static final String AGENT = tokens.withRoles("agent-1", "support-agent");

    @Autowired
    JsonMapper json;

    @Autowired
    AutowireCapableBeanFactory beans;

    @Test
    void aSystemThatFailedForGoodRaisesAnAlertNamingItAndTheConsoleListsIt() {
        var requestId = submit();
        publishResult(result(parse(receive(observedTasks, 1).get(0)), "DONE")); // the account is disabled
        var erasures = receive(observedTasks, 2).stream().map(this::parse).toList();
        publishResult(result(erasures.get(0), "DONE"));
        var failed = result(erasures.get(1), "FAILED");
        failed.put("detail", "gave up after 5 attempts; last: HTTP 503");
        publishResult(failed);

        var alert = awaitEvent(requestId, "request.needs-attention");
        assertThat(alert.get("systemId").asString()).isEqualTo(failed.get("systemId"));
        assertThat(alert.get("jurisdiction").asString())
                .isEqualTo(db.sql("select jurisdiction from rights_request where id = :id")
                        .bind("id", requestId)
                        .map(row -> row.get("jurisdiction", String.class))
                        .one()
                        .block());

        var listed = alertsOf(requestId, recent(AGENT, "?limit=100"));
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("kind").asString()).isEqualTo("NEEDS_ATTENTION");
        assertThat(listed.get(0).get("systemId").asString()).isEqualTo(failed.get("systemId"));
        assertThat(listed.get(0).get("requestType").asString()).isEqualTo("DEREGISTER");
        assertThat(listed.get(0).get("status").asString()).isEqualTo("NEEDS_ATTENTION");
        assertThat(Instant.parse(listed.get(0).get("at").asString()))
                .isBefore(Instant.now().plusSeconds(1));
    }

    @Test
    void dueSoonAndOverdueAreListedNewestFirstInPages() {
        var requestId = submit();
        db.sql("update rights_request set due_at = :dueAt, due_soon_at = :soon where id = :id")
                .bind("dueAt", Instant.now().minus(Duration.ofHours(1)))
                .bind("soon", Instant.now().minus(Duration.ofDays(2)))
                .bind("id", requestId)
                .then()
                .block();

        var scanner = beans.createBean(DeadlineScanner.class);
        while (scanner.scan().block() > 0) {
            // until nothing is left to raise
        }
        awaitEvent(requestId, "request.overdue");

        var officer = tokens.withRoles("officer", "privacy-officer");
        var mine = alertsOf(requestId, recent(officer, "?limit=100"));
        assertThat(mine).extracting(alert -> alert.get("kind").asString()).containsExactly("OVERDUE", "DUE_SOON");
        assertThat(mine)
                .allSatisfy(alert -> assertThat(alert.get("systemId").isNull()).isTrue());

        // one at a time: each page continues before the last one seen, and together they list the same
        var paged = new ArrayList<JsonNode>();
        String query = "?limit=1";
        for (int page = 0; page < 500; page++) {
            var body = recent(AGENT, query);
            assertThat(body.get("items")).hasSizeLessThanOrEqualTo(1);
            paged.addAll(alertsOf(requestId, body));
            if (body.get("next").isNull() || paged.size() == 2) {
                break;
            }
            query = "?limit=1&before=" + body.get("next").asLong();
        }
        assertThat(paged)
                .extracting(alert -> alert.get("cursor").asLong())
                .containsExactlyElementsOf(
                        mine.stream().map(alert -> alert.get("cursor").asLong()).toList());
    }

    @Test
    void onlyAgentsAndTheOfficerSeeTheAlerts() {
        for (var token : List.of(tokens.subject(newSubject()), tokens.withRoles("partner-app", "partner"))) {
            http.get()
                    .uri("/api/v1/agent/alerts")
                    .headers(h -> h.setBearerAuth(token))
                    .exchange()
                    .expectStatus()
                    .isForbidden()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        http.get().uri("/api/v1/agent/alerts").exchange().expectStatus().isUnauthorized();
        for (var bad : List.of("?limit=0", "?limit=101", "?before=0", "?limit=x")) {
            http.get()
                    .uri("/api/v1/agent/alerts" + bad)
                    .headers(h -> h.setBearerAuth(AGENT))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    private JsonNode recent(String token, String query) {
        return http.get()
                .uri("/api/v1/agent/alerts" + query)
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    private static List<JsonNode> alertsOf(UUID requestId, JsonNode page) {
        var items = new ArrayList<JsonNode>();
        page.get("items").forEach(item -> {
            if (item.get("requestId").asString().equals(requestId.toString())) {
                items.add(item);
            }
        });
        return items;
    }

    /** The event of {@code type} about the request, from the events this test observes (others are passed over). */
    private JsonNode awaitEvent(UUID requestId, String type) {
        var found = new ArrayList<JsonNode>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Message message = rabbit.receive(observedEvents.getName(), 1_000);
            if (message != null) {
                var event = json.readTree(body(message));
                if (event.get("requestId").asString().equals(requestId.toString())
                        && event.get("type").asString().equals(type)) {
                    found.add(event);
                }
            }
            return !found.isEmpty();
        });
        return found.get(0);
    }

    private UUID submit() {
        var body = http.post()
                .uri("/api/v1/requests")
                .headers(h -> h.setBearerAuth(tokens.subject(newSubject())))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"type\":\"DEREGISTER\"}")
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        return UUID.fromString(body.get("id").asString());
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

    private JsonNode parse(Message message) {
        return json.readTree(body(message));
    }
}
