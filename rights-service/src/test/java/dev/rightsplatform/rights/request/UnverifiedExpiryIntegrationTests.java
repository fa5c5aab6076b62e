package dev.rightsplatform.rights.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.rights.support.AbstractRightsIntegrationTests;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/** A request submitted without a login and never verified expires: cancelled, its address dropped; a fresh one stays. */
class UnverifiedExpiryIntegrationTests extends AbstractRightsIntegrationTests {

    @Autowired
    DeadlineScanner scanner;

    @Test
    void anUnverifiedRequestPastTheExpiryIsCancelledAndForgetsItsAddress() {
        var old = submitPublic();
        var fresh = submitPublic();
        db.sql("update rights_request set received_at = now() - interval '8 days' where id = :id")
                .bind("id", old)
                .then()
                .block();

        assertThat(scanner.expireUnverified().block()).isEqualTo(1);
        assertThat(scanner.expireUnverified().block()).as("once").isZero();

        assertThat(count("rights_request where id = '" + old + "' and status = 'CANCELLED' and subject_email is null"))
                .isEqualTo(1);
        assertThat(count("rights_request where id = '" + fresh + "' and status = 'AWAITING_VERIFICATION'"
                        + " and subject_email is not null"))
                .isEqualTo(1);
        assertThat(count("audit_entry where request_id = '" + old + "' and action = 'request.cancelled'"))
                .isEqualTo(1);
    }

    private UUID submitPublic() {
        var body = http.post()
                .uri("/api/v1/public/requests")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"type\":\"ACCESS\",\"email\":\"unverified-" + UUID.randomUUID()
                        + "@example.com\",\"jurisdiction\":\"DE\",\"locale\":\"en\"}")
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        return UUID.fromString(body.get("id").asString());
    }
}
