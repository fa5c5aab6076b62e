package dev.rightsplatform.rights.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rightsplatform.rights.support.AbstractRightsIntegrationTests;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/**
 * The outbox never holds a person's address or one-time code readable: payloads are sealed at rest, cleared once
 * the broker confirmed them, and published rows are purged after the retention — while consumers still receive what
 * they need.
 */
class OutboxPersonalDataIntegrationTests extends AbstractRightsIntegrationTests {

    // a new address each run: codes per address are limited per hour
    private static final String ADDRESS = "outbox-" + java.util.UUID.randomUUID() + "@example.com";

    @Autowired
    OutboxRetention retention;

    @Autowired
    Outbox outbox;

    @Test
    void noAddressOrCodeAtRestAndPublishedRowsArePurged() {
        http.post()
                .uri("/api/v1/public/requests")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(
                        "{\"type\":\"ACCESS\",\"email\":\"" + ADDRESS + "\",\"jurisdiction\":\"DE\",\"locale\":\"en\"}")
                .exchange()
                .expectStatus()
                .isAccepted();
        var delivered = receive(observedEvents, 1);
        assertThat(body(delivered.get(0)))
                .as("the consumer gets the address it mails to")
                .contains(ADDRESS);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> count("outbox_message where status in ('PENDING', 'PROCESSING')") == 0);
        assertThat(count("outbox_message")).isPositive();
        assertThat(count("outbox_message where payload is not null"))
                .as("payloads cleared after publishing")
                .isZero();

        // a row no queue takes (unroutable) stays unpublished (pending, or claimed for its next attempt): sealed, so no
        // address, code or JSON is readable
        outbox.add(
                        java.util.UUID.randomUUID(),
                        "rights.events",
                        "test.nobody-listens",
                        "Test",
                        java.util.Map.of("email", ADDRESS, "code", "123456"))
                .block();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> count("outbox_message where attempts > 0 and status = 'PENDING'") == 1);
        assertThat(count("outbox_message where payload like '%@%' or payload like '%{%' or payload like '%123456%'"))
                .as("nothing readable at rest")
                .isZero();
        assertThat(count("outbox_message where status in ('PENDING', 'PROCESSING') and payload is not null"))
                .isEqualTo(1);

        db.sql(
                        "update outbox_message set status = 'PUBLISHED', payload = null, published_at = now() - interval '8 days'")
                .then()
                .block();
        var published = count("outbox_message");
        assertThat(retention.purge().block()).isEqualTo(published);
        assertThat(count("outbox_message"))
                .as("published rows past the retention are gone")
                .isZero();
    }
}
