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
 * The endpoints that hand collected data over, take it in, or serve partners, against every kind of caller: the
 * owner of an access (or export) request, another person, an agent, the privacy officer, a partner app, the worker's
 * service account, and no token. "ok" means past authorization (any answer but 401, 403 and 404); the request's
 * state may still refuse (409 while nothing is collected). Agents never read a person's data.
 */
class HandoverAuthorizationIntegrationTests extends AbstractRightsIntegrationTests {

    enum Caller {
        OWNER,
        OTHER_SUBJECT,
        AGENT,
        OFFICER,
        PARTNER,
        WORKER,
        NONE
    }

    private static final String OK = "ok";

    /** endpoint -> expected answer per caller, in the order of {@link Caller}; {type} is the request created first. */
    private static final Map<String, List<String>> MATRIX = Map.ofEntries(
            // a person's data: the data-subject role first (403 for any other), then only the owner (404 for others)
            Map.entry("GET /api/v1/requests/{ACCESS}/data", List.of(OK, "404", "403", "403", "403", "403", "401")),
            Map.entry(
                    "POST /api/v1/requests/{EXPORT}/export-link",
                    List.of(OK, "404", "403", "403", "403", "403", "401")),
            Map.entry("GET /api/v1/exports/{link}", List.of("404", "404", "403", "403", "403", "403", "401")),
            Map.entry(
                    "PUT /internal/v1/collections/{ACCESS-task}",
                    List.of("403", "403", "403", "403", "403", OK, "401")),
            Map.entry("GET /opendsr/v2/discovery", List.of(OK, OK, OK, OK, OK, OK, OK)),
            Map.entry("GET /opendsr/v2/processor-certificate", List.of(OK, OK, OK, OK, OK, OK, OK)),
            Map.entry("POST /opendsr/v2/requests", List.of("403", "403", "403", "403", OK, "403", "401")),
            Map.entry("GET /opendsr/v2/requests/{opendsr}", List.of("403", "403", "403", "403", "404", "403", "401")),
            Map.entry(
                    "DELETE /opendsr/v2/requests/{opendsr}", List.of("403", "403", "403", "403", "404", "403", "401")),
            Map.entry(
                    "GET /opendsr/v2/requests/{opendsr}/results",
                    List.of("403", "403", "403", "403", "404", "403", "401")));

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
        var method = HttpMethod.valueOf(endpoint.substring(0, endpoint.indexOf(' ')));
        var path = endpoint.substring(endpoint.indexOf(' ') + 1);
        if (path.contains("{ACCESS") || path.contains("{EXPORT}")) {
            var type = path.contains("{EXPORT}") ? "EXPORT" : "ACCESS";
            var created = http.post()
                    .uri("/api/v1/requests")
                    .headers(h -> h.setBearerAuth(owner))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"type\":\"" + type + "\",\"jurisdiction\":\"DE\"}")
                    .exchange()
                    .expectStatus()
                    .isAccepted()
                    .expectBody(JsonNode.class)
                    .returnResult()
                    .getResponseBody();
            path = path.replace(
                            "{ACCESS-task}",
                            created.get("systems").get(0).get("taskId").asString())
                    .replace("{" + type + "}", created.get("id").asString());
        }
        // a link that was never issued, and a partner request of nobody: only the 404 is left to see
        path = path.replace("{link}", "A".repeat(43))
                .replace("{opendsr}", UUID.randomUUID().toString());
        var token = switch (caller) {
            case OWNER -> owner;
            case OTHER_SUBJECT -> tokens.subject(newSubject());
            case AGENT -> tokens.withRoles("agent-" + UUID.randomUUID(), "support-agent");
            case OFFICER -> tokens.withRoles("officer-" + UUID.randomUUID(), "privacy-officer");
            case PARTNER -> tokens.withRoles("partner-app", "partner");
            case WORKER -> tokens.withRoles("service-account-deletion-worker", "rights-worker");
            case NONE -> null;
        };
        var status = http.method(method)
                .uri(path)
                .headers(h -> {
                    if (token != null) {
                        h.setBearerAuth(token);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(method == HttpMethod.PUT ? "{\"categories\":{}}" : "{}")
                .exchange()
                .returnResult(String.class)
                .getStatus()
                .value();

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
