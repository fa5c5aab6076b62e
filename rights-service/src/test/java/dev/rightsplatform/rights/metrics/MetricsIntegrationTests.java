package dev.rightsplatform.rights.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rightsplatform.rights.support.AbstractRightsIntegrationTests;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /actuator/prometheus} answers without a token with the framework's metrics and the domain's after some work:
 * a deregistration carried to completion (the worker played by the test), an open request made overdue, and the
 * request counts refreshed by their job.
 */
class MetricsIntegrationTests extends AbstractRightsIntegrationTests {

    @Autowired
    JsonMapper json;

    @Autowired
    RequestMetrics requestMetrics;

    @Test
    void prometheusShowsTheDomainAfterSomeWork() {
        var token = tokens.subject(newSubject());
        var requestId = submit(token, "DEREGISTER");
        publishResult(done(parse(receive(observedTasks, 1).get(0))));
        receive(observedTasks, 2).stream().map(this::parse).forEach(task -> publishResult(done(task)));
        publishResult(done(parse(receive(observedTasks, 1).get(0))));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> http.get()
                        .uri("/api/v1/requests/" + requestId)
                        .headers(h -> h.setBearerAuth(token))
                        .exchange()
                        .expectBody()
                        .jsonPath("$.status")
                        .isEqualTo("COMPLETED"));

        // an open access request, overdue
        var open = submit(tokens.subject(newSubject()), "ACCESS");
        db.sql("update rights_request set due_at = now() - interval '1 day', due_soon_at = now() - interval '2 days'"
                        + " where id = :id::uuid")
                .bind("id", open)
                .then()
                .block();
        requestMetrics.wakeUp();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            var scrape = scrape();
            assertThat(scrape)
                    .contains("rights_request_completion_seconds_count{application=\"rights-service\",jurisdiction=")
                    .containsPattern("rights_requests_closed_total\\{.*status=\"COMPLETED\",type=\"DEREGISTER\"} 1")
                    .containsPattern("rights_requests_open\\{.*status=\"IN_PROGRESS\",type=\"ACCESS\"} 1")
                    .containsPattern("rights_requests_overdue\\{.*status=\"IN_PROGRESS\",type=\"ACCESS\"} 1")
                    .containsPattern("rights_requests_due_soon\\{.*type=\"ACCESS\"} 0")
                    .contains("rights_outbox_lag_seconds{", "rights_outbox_pending{")
                    .contains(
                            "rights_scheduler_rounds_total{application=\"rights-service\",scheduled_job=\"request-metrics\"}")
                    // the framework's metrics the dashboard shows (ObservabilityFilesUnitTests.FRAMEWORK)
                    .contains(
                            "http_server_requests_seconds_count{",
                            "http_server_requests_seconds_bucket{",
                            "jvm_memory_used_bytes{",
                            "r2dbc_pool_acquired_connections{",
                            "r2dbc_pool_pending_connections{",
                            "rabbitmq_published_total{",
                            "rabbitmq_consumed_total{")
                    // left out for their cost per call (application.yml, management.observations): Spring Security's
                    // observations and the long-task timer beside every observation
                    .doesNotContain("spring_security_", "_active_seconds");
        });
    }

    private String scrape() {
        // the scrape of a context many tests used is larger than WebClient's default buffer
        return http.mutate()
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                .build()
                .get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    private String submit(String token, String type) {
        var created = http.post()
                .uri("/api/v1/requests")
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"type\":\"" + type + "\"}")
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        return created.get("id").asString();
    }

    private Map<String, Object> done(JsonNode task) {
        var result = new LinkedHashMap<String, Object>();
        result.put("taskId", task.get("taskId").asString());
        result.put("requestId", task.get("requestId").asString());
        result.put("systemId", task.get("systemId").asString());
        result.put("action", task.get("action").asString());
        result.put("outcome", "DONE");
        result.put("attempts", 1);
        result.put("completedAt", Instant.now().toString());
        return result;
    }

    private JsonNode parse(Message message) {
        return json.readTree(body(message));
    }
}
