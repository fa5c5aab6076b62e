package dev.rightsplatform.rights.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

/**
 * A withdrawal propagated: a WITHDRAW_CONSENT request with its deadline, one WITHDRAW task per system that lists the
 * purpose in the registry (application-it.yml: crm marketing and personalised-ads, orders sale-sharing, adserver
 * personalised-ads and sale-sharing), each command carrying the purpose; complete when every system is done. The worker
 * is played by the test through real queues.
 */
class ConsentWithdrawalFlowIntegrationTests extends AbstractConsentIntegrationTests {

    @Test
    void aWithdrawalReachesOnlyTheSystemsOfItsPurposeAndCompletesWhenTheyAreDone() {
        var subjectId = newSubject();
        var person = tokens.subject(subjectId);
        granted(person, "personalised-ads", "1");
        var requestId = withdrawn(person, "personalised-ads").get("requestId").asString();

        var sent = tasks(2);
        assertThat(sent)
                .extracting(task -> task.get("systemId").asString())
                .containsExactlyInAnyOrder("crm", "adserver");
        for (var task : sent) {
            assertThat(task.get("action").asString()).isEqualTo("WITHDRAW");
            assertThat(task.get("purpose").asString()).isEqualTo("personalised-ads");
            assertThat(task.get("requestType").asString()).isEqualTo("WITHDRAW_CONSENT");
            assertThat(task.get("subject").get("userId").asString()).isEqualTo(subjectId);
            assertThat(task.get("requestId").asString()).isEqualTo(requestId);
        }
        assertThat(rabbit.receive(observedTasks.getName(), 300))
                .as("orders and keycloak are not told")
                .isNull();

        var request = request(person, requestId);
        assertThat(request.get("type").asString()).isEqualTo("WITHDRAW_CONSENT");
        assertThat(request.get("purpose").asString()).isEqualTo("personalised-ads");
        assertThat(request.get("status").asString()).isEqualTo("IN_PROGRESS");
        assertThat(request.get("regime").asString())
                .as("the operator's default, CN")
                .isEqualTo("PIPL");
        assertThat(request.get("dueRule").asString())
                .as("signed in: identity verified at receipt")
                .doesNotContain("not verified");
        assertThat(request.get("dueAt").isNull()).isFalse();

        answer(sent.get(0), "DONE");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "DONE"
                        .equals(system(
                                        request(person, requestId),
                                        sent.get(0).get("systemId").asString())
                                .get("status")
                                .asString()));
        assertThat(request(person, requestId).get("status").asString()).isEqualTo("IN_PROGRESS");
        answer(sent.get(1), "DONE");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "COMPLETED"
                        .equals(request(person, requestId).get("status").asString()));
        assertThat(state(person, "personalised-ads").get("granted").asBoolean()).isFalse();
    }

    @Test
    void aPurposeNoSystemProcessesIsRecordedAndCompletesAtOnce() {
        var subjectId = newSubject();
        var person = tokens.subject(subjectId);
        granted(person, "analytics", "1");
        var requestId = withdrawn(person, "analytics").get("requestId").asString();
        var request = request(person, requestId);
        assertThat(request.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(request.get("systems").size()).isZero();
        assertThat(rabbit.receive(observedTasks.getName(), 300)).isNull();
        assertThat(events(subjectId)).isEqualTo(2);
    }

    @Test
    void aWithdrawalWhileTheLastOneIsStillUnderwayJoinsItAndALaterOneOpensANewRequest() {
        var subjectId = newSubject();
        var person = tokens.subject(subjectId);
        granted(person, "marketing", "2");
        var first = withdrawn(person, "marketing").get("requestId").asString();
        var task = tasks(1).get(0);
        granted(person, "marketing", "2");
        assertThat(withdrawn(person, "marketing").get("requestId").asString())
                .as("the open request still tells crm to stop")
                .isEqualTo(first);
        assertThat(rabbit.receive(observedTasks.getName(), 300))
                .as("no second command")
                .isNull();

        answer(task, "DONE");
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        "COMPLETED".equals(request(person, first).get("status").asString()));
        granted(person, "marketing", "2");
        var second = withdrawn(person, "marketing").get("requestId").asString();
        assertThat(second).isNotEqualTo(first);
        assertThat(tasks(1).get(0).get("requestId").asString()).isEqualTo(second);
        assertThat(events(subjectId)).isEqualTo(6);
        assertThat(withdrawalRequests(subjectId)).isEqualTo(2);
    }

    @Test
    void simultaneousWithdrawalsOfOnePurposeRecordOne() {
        var subjectId = newSubject();
        var person = tokens.subject(subjectId);
        granted(person, "marketing", "2");
        var client = WebClient.create("http://127.0.0.1:" + port);
        var statuses = Flux.range(0, 12)
                .flatMap(
                        i -> client.post()
                                .uri("/api/v1/consents/marketing/withdraw")
                                .headers(h -> h.setBearerAuth(person))
                                .exchangeToMono(response -> response.releaseBody()
                                        .thenReturn(response.statusCode().value())),
                        12)
                .collectList()
                .block();
        assertThat(statuses).containsOnly(200, 202);
        assertThat(statuses).filteredOn(status -> status == 202).hasSize(1);
        assertThat(count("consent_event where action = 'WITHDRAWN' and subject_id = '" + subjectId + "'"))
                .isEqualTo(1);
        assertThat(withdrawalRequests(subjectId)).isEqualTo(1);
        assertThat(tasks(1).get(0).get("systemId").asString()).isEqualTo("crm");
        assertThat(rabbit.receive(observedTasks.getName(), 300)).isNull();
    }

    @Test
    void anAgentWithdrawsOnThePersonsBehalfAuditedUnderTheAgent() {
        var subjectId = newSubject();
        var person = tokens.subject(subjectId);
        granted(person, "sale-sharing", "1");
        var agentId = "agent-" + UUID.randomUUID();
        var agent = tokens.withRoles(agentId, "support-agent");
        var state = http.post()
                .uri("/api/v1/agent/subjects/" + subjectId + "/consents/sale-sharing/withdraw")
                .headers(h -> h.setBearerAuth(agent))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"note\":\"Asked by phone, call 2026-11-28\",\"jurisdiction\":\"DE\"}")
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        var requestId = state.get("requestId").asString();
        assertThat(state.get("method").asString()).isEqualTo("AGENT");
        assertThat(state(person, "sale-sharing").get("method").asString()).isEqualTo("AGENT");
        assertThat(history(person).get("items").get(0).has("agentId"))
                .as("staff ids stay with staff")
                .isFalse();

        var agentHistory = http.get()
                .uri("/api/v1/agent/subjects/" + subjectId + "/consents/history")
                .headers(h -> h.setBearerAuth(agent))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(agentHistory.get("items").get(0).get("agentId").asString()).isEqualTo(agentId);

        var request = request(agent, requestId);
        assertThat(request.get("regime").asString()).isEqualTo("GDPR");
        var trail = http.get()
                .uri("/api/v1/requests/" + requestId + "/audit")
                .headers(h -> h.setBearerAuth(agent))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        var actions = new java.util.ArrayList<String>();
        trail.forEach(entry -> actions.add(
                entry.get("action").asString() + " by " + entry.get("actor").asString()));
        assertThat(actions)
                .contains(
                        "consent.withdrawn by support-agent:" + agentId,
                        "note.added by support-agent:" + agentId,
                        "request.received by support-agent:" + agentId);
        assertThat(trail.toString()).doesNotContain("phone");
        http.get()
                .uri("/api/v1/agent/requests/" + requestId + "/notes")
                .headers(h -> h.setBearerAuth(agent))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[0].text")
                .isEqualTo("Asked by phone, call 2026-11-28");
        assertThat(tasks(2))
                .extracting(task -> task.get("systemId").asString())
                .containsExactlyInAnyOrder("orders", "adserver");
    }

    @Test
    void anAgentCannotActWithoutANoteAndNothingIsStored() {
        var subjectId = newSubject();
        var agent = tokens.withRoles("agent-1", "support-agent");
        for (var body : new String[] {
            "{}", "{\"note\":\" \"}", "{\"note\":\"x\",\"jurisdiction\":\"Germany\"}", "{\"note\":\"x\",\"extra\":1}"
        }) {
            http.post()
                    .uri("/api/v1/agent/subjects/" + subjectId + "/consents/marketing/withdraw")
                    .headers(h -> h.setBearerAuth(agent))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(body)
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        assertThat(events(subjectId)).isZero();
        assertThat(count("rights_request")).isZero();
    }

    @Test
    void aFailedSystemIsRetriedByAnAgentWithThePurposeKept() {
        var person = tokens.subject(newSubject());
        var requestId = withdrawn(person, "marketing").get("requestId").asString();
        var failed = tasks(1).get(0);
        answer(failed, "FAILED");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "NEEDS_ATTENTION"
                        .equals(request(person, requestId).get("status").asString()));
        var agent = tokens.withRoles("agent-2", "support-agent");
        http.post()
                .uri("/api/v1/agent/requests/" + requestId + "/tasks/"
                        + failed.get("taskId").asString() + "/retry")
                .headers(h -> h.setBearerAuth(agent))
                .exchange()
                .expectStatus()
                .isOk();
        var retried = tasks(1).get(0);
        assertThat(retried.get("taskId").asString())
                .isNotEqualTo(failed.get("taskId").asString());
        assertThat(retried.get("purpose").asString()).isEqualTo("marketing");
        answer(retried, "DONE");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "COMPLETED"
                        .equals(request(person, requestId).get("status").asString()));
    }

    private static JsonNode system(JsonNode request, String systemId) {
        for (var system : request.get("systems")) {
            if (systemId.equals(system.get("systemId").asString())) {
                return system;
            }
        }
        throw new AssertionError("no task for " + systemId);
    }
}
