package dev.rightsplatform.rights.opendsr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.rights.support.AbstractRightsIntegrationTests;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * Strict input on the partner API: submitted_time within rights.opendsr.max-submitted-age (30 days by default) and
 * never before 2000, control characters refused in identities (a NUL gave a 500) with the field named, duplicate keys
 * refused. Each refusal is a signed 400 in OpenDSR's shape, and nothing is stored.
 */
class OpenDsrInputIntegrationTests extends AbstractRightsIntegrationTests {

    private static final String PARTNER = tokens.withRoles("partner-input", "partner");

    @Test
    void submittedTimeMustLieWithinTheAcceptedAge() {
        refused(body(UUID.randomUUID(), "1970-01-01T00:00:00Z", "user-1"), "invalid_submitted_time", "submitted_time");
        refused(
                body(UUID.randomUUID(), ago(Duration.ofDays(31)), "user-1"),
                "invalid_submitted_time",
                "submitted_time");
        assertThat(count("rights_request")).isZero();

        post(body(UUID.randomUUID(), ago(Duration.ofDays(29)), linked(newSubject(), "partner-input")))
                .expectStatus()
                .isCreated();
        assertThat(count("rights_request")).isOne();
    }

    @Test
    void controlCharactersInAnyValueAreRefusedNamingTheField() {
        refused(
                body(UUID.randomUUID(), ago(Duration.ofHours(1)), "user\\u0000-1"),
                "invalid_characters",
                "subject_identities[0].identity_value");
        refused(
                body(UUID.randomUUID(), ago(Duration.ofHours(1)), "user-1").replace("\"gdpr\"", "\"gdpr\\u0007\""),
                "invalid_characters",
                "regulation");
        refused(
                body(UUID.randomUUID(), ago(Duration.ofHours(1)), "user-1")
                        .replace("\"regulation\"", "\"extensions\":{\"note\":\"a\\u0000b\"},\"regulation\""),
                "invalid_characters",
                "extensions.note");
        assertThat(count("rights_request")).isZero();
        assertThat(count("opendsr_request")).isZero();

        // free-form extensions may hold multi-line text
        post(body(UUID.randomUUID(), ago(Duration.ofHours(1)), linked(newSubject(), "partner-input"))
                        .replace("\"regulation\"", "\"extensions\":{\"note\":\"line one\\nline two\"},\"regulation\""))
                .expectStatus()
                .isCreated();
    }

    @Test
    void duplicateKeysAreRefused() {
        var body = body(UUID.randomUUID(), ago(Duration.ofHours(1)), "user-1")
                .replace(
                        "\"subject_request_type\":\"access\"",
                        "\"subject_request_type\":\"access\",\"subject_request_type\":\"erasure\"");
        var answer = post(body)
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .exists(SignedResponses.SIGNATURE)
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(answer.at("/error/errors/0/reason").asString()).isEqualTo("invalid_json");
        assertThat(count("rights_request")).isZero();
    }

    private void refused(String body, String reason, String field) {
        var answer = post(body)
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .exists(SignedResponses.SIGNATURE)
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(answer.get("type").asString()).isEqualTo("/problems/opendsr-invalid-request");
        var finding = answer.at("/error/errors/0");
        assertThat(finding.get("reason").asString()).isEqualTo(reason);
        assertThat(finding.get("message").asString()).startsWith(field + " ");
        assertThat(answer.toString()).doesNotContain("user\\u0000-1");
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec post(String body) {
        return http.post()
                .uri("/opendsr/v2/requests")
                .headers(h -> h.setBearerAuth(PARTNER))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private static String ago(Duration age) {
        return Instant.now().minus(age).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** identity is JSON string content, so it may carry JSON escapes such as \u0000. */
    /** The person authorises {@code partner} for every type, as they would in the portal; returns their account id. */
    private String linked(String subject, String partner) {
        http.put()
                .uri("/api/v1/partner-links/" + partner)
                .headers(h -> h.setBearerAuth(tokens.subject(subject)))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"requestTypes\":[\"ACCESS\",\"EXPORT\",\"DEREGISTER\"]}")
                .exchange()
                .expectStatus()
                .isOk();
        return subject;
    }

    private static String body(UUID id, String submittedTime, String identity) {
        return "{\"regulation\":\"gdpr\",\"subject_request_id\":\"" + id + "\",\"subject_request_type\":\"access\","
                + "\"submitted_time\":\"" + submittedTime + "\","
                + "\"subject_identities\":[{\"identity_type\":\"controller_customer_id\",\"identity_value\":\""
                + identity
                + "\",\"identity_format\":\"raw\"}]}";
    }
}
