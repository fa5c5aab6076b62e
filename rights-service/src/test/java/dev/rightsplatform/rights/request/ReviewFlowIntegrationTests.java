package dev.rightsplatform.rights.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.rights.support.AbstractRightsIntegrationTests;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An operator who wants every deregistration approved: nothing moves before an agent approves, refuses or cancels. */
@TestPropertySource(properties = "rights.review.required-for=DEREGISTER")
class ReviewFlowIntegrationTests extends AbstractRightsIntegrationTests {

    @Autowired
    JsonMapper json;

    @Test
    void nothingIsDispatchedBeforeApprovalAndEverythingAfter() {
        var id = submit(tokens.subject(newSubject()));
        assertThat(status(id)).isEqualTo("AWAITING_REVIEW");
        assertThat(rabbit.receive(observedTasks.getName(), 1000))
                .as("no task before approval")
                .isNull();

        http.post()
                .uri("/api/v1/agent/requests/" + id + "/approve")
                .headers(h -> h.setBearerAuth(tokens.withRoles("agent-7", "support-agent")))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("IN_PROGRESS");
        assertThat(body(receive(observedTasks, 1).get(0))).contains("\"action\":\"DISABLE\"");
        assertThat(count("audit_entry where action = 'request.approved' and actor = 'support-agent:agent-7'"))
                .isEqualTo(1);
    }

    @Test
    void aRefusalCarriesItsReasonToThePerson() {
        var id = submit(tokens.subject(newSubject()));
        receive(observedEvents, 2); // received, review required
        http.post()
                .uri("/api/v1/agent/requests/" + id + "/refuse")
                .headers(h -> h.setBearerAuth(tokens.withRoles("officer-1", "privacy-officer")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"reason\":\"An unresolved payment dispute must be settled first.\"}")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("REFUSED")
                .jsonPath("$.refusalReason")
                .isEqualTo("An unresolved payment dispute must be settled first.");
        var event = json.readTree(body(receive(observedEvents, 1).get(0)));
        assertThat(event.get("type").asString()).isEqualTo("request.refused");
        assertThat(event.get("reason").asString()).isEqualTo("An unresolved payment dispute must be settled first.");
        assertThat(rabbit.receive(observedTasks.getName(), 500)).isNull();
    }

    @Test
    void thePersonCanWithdrawTheirOwnRequestButNobodyElseCan() {
        var owner = tokens.subject(newSubject());
        var id = submit(owner);
        http.post()
                .uri("/api/v1/requests/" + id + "/cancel")
                .headers(h -> h.setBearerAuth(tokens.subject(newSubject())))
                .exchange()
                .expectStatus()
                .isNotFound();
        http.post()
                .uri("/api/v1/requests/" + id + "/cancel")
                .headers(h -> h.setBearerAuth(owner))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("CANCELLED")
                .jsonPath("$.closedAt")
                .isNotEmpty();
        // closed: a new request of the same type may be submitted
        submit(owner);
    }

    private String status(String id) {
        return http.get()
                .uri("/api/v1/requests/" + id)
                .headers(h -> h.setBearerAuth(tokens.withRoles("a", "support-agent")))
                .exchange()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("status")
                .asString();
    }

    private String submit(String token) {
        return http.post()
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
    }
}
