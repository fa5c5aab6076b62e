package dev.rightsplatform.rights.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.rights.support.AbstractRightsIntegrationTests;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/** A provisional deadline is computed again once the calendar has the data, and the change is audited. */
class ProvisionalDeadlinesIntegrationTests extends AbstractRightsIntegrationTests {

    @Autowired
    ProvisionalDeadlines provisional;

    @Test
    void aProvisionalDeadlineIsSettledWhenTheCalendarHasTheYear() {
        var id = UUID.fromString(http.post()
                .uri("/api/v1/requests")
                .headers(h -> h.setBearerAuth(tokens.subject(newSubject())))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"type\":\"DEREGISTER\",\"jurisdiction\":\"CN\"}")
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .asString());
        var correct = db.sql("select due_at from rights_request where id = :id")
                .bind("id", id)
                .map(row -> row.get("due_at", java.time.Instant.class))
                .one()
                .block();
        // as if it had been computed before this year's holidays were published: provisional and a day early
        db.sql("update rights_request set due_provisional = true, due_at = due_at - interval '1 day' where id = :id")
                .bind("id", id)
                .then()
                .block();

        assertThat(provisional.recompute().block()).isEqualTo(1);

        var row = db.sql("select due_at, due_provisional from rights_request where id = :id")
                .bind("id", id)
                .map(r -> r.get("due_at", java.time.Instant.class) + "/" + r.get("due_provisional", Boolean.class))
                .one()
                .block();
        assertThat(row).isEqualTo(correct + "/false");
        assertThat(count("audit_entry where action = 'deadline.recomputed'")).isEqualTo(1);
        assertThat(provisional.recompute().block()).as("nothing left to settle").isZero();
    }
}
