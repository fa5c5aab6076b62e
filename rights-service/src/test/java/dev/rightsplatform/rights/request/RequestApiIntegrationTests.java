package dev.rightsplatform.rights.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.rights.support.AbstractRightsIntegrationTests;
import dev.rightsplatform.security.VerifiedTokenCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * The request API's answers to bad input, to missing or bad tokens and to callers who do not own a request: always
 * a problem with a stable type, and nothing stored.
 */
class RequestApiIntegrationTests extends AbstractRightsIntegrationTests {

    @Autowired
    ReactiveJwtDecoder decoder;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"type\":\"DEREGISTER\"", // malformed JSON
                "{\"type\":\"DEREGISTER\",\"extra\":1}", // unknown field
                "{\"type\":\"FORGET_ME\"}", // unknown type
                "{\"type\":[\"DEREGISTER\"]}", // wrong JSON type
                "{\"type\":\"DEREGISTER'; drop table rights_request; --\"}",
                "[]",
                "\"DEREGISTER\""
            })
    void badBodiesAnswer400AndStoreNothing(String body) {
        submit(tokens.subject(newSubject()), body)
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/malformed-request")
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).doesNotContain("drop table"));
        assertNothingStored();
    }

    @Test
    void aMissingTypeNamesTheField() {
        submit(tokens.subject(newSubject()), "{}")
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/invalid-request")
                .jsonPath("$.errors[0].field")
                .isEqualTo("type");
        assertNothingStored();
    }

    @Test
    void aHugeBodyIsRefused() {
        var huge = "{\"type\":\"DEREGISTER\"" + " ".repeat(200_000) + "}";
        submit(tokens.subject(newSubject()), huge)
                .expectStatus()
                .isEqualTo(413)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertNothingStored();
    }

    @Test
    void aSecondOpenDeregistrationPointsAtTheFirst() {
        var token = tokens.subject(newSubject());
        var first = submit(token, "{\"type\":\"DEREGISTER\"}")
                .expectStatus()
                .isAccepted()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .asString();
        submit(token, "{\"type\":\"DEREGISTER\"}")
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/duplicate-request")
                .jsonPath("$.openRequestId")
                .isEqualTo(first);
        assertThat(count("rights_request")).isEqualTo(1);
    }

    @Test
    void theSameIdempotencyKeyAndBodyGetTheFirstAnswerAgain() {
        var token = tokens.subject(newSubject());
        var first = submitWithKey(token, "key-123", "{\"type\":\"DEREGISTER\"}")
                .expectStatus()
                .isAccepted()
                .expectBody(String.class)
                .returnResult();
        var again = submitWithKey(token, "key-123", "{ \"type\" : \"DEREGISTER\" }")
                .expectStatus()
                .isAccepted()
                .expectBody(String.class)
                .returnResult();
        assertThat(again.getResponseBody()).isEqualTo(first.getResponseBody());
        assertThat(again.getResponseHeaders().getLocation())
                .isEqualTo(first.getResponseHeaders().getLocation());
        assertThat(count("rights_request")).isEqualTo(1);

        submitWithKey(token, "key-123", "{\"type\":\"DEREGISTER\",\"jurisdiction\":\"DE\"}")
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/idempotency-key-reused");
        submitWithKey(token, "bad key with spaces", "{\"type\":\"DEREGISTER\"}")
                .expectStatus()
                .isBadRequest();
        assertThat(count("rights_request")).isEqualTo(1);
    }

    @Test
    void idempotencyKeysBelongToOnePerson() {
        submitWithKey(tokens.subject(newSubject()), "shared-key", "{\"type\":\"DEREGISTER\"}")
                .expectStatus()
                .isAccepted();
        submitWithKey(tokens.subject(newSubject()), "shared-key", "{\"type\":\"DEREGISTER\"}")
                .expectStatus()
                .isAccepted();
        assertThat(count("rights_request")).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "garbage", "expired", "forged", "wrongAudience", "wrongIssuer"})
    void withoutAValidTokenNothingIsAnsweredOrStored(String kind) {
        var subject = newSubject();
        var token = switch (kind) {
            case "none" -> null;
            case "garbage" -> "not.a.jwt";
            case "expired" -> tokens.expired(subject);
            case "forged" -> tokens.forged(subject);
            case "wrongAudience" -> tokens.wrongAudience(subject);
            default -> tokens.wrongIssuer(subject);
        };
        http.post()
                .uri("/api/v1/requests")
                .headers(h -> {
                    if (token != null) {
                        h.setBearerAuth(token);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"type\":\"DEREGISTER\"}")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/unauthenticated");
        http.get()
                .uri("/api/v1/requests")
                .headers(h -> {
                    if (token != null) {
                        h.setBearerAuth(token);
                    }
                })
                .exchange()
                .expectStatus()
                .isUnauthorized();
        assertNothingStored();
    }

    @Test
    void tokensAreCheckedByBootsDecoderBehindTheVerifiedTokenCache() {
        // a repeated token skips the signature check; what is refused above is refused by Boot's decoder itself
        assertThat(decoder)
                .isInstanceOfSatisfying(
                        VerifiedTokenCache.class,
                        cache -> assertThat(cache.decoder()).isInstanceOf(NimbusReactiveJwtDecoder.class));
    }

    @Test
    void onlyPeopleMaySubmitForThemselves() {
        submit(tokens.withRoles("agent-1", "support-agent"), "{\"type\":\"DEREGISTER\"}")
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/forbidden");
        submit(tokens.withRoles("partner-app", "partner"), "{\"type\":\"DEREGISTER\"}")
                .expectStatus()
                .isForbidden();
        assertNothingStored();
    }

    @Test
    void aRequestIsVisibleToItsOwnerAndToAgentsOnly() {
        var owner = tokens.subject(newSubject());
        var id = submit(owner, "{\"type\":\"DEREGISTER\"}")
                .expectStatus()
                .isAccepted()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .asString();

        get(owner, "/api/v1/requests/" + id).expectStatus().isOk();
        get(owner, "/api/v1/requests/" + id + "/audit").expectStatus().isOk();
        get(owner, "/api/v1/requests")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(1);

        var someoneElse = tokens.subject(newSubject());
        get(someoneElse, "/api/v1/requests/" + id)
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/request-not-found");
        get(someoneElse, "/api/v1/requests/" + id + "/audit").expectStatus().isNotFound();
        get(someoneElse, "/api/v1/requests")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(0);
        // a partner's token is not a person's: refused by role, before the request is looked up
        get(tokens.withRoles("partner-app", "partner"), "/api/v1/requests/" + id)
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);

        get(tokens.withRoles("agent-1", "support-agent"), "/api/v1/requests/" + id)
                .expectStatus()
                .isOk();
        get(tokens.withRoles("officer-1", "privacy-officer"), "/api/v1/requests/" + id + "/audit")
                .expectStatus()
                .isOk();
    }

    @Test
    void aMalformedIdIsABadRequestNotAnError() {
        get(tokens.subject(newSubject()), "/api/v1/requests/not-a-uuid")
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private WebTestClient.ResponseSpec submit(String token, String body) {
        return http.post()
                .uri("/api/v1/requests")
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private WebTestClient.ResponseSpec submitWithKey(String token, String key, String body) {
        return http.post()
                .uri("/api/v1/requests")
                .headers(h -> {
                    h.setBearerAuth(token);
                    h.set("Idempotency-Key", key);
                })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private WebTestClient.ResponseSpec get(String token, String path) {
        return http.get().uri(path).headers(h -> h.setBearerAuth(token)).exchange();
    }

    private void assertNothingStored() {
        assertThat(count("rights_request")).isZero();
        assertThat(count("audit_entry")).isZero();
        assertThat(count("outbox_message")).isZero();
    }
}
