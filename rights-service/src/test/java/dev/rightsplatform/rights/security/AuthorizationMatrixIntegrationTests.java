package dev.rightsplatform.rights.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.rights.support.AbstractRightsIntegrationTests;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * Every endpoint against every kind of caller: subject A (the owner), subject B, a support agent, the privacy officer,
 * a partner app, and no token. "ok" means the caller got past authorization (any answer but 401, 403 and 404); the
 * request's state may still refuse the action itself. Every refusal is a problem (application/problem+json) with a type.
 */
class AuthorizationMatrixIntegrationTests extends AbstractRightsIntegrationTests {

    enum Caller {
        OWNER,
        OTHER_SUBJECT,
        AGENT,
        OFFICER,
        PARTNER,
        NONE
    }

    private static final String OK = "ok";

    /** endpoint -> expected answer per caller, in the order of {@link Caller}. */
    private static final Map<String, List<String>> MATRIX = Map.ofEntries(
            Map.entry("POST /api/v1/requests", List.of(OK, OK, "403", "403", "403", "401")),
            // person endpoints need the data-subject role (a partner's or an agent's token is not a person's)
            Map.entry("GET /api/v1/requests", List.of(OK, OK, "403", "403", "403", "401")),
            Map.entry("GET /api/v1/requests/{id}", List.of(OK, "404", OK, OK, "403", "401")),
            Map.entry("GET /api/v1/requests/{id}/audit", List.of(OK, "404", OK, OK, "403", "401")),
            Map.entry("POST /api/v1/requests/{id}/cancel", List.of(OK, "404", "403", "403", "403", "401")),
            // receipts: the owner's own (not ready yet here: 409); with a link, anyone, and a forged link is 404
            Map.entry("GET /api/v1/requests/{id}/receipt", List.of(OK, "404", "403", "403", "403", "401")),
            Map.entry("GET /api/v1/receipts/certificate", List.of(OK, OK, OK, OK, OK, OK)),
            Map.entry(
                    "GET /api/v1/receipts/{id}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                    List.of("404", "404", "404", "404", "404", "404")),
            Map.entry("GET /api/v1/agent/requests", List.of("403", "403", OK, OK, "403", "401")),
            Map.entry("POST /api/v1/agent/requests/{id}/approve", List.of("403", "403", OK, OK, "403", "401")),
            Map.entry("POST /api/v1/agent/requests/{id}/refuse", List.of("403", "403", OK, OK, "403", "401")),
            Map.entry("POST /api/v1/agent/requests/{id}/extend", List.of("403", "403", OK, OK, "403", "401")),
            Map.entry("POST /api/v1/agent/requests/{id}/cancel", List.of("403", "403", OK, OK, "403", "401")),
            Map.entry("POST /api/v1/agent/requests/{id}/notes", List.of("403", "403", OK, OK, "403", "401")),
            Map.entry("GET /api/v1/agent/requests/{id}/notes", List.of("403", "403", OK, OK, "403", "401")),
            Map.entry(
                    "POST /api/v1/agent/requests/{id}/tasks/{task}/retry", List.of("403", "403", OK, OK, "403", "401")),
            Map.entry(
                    "POST /api/v1/agent/requests/{id}/tasks/{task}/complete",
                    List.of("403", "403", OK, OK, "403", "401")),
            // the outbox's failed messages: agents only (a message that is not failed answers 409: past authorization)
            // agents' recent alerts, from the audit trail: agents only
            Map.entry("GET /api/v1/agent/alerts", List.of("403", "403", OK, OK, "403", "401")),
            Map.entry("GET /api/v1/agent/outbox/failed", List.of("403", "403", OK, OK, "403", "401")),
            Map.entry("POST /api/v1/agent/outbox/{message}/resubmit", List.of("403", "403", OK, OK, "403", "401")),
            Map.entry("GET /api/v1/audit/verification", List.of("403", "403", "403", OK, "403", "401")),
            // compliance reports: the privacy officer only (report/)
            Map.entry("GET /api/v1/officer/reports", List.of("403", "403", "403", OK, "403", "401")),
            Map.entry("GET /api/v1/officer/reports/ccpa?year=2025", List.of("403", "403", "403", OK, "403", "401")),
            Map.entry("GET /api/v1/deadlines?jurisdiction=CN&type=DEREGISTER", List.of(OK, OK, OK, OK, OK, OK)),
            Map.entry("GET /api/v1/openapi", List.of(OK, OK, OK, OK, OK, OK)),
            // an unknown path under /api/v1: 404 once signed in, whoever you are
            Map.entry("GET /api/v1/no-such-endpoint", List.of("404", "404", "404", "404", "404", "401")),
            // consents: the catalogue is public; a person's consents only ever their own (named by the token)
            Map.entry("GET /api/v1/consents/purposes", List.of(OK, OK, OK, OK, OK, OK)),
            Map.entry("GET /api/v1/consents", List.of(OK, OK, "403", "403", "403", "401")),
            Map.entry("GET /api/v1/consents/history", List.of(OK, OK, "403", "403", "403", "401")),
            Map.entry("POST /api/v1/consents/marketing", List.of(OK, OK, "403", "403", "403", "401")),
            Map.entry("POST /api/v1/consents/marketing/withdraw", List.of(OK, OK, "403", "403", "403", "401")),
            // partner links: only a person manages their own (named by the token)
            Map.entry("GET /api/v1/partner-links", List.of(OK, OK, "403", "403", "403", "401")),
            Map.entry("PUT /api/v1/partner-links/partner-x", List.of(OK, OK, "403", "403", "403", "401")),
            Map.entry("GET /api/v1/agent/subjects/{subject}/consents", List.of("403", "403", OK, OK, "403", "401")),
            Map.entry(
                    "GET /api/v1/agent/subjects/{subject}/consents/history",
                    List.of("403", "403", OK, OK, "403", "401")),
            Map.entry(
                    "POST /api/v1/agent/subjects/{subject}/consents/marketing/withdraw",
                    List.of("403", "403", OK, OK, "403", "401")));

    static Stream<Arguments> everyEndpointAndCaller() {
        var rows = new ArrayList<Arguments>();
        MATRIX.forEach((endpoint, expected) -> {
            for (var caller : Caller.values()) {
                rows.add(Arguments.of(endpoint, caller, expected.get(caller.ordinal())));
            }
        });
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} as {1}: {2}")
    @MethodSource("everyEndpointAndCaller")
    void callerMeetsTheExpectedAnswer(String endpoint, Caller caller, String expected) {
        var ownerId = newSubject();
        var owner = tokens.subject(ownerId);
        var created = http.post()
                .uri("/api/v1/requests")
                .headers(h -> h.setBearerAuth(owner))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"type\":\"DEREGISTER\",\"jurisdiction\":\"DE\"}")
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        var requestId = created.get("id").asString();
        var taskId = created.get("systems").get(0).get("taskId").asString();

        var messageId = db.sql("select id from outbox_message limit 1")
                .map(row -> row.get("id", UUID.class))
                .one()
                .block();

        var method = HttpMethod.valueOf(endpoint.substring(0, endpoint.indexOf(' ')));
        var path = endpoint.substring(endpoint.indexOf(' ') + 1)
                .replace("{id}", requestId)
                .replace("{task}", taskId)
                .replace("{subject}", ownerId)
                .replace("{message}", messageId.toString());
        var token = switch (caller) {
            case OWNER -> owner;
            case OTHER_SUBJECT -> tokens.subject(newSubject());
            case AGENT -> tokens.withRoles("agent-" + UUID.randomUUID(), "support-agent");
            case OFFICER -> tokens.withRoles("officer-" + UUID.randomUUID(), "privacy-officer");
            case PARTNER -> tokens.withRoles("partner-app", "partner");
            case NONE -> null;
        };
        var result = http.method(method)
                .uri(path)
                .headers(h -> {
                    if (token != null) {
                        h.setBearerAuth(token);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(
                        method == HttpMethod.POST
                                ? "{\"type\":\"DEREGISTER\",\"reason\":\"test\",\"text\":\"test\"}"
                                : "{}")
                .exchange()
                .expectBody()
                .returnResult();
        var status = result.getStatus().value();

        if (status >= 400) {
            assertThat(result.getResponseHeaders().getContentType())
                    .as("%s as %s", endpoint, caller)
                    .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(new String(result.getResponseBodyContent()))
                    .as("%s as %s", endpoint, caller)
                    .contains("\"type\"");
        }
        if (OK.equals(expected)) {
            assertThat(status)
                    .as("%s as %s", endpoint, caller)
                    .isNotIn(401, 403, 404)
                    .isLessThan(500);
        } else {
            assertThat(status).as("%s as %s", endpoint, caller).isEqualTo(Integer.parseInt(expected));
        }
    }
}
