package dev.rightsplatform.rights.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rightsplatform.rights.scheduling.PeriodicWork;
import dev.rightsplatform.rights.support.AbstractRightsIntegrationTests;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.transaction.reactive.TransactionalOperator;
import tools.jackson.databind.JsonNode;

/**
 * The AMQP relay of the outbox: a message no queue takes is FAILED after the attempt cap (counted in
 * {@code rights.outbox.failed}), agents list it without its payload and resubmit it, both audited; a relay that died
 * holding a claim has its messages published once the lease ends.
 */
@org.springframework.test.context.TestPropertySource(
        properties = {"rights.outbox.max-attempts=3", "rights.outbox.max-backoff=1s"})
class OutboxRelayIntegrationTests extends AbstractRightsIntegrationTests {

    private static final String AGENT = tokens.withRoles("agent-" + UUID.randomUUID(), "support-agent");
    private static final String OFFICER = tokens.withRoles("officer-" + UUID.randomUUID(), "privacy-officer");

    @Autowired
    Outbox outbox;

    @Autowired
    TransactionalOperator transactional;

    @Autowired
    @Qualifier("requestMetrics")
    PeriodicWork metrics;

    @Test
    void aMessageNoQueueTakesFailsAfterTheCapAndAnAgentResubmitsIt() {
        var id = UUID.randomUUID();
        var key = "test.failing-" + id;
        outbox.add(id, "rights.events", key, "Test", Map.of("email", "someone@example.com"))
                .block();

        await().atMost(Duration.ofSeconds(30)).until(() -> count(row(id) + " and status = 'FAILED'") == 1);
        assertThat(count(row(id) + " and attempts = 3 and failed_at is not null and payload is not null"))
                .as("three attempts, then FAILED with its sealed payload kept for a resubmission")
                .isEqualTo(1);
        assertThat(count(row(id) + " and last_error like 'no queue took the message sent to exchange rights.events%'"))
                .isEqualTo(1);

        metrics.wakeUp();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(scrape())
                                .contains("rights_outbox_failed{application=\"rights-service\",channel=\"amqp\"} 1.0")
                                .contains(
                                        "rights_outbox_failed{application=\"rights-service\",channel=\"opendsr-callback\"} 0.0"));

        var page = http.get()
                .uri("/api/v1/agent/outbox/failed")
                .headers(h -> h.setBearerAuth(AGENT))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(page.get("items")).hasSize(1);
        var item = page.get("items").get(0);
        assertThat(item.get("id").asString()).isEqualTo(id.toString());
        assertThat(item.get("channel").asString()).isEqualTo("amqp");
        assertThat(item.get("destination").asString()).isEqualTo("rights.events " + key);
        assertThat(item.get("attempts").asInt()).isEqualTo(3);
        assertThat(page.toString()).as("no payload, no personal data").doesNotContain("someone@example.com", "payload");
        assertThat(count("audit_entry where action = 'outbox.failed-listed' and actor like 'support-agent:%'"))
                .isEqualTo(1);

        var queue = bind(key);
        http.post()
                .uri("/api/v1/agent/outbox/" + id + "/resubmit")
                .headers(h -> h.setBearerAuth(OFFICER))
                .exchange()
                .expectStatus()
                .isAccepted();
        var delivered = receive(queue, 1).get(0);
        assertThat(delivered.getMessageProperties().getMessageId()).isEqualTo(id.toString());
        assertThat(body(delivered)).contains("someone@example.com");
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        count(row(id) + " and status = 'PUBLISHED' and attempts = 1 and resubmitted_at is not null")
                                == 1);
        assertThat(count("audit_entry where action = 'outbox.resubmitted' and actor like 'privacy-officer:%'"
                        + " and detail like '%\"messageId\":\"" + id + "\"%'"))
                .isEqualTo(1);

        // only a failed message can be resubmitted; an unknown one is not found
        problem("/api/v1/agent/outbox/" + id + "/resubmit", 409, "/problems/outbox-message-not-failed");
        problem("/api/v1/agent/outbox/" + UUID.randomUUID() + "/resubmit", 404, "/problems/outbox-message-not-found");
    }

    @Test
    void aCrashedRelaysClaimIsPublishedOnceItsLeaseEnds() {
        var key = "test.crash-" + UUID.randomUUID();
        var queue = bind(key);
        var lapsed = UUID.randomUUID();
        var leased = UUID.randomUUID();
        // as a relay that claimed both and died: one claim's lease has run out, the other's has 10 minutes to go
        outbox.add(lapsed, "rights.events", key, "Test", Map.of("n", 1))
                .then(outbox.add(leased, "rights.events", key, "Test", Map.of("n", 2)))
                .then(claimedByADeadRelay(lapsed, "now() - interval '1 second'"))
                .then(claimedByADeadRelay(leased, "now() + interval '10 minutes'"))
                .as(transactional::transactional)
                .block();

        var first = receive(queue, 1).get(0);
        assertThat(first.getMessageProperties().getMessageId()).isEqualTo(lapsed.toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> count(row(lapsed) + " and status = 'PUBLISHED'") == 1);
        assertThat(count(row(leased) + " and status = 'PROCESSING'"))
                .as("a live claim is left to its relay")
                .isEqualTo(1);

        claimedByADeadRelay(leased, "now()").block();
        var second = receive(queue, 1).get(0);
        assertThat(second.getMessageProperties().getMessageId()).isEqualTo(leased.toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> count(row(leased) + " and status = 'PUBLISHED'") == 1);
    }

    private reactor.core.publisher.Mono<Void> claimedByADeadRelay(UUID id, String leaseEnd) {
        return db.sql(
                        "update outbox_message set status = 'PROCESSING', claim_id = gen_random_uuid(), next_attempt_at = "
                                + leaseEnd + " where id = :id")
                .bind("id", id)
                .then();
    }

    private static String row(UUID id) {
        return "outbox_message where id = '" + id + "'";
    }

    private Queue bind(String key) {
        var queue = new Queue("test.outbox." + UUID.randomUUID(), false, false, false, Map.of("x-expires", 60_000));
        rabbitAdmin.declareQueue(queue);
        rabbitAdmin.declareBinding(BindingBuilder.bind(queue)
                .to(new TopicExchange("rights.events"))
                .with(key));
        return queue;
    }

    private void problem(String path, int status, String type) {
        http.post()
                .uri(path)
                .headers(h -> h.setBearerAuth(AGENT))
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(type);
    }

    private String scrape() {
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
}
