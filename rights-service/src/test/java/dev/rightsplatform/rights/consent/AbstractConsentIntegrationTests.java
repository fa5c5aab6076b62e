package dev.rightsplatform.rights.consent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.rights.support.AbstractRightsIntegrationTests;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls of the consent API, and the worker's side of a withdrawal, for the consent tests. */
abstract class AbstractConsentIntegrationTests extends AbstractRightsIntegrationTests {

    @Autowired
    protected JsonMapper json;

    protected WebTestClient.ResponseSpec grant(String token, String purpose, String version) {
        return http.post()
                .uri("/api/v1/consents/" + purpose)
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"noticeVersion\":\"" + version + "\"}")
                .exchange();
    }

    protected JsonNode granted(String token, String purpose, String version) {
        return grant(token, purpose, version)
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    protected WebTestClient.ResponseSpec withdraw(String token, String purpose) {
        return http.post()
                .uri("/api/v1/consents/" + purpose + "/withdraw")
                .headers(h -> h.setBearerAuth(token))
                .exchange();
    }

    /** A fresh withdrawal: 202, pointing at the request that propagates it. */
    protected JsonNode withdrawn(String token, String purpose) {
        var state = withdraw(token, purpose)
                .expectStatus()
                .isAccepted()
                .expectHeader()
                .valueMatches("Location", "/api/v1/requests/[0-9a-f-]{36}")
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(state.get("granted").asBoolean()).isFalse();
        return state;
    }

    protected JsonNode states(String token) {
        return http.get()
                .uri("/api/v1/consents")
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    protected JsonNode state(String token, String purpose) {
        for (var state : states(token)) {
            if (purpose.equals(state.get("purpose").asString())) {
                return state;
            }
        }
        throw new AssertionError("no state for " + purpose);
    }

    protected JsonNode history(String token) {
        return http.get()
                .uri("/api/v1/consents/history")
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    protected JsonNode request(String token, String id) {
        return http.get()
                .uri("/api/v1/requests/" + id)
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    /** The next {@code count} task commands the service sent, in any order. */
    protected List<JsonNode> tasks(int count) {
        var tasks = new ArrayList<JsonNode>();
        receive(observedTasks, count).forEach(message -> tasks.add(json.readTree(body(message))));
        return tasks;
    }

    /** Publishes the worker's answer to a task. */
    protected void answer(JsonNode task, String outcome) {
        var result = new LinkedHashMap<String, Object>();
        result.put("taskId", task.get("taskId").asString());
        result.put("requestId", task.get("requestId").asString());
        result.put("systemId", task.get("systemId").asString());
        result.put("action", task.get("action").asString());
        result.put("outcome", outcome);
        result.put("attempts", 1);
        result.put("completedAt", Instant.now().toString());
        publishResult(result);
    }

    protected long events(String subjectId) {
        return count("consent_event where subject_id = '" + subjectId + "'");
    }

    protected long withdrawalRequests(String subjectId) {
        return count("rights_request where type = 'WITHDRAW_CONSENT' and subject_id = '" + subjectId + "'");
    }

    protected static Map<String, Object> claims(Object... keysAndValues) {
        var claims = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            claims.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return claims;
    }
}
