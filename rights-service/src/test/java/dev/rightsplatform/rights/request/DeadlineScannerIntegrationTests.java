package dev.rightsplatform.rights.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.rights.audit.AuditTrail;
import dev.rightsplatform.rights.support.AbstractRightsIntegrationTests;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The deadline scanner, run as two instances against one database: each alert is raised exactly once. */
class DeadlineScannerIntegrationTests extends AbstractRightsIntegrationTests {

    @Autowired
    AuditTrail audit;

    @Autowired
    TransactionalOperator transactional;

    @Autowired
    Clock clock;

    @Autowired
    JsonMapper json;

    @Autowired
    org.springframework.beans.factory.config.AutowireCapableBeanFactory beans;

    @Test
    void twoScannersRaiseEachAlertOnce() {
        var dueSoon = 12;
        var overdue = 8;
        for (int i = 0; i < dueSoon + overdue; i++) {
            var id = submit();
            var dueAt = i < dueSoon
                    ? Instant.now().plus(Duration.ofDays(1))
                    : Instant.now().minus(Duration.ofHours(1));
            db.sql("update rights_request set due_at = :dueAt, due_soon_at = :soon where id = :id")
                    .bind("dueAt", dueAt)
                    .bind("soon", Instant.now().minus(Duration.ofDays(2)))
                    .bind("id", id)
                    .then()
                    .block();
        }
        var notDueYet = submit();
        receive(observedEvents, dueSoon + overdue + 1); // the request.received events

        // two independent scanners, as two replicas of the service would run
        var first = beans.createBean(DeadlineScanner.class);
        var second = beans.createBean(DeadlineScanner.class);
        // rounds until nothing is left: a row one scanner holds is skipped by the other and taken in a later round
        var raised = 0;
        for (int round = Mono.zip(first.scan(), second.scan(), Integer::sum).block();
                round > 0;
                round = Mono.zip(first.scan(), second.scan(), Integer::sum).block()) {
            raised += round;
        }

        // every request past its due-soon time is due soon; the overdue ones are overdue too
        assertThat(raised).isEqualTo(dueSoon + overdue + overdue);
        assertThat(count("audit_entry where action = 'request.due-soon'")).isEqualTo(dueSoon + overdue);
        assertThat(count("audit_entry where action = 'request.overdue'")).isEqualTo(overdue);
        assertThat(count("audit_entry where action in ('request.due-soon', 'request.overdue') and request_id = '"
                        + notDueYet + "'"))
                .isZero();
        var alerts = receive(observedEvents, dueSoon + overdue + overdue).stream()
                .map(message -> json.readTree(body(message)).get("type").asString())
                .toList();
        assertThat(alerts).filteredOn("request.overdue"::equals).hasSize(overdue);
        assertThat(rabbit.receive(observedEvents.getName(), 500))
                .as("nothing raised twice")
                .isNull();
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
}
