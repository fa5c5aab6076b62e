package dev.rightsplatform.rights.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.rights.support.AbstractRightsIntegrationTests;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Requests without a login: the one-time code by e-mail, its expiry, its attempt limit and its rate limit. */
class IdentityVerificationIntegrationTests extends AbstractRightsIntegrationTests {

    @Autowired
    JsonMapper json;

    @Test
    void theRightCodeVerifiesAndAnAgentLinksTheAccountBeforeAnythingRuns() {
        var email = "Someone." + UUID.randomUUID() + "@Example.com";
        var id = submit(email);
        var sent = codeEvent();
        assertThat(sent.get("recipient").get("email").asString()).isEqualTo(email.toLowerCase());
        assertThat(sent.get("withoutAccount").asBoolean())
                .as("the portal shows it at /without-account/<id>")
                .isTrue();
        var code = sent.get("code").asString();
        assertThat(code).matches("[0-9]{6}");
        assertThat(count("verification_code where code_hash like '%" + code + "%'"))
                .isZero();
        assertThat(count("audit_entry where detail ilike '%example.com%'"))
                .as("no address in the audit trail")
                .isZero();

        verify(id, code).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("AWAITING_REVIEW");
        verify(id, code).expectStatus().isNotFound(); // used up
        assertThat(rabbit.receive(observedTasks.getName(), 500))
                .as("nothing runs before an agent links the account")
                .isNull();

        agent().post()
                .uri("/api/v1/agent/requests/" + id + "/approve")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/account-required");
        var account = "account-" + UUID.randomUUID();
        agent().post()
                .uri("/api/v1/agent/requests/" + id + "/approve")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"accountId\":\"" + account + "\"}")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("IN_PROGRESS");
        var task = json.readTree(body(receive(observedTasks, 1).get(0)));
        assertThat(task.get("subject").get("userId").asString()).isEqualTo(account);
    }

    @Test
    void wrongCodesAreCountedAndLockTheCode() {
        var id = submit("p" + UUID.randomUUID() + "@example.com");
        var code = codeEvent().get("code").asString();
        var wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 5; i++) {
            verify(id, wrong)
                    .expectStatus()
                    .isEqualTo(422)
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo("/problems/wrong-code");
        }
        verify(id, code)
                .expectStatus()
                .isEqualTo(429)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/too-many-attempts");
    }

    @Test
    void anExpiredCodeIsGoneAndANewOneCanBeAskedForWithinTheRateLimit() {
        var id = submit("q" + UUID.randomUUID() + "@example.com");
        var first = codeEvent().get("code").asString();
        db.sql("update verification_code set expires_at = now() - interval '1 second'")
                .then()
                .block();
        verify(id, first)
                .expectStatus()
                .isEqualTo(410)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/code-expired");

        http.post()
                .uri("/api/v1/public/requests/" + id + "/code")
                .exchange()
                .expectStatus()
                .isAccepted();
        var second = codeEvent().get("code").asString();
        http.post()
                .uri("/api/v1/public/requests/" + id + "/code")
                .exchange()
                .expectStatus()
                .isAccepted();
        var third = codeEvent().get("code").asString();
        http.post()
                .uri("/api/v1/public/requests/" + id + "/code")
                .exchange()
                .expectStatus()
                .isEqualTo(429);
        if (!second.equals(third)) {
            verify(id, second).expectStatus().isEqualTo(422); // only the newest code works
        }
        verify(id, third).expectStatus().isOk();
    }

    @Test
    void badInputIsRefusedAndStoresNothing() {
        for (var body : new String[] {
            "{\"type\":\"DEREGISTER\",\"email\":\"not-an-address\"}",
            "{\"type\":\"DEREGISTER\"}",
            "{\"type\":\"DEREGISTER\",\"email\":\"a@b.c\",\"admin\":true}"
        }) {
            http.post()
                    .uri("/api/v1/public/requests")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(body)
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        verify(UUID.randomUUID().toString(), "123456").expectStatus().isNotFound();
        http.post()
                .uri("/api/v1/public/requests/" + UUID.randomUUID() + "/verify")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"code\":\"12ab56\"}")
                .exchange()
                .expectStatus()
                .isBadRequest();
        assertThat(count("rights_request")).isZero();
    }

    private String submit(String email) {
        return http.post()
                .uri("/api/v1/public/requests")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"type\":\"DEREGISTER\",\"email\":\"" + email + "\",\"locale\":\"zh-CN\"}")
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(JsonNode.class)
                .value(view -> assertThat(view.get("status").asString()).isEqualTo("AWAITING_VERIFICATION"))
                .returnResult()
                .getResponseBody()
                .get("id")
                .asString();
    }

    private JsonNode codeEvent() {
        while (true) {
            var event = json.readTree(body(receive(observedEvents, 1).get(0)));
            if ("request.verification-code".equals(event.get("type").asString())) {
                return event;
            }
        }
    }

    private WebTestClient.ResponseSpec verify(String id, String code) {
        return http.post()
                .uri("/api/v1/public/requests/" + id + "/verify")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"code\":\"" + code + "\"}")
                .exchange();
    }

    private WebTestClient agent() {
        return http.mutate()
                .defaultHeaders(h -> h.setBearerAuth(tokens.withRoles("agent-5", "support-agent")))
                .build();
    }
}
