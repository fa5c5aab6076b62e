package dev.rightsplatform.rights.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.rights.support.AbstractRightsIntegrationTests;
import dev.rightsplatform.rights.support.KeycloakDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * The console's part of the agent API (issue 12): who holds a request (take, release, assign, the queue's holder and
 * filters), bulk actions with a result per request, and requests opened on a person's behalf. Accounts are looked up
 * in the real Keycloak (client rights-service), for throwaway people and the demo agent {@code agent}.
 */
@TestPropertySource(properties = "rights.review.required-for=DEREGISTER")
class AgentConsoleApiIntegrationTests extends AbstractRightsIntegrationTests {

    static final String AGENT_A = "agent-a-" + UUID.randomUUID();
    static final String AGENT_B = "agent-b-" + UUID.randomUUID();

    static KeycloakDirectory.Person person;

    @DynamicPropertySource
    static void directory(DynamicPropertyRegistry registry) {
        registry.add("rights.directory.server-url", () -> KeycloakDirectory.URL);
        registry.add("rights.directory.client-secret", () -> KeycloakDirectory.CLIENT_SECRET);
    }

    @BeforeAll
    static void keycloak() {
        KeycloakDirectory.ensureClient();
        person = KeycloakDirectory.newPerson("zh-CN");
    }

    @AfterAll
    static void removePerson() {
        KeycloakDirectory.delete(person);
    }

    // ---- assignment

    @Test
    void anAgentTakesAReleasesAndTheQueueShowsWhoHoldsWhat() {
        var held = submit(newSubject());
        var free = submit(newSubject());

        var taken = as(AGENT_A, "anna")
                .post()
                .uri("/api/v1/agent/requests/" + held + "/take")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(taken.path("id").asString()).isEqualTo(held);
        assertThat(taken.path("heldBy").path("name").asString()).isEqualTo("anna");

        var queue = queue(AGENT_A, "");
        assertThat(item(queue, held).path("heldBy").path("name").asString()).isEqualTo("anna");
        assertThat(item(queue, held).path("heldBy").path("agentId").asString()).isEqualTo(AGENT_A);
        assertThat(item(queue, free).path("heldBy").isNull()).isTrue();
        assertThat(ids(queue(AGENT_A, "?heldBy=me"))).containsExactly(held);
        assertThat(ids(queue(AGENT_B, "?heldBy=me"))).isEmpty();
        assertThat(ids(queue(AGENT_A, "?heldBy=nobody"))).containsExactly(free);

        // another agent cannot take it while it is held
        as(AGENT_B, "ben")
                .post()
                .uri("/api/v1/agent/requests/" + held + "/take")
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .value(type -> assertThat((String) type).endsWith("/already-assigned"))
                .jsonPath("$.heldBy")
                .isEqualTo("anna");

        as(AGENT_A, "anna")
                .post()
                .uri("/api/v1/agent/requests/" + held + "/release")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.heldBy")
                .isEmpty();
        assertThat(ids(queue(AGENT_A, "?heldBy=nobody"))).containsExactlyInAnyOrder(held, free);

        var audit = audit(held);
        assertThat(audit).anySatisfy(entry -> {
            assertThat(entry.path("action").asString()).isEqualTo("request.assigned");
            assertThat(entry.path("actor").asString()).isEqualTo("support-agent:" + AGENT_A);
            assertThat(entry.path("detail").asString()).contains("support-agent:" + AGENT_A);
        });
        assertThat(audit).anySatisfy(entry -> {
            assertThat(entry.path("action").asString()).isEqualTo("request.released");
            assertThat(entry.path("actor").asString()).isEqualTo("support-agent:" + AGENT_A);
        });
    }

    @Test
    void anAgentAssignsARequestToAnotherAgentFoundInKeycloak() {
        var id = submit(newSubject());
        var assigned = as(AGENT_A, "anna")
                .post()
                .uri("/api/v1/agent/requests/" + id + "/assign")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"assignee\":\"agent\"}")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(assigned.path("heldBy").path("name").asString()).isEqualTo("agent");
        var agentId = assigned.path("heldBy").path("agentId").asString();
        assertThat(audit(id)).anySatisfy(entry -> {
            assertThat(entry.path("action").asString()).isEqualTo("request.assigned");
            assertThat(entry.path("actor").asString()).isEqualTo("support-agent:" + AGENT_A);
            assertThat(entry.path("detail").asString()).contains("support-agent:" + agentId);
        });

        // a person is no agent; nor is an unknown name
        for (var name : List.of(person.username(), "nobody-" + UUID.randomUUID())) {
            as(AGENT_A, "anna")
                    .post()
                    .uri("/api/v1/agent/requests/" + id + "/assign")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"assignee\":\"" + name + "\"}")
                    .exchange()
                    .expectStatus()
                    .isEqualTo(422)
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        as(AGENT_A, "anna")
                .post()
                .uri("/api/v1/agent/requests/" + id + "/assign")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aClosedRequestIsNotTaken() {
        var id = submit(newSubject());
        as(AGENT_A, "anna")
                .post()
                .uri("/api/v1/agent/requests/" + id + "/cancel")
                .exchange()
                .expectStatus()
                .isOk();
        as(AGENT_A, "anna")
                .post()
                .uri("/api/v1/agent/requests/" + id + "/take")
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .value(type -> assertThat((String) type).endsWith("/request-closed"));
    }

    // ---- bulk

    @Test
    void aBulkApprovalReportsEachRequestMixedStatesIncluded() {
        var already = submit(newSubject());
        var first = submit(newSubject());
        var second = submit(newSubject());
        var unknown = UUID.randomUUID().toString();
        as(AGENT_A, "anna")
                .post()
                .uri("/api/v1/agent/requests/" + already + "/approve")
                .exchange()
                .expectStatus()
                .isOk();

        var results = bulk("{\"action\":\"APPROVE\",\"requestIds\":[\"" + already + "\",\"" + first + "\",\"" + second
                + "\",\"" + unknown + "\",\"" + first + "\"]}");
        assertThat(results.path("done").asInt()).isEqualTo(2);
        assertThat(results.path("refused").asInt()).isEqualTo(2);
        var items = results.path("items");
        assertThat(items.size()).as("an id given twice is done once").isEqualTo(4);
        assertThat(items.get(0).path("requestId").asString()).isEqualTo(already);
        assertThat(items.get(0).path("ok").asBoolean()).isFalse();
        assertThat(items.get(0).path("problem").asString()).isEqualTo("illegal-transition");
        assertThat(items.get(1).path("ok").asBoolean()).isTrue();
        assertThat(items.get(1).path("status").asString()).isNotEqualTo("AWAITING_REVIEW");
        assertThat(items.get(2).path("ok").asBoolean()).isTrue();
        assertThat(items.get(3).path("problem").asString()).isEqualTo("request-not-found");
        assertThat(status(first)).isNotEqualTo("AWAITING_REVIEW");
        assertThat(status(second)).isNotEqualTo("AWAITING_REVIEW");
        assertThat(audit(second))
                .anySatisfy(entry -> assertThat(entry.path("actor").asString()).isEqualTo("support-agent:" + AGENT_A));
    }

    @Test
    void aBulkAssignmentGivesEveryRequestToTheAgent() {
        var one = submit(newSubject());
        var two = submit(newSubject());
        var closed = submit(newSubject());
        as(AGENT_A, "anna")
                .post()
                .uri("/api/v1/agent/requests/" + closed + "/cancel")
                .exchange()
                .expectStatus()
                .isOk();
        var results =
                bulk("{\"action\":\"ASSIGN\",\"requestIds\":[\"" + one + "\",\"" + two + "\",\"" + closed + "\"]}");
        assertThat(results.path("done").asInt()).isEqualTo(2);
        assertThat(results.path("items").get(2).path("problem").asString()).isEqualTo("request-closed");
        assertThat(ids(queue(AGENT_A, "?heldBy=me"))).containsExactlyInAnyOrder(one, two);

        var toAgent = bulk("{\"action\":\"ASSIGN\",\"requestIds\":[\"" + one + "\"],\"assignee\":\"agent\"}");
        assertThat(toAgent.path("items").get(0).path("ok").asBoolean()).isTrue();
        assertThat(ids(queue(AGENT_A, "?heldBy=me"))).containsExactly(two);
    }

    @Test
    void badBulkInputIsAProblem() {
        var tooMany = new ArrayList<String>();
        IntStream.range(0, AgentBodies.BULK_MAX + 1).forEach(i -> tooMany.add("\"" + UUID.randomUUID() + "\""));
        for (var body : List.of(
                "{\"action\":\"APPROVE\",\"requestIds\":[" + String.join(",", tooMany) + "]}",
                "{\"action\":\"APPROVE\",\"requestIds\":[]}",
                "{\"action\":\"APPROVE\"}",
                "{\"action\":\"DELETE\",\"requestIds\":[\"" + UUID.randomUUID() + "\"]}",
                "{\"action\":\"APPROVE\",\"requestIds\":[\"not-an-id\"]}",
                "{\"action\":\"APPROVE\",\"requestIds\":[\"" + UUID.randomUUID() + "\"],\"assignee\":\"agent\"}")) {
            as(AGENT_A, "anna")
                    .post()
                    .uri("/api/v1/agent/requests/bulk")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(body)
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    // ---- on behalf of a person

    @Test
    void anAgentOpensARequestForAPersonAuditedUnderTheAgentWithTheMethod() {
        var opened = as(AGENT_A, "anna")
                .post()
                .uri("/api/v1/agent/requests")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"subject\":\"" + person.email().toUpperCase(java.util.Locale.ROOT)
                        + "\",\"type\":\"ACCESS\",\"verification\":{\"method\":\"CALLBACK\","
                        + "\"note\":\"Called back the number on file.\"}}")
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        var id = opened.path("id").asString();
        assertThat(opened.path("type").asString()).isEqualTo("ACCESS");

        // the request is the person's: their id and address, their own list shows it
        var row = db.sql("select subject_id, subject_email from rights_request where id = :id")
                .bind("id", UUID.fromString(id))
                .fetch()
                .one()
                .block();
        assertThat(row.get("subject_id")).isEqualTo(person.id());
        assertThat(row.get("subject_email")).isEqualTo(person.email());
        var theirs = http.get()
                .uri("/api/v1/requests")
                .headers(h -> h.setBearerAuth(tokens.subject(person.id())))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(theirs.findValuesAsString("id")).contains(id);

        // audited under the agent, with the method; the note beside the request
        var audit = audit(id);
        assertThat(audit)
                .allSatisfy(entry -> assertThat(entry.path("actor").asString()).doesNotContain(person.id()));
        assertThat(audit).anySatisfy(entry -> {
            assertThat(entry.path("action").asString()).isEqualTo("request.opened-on-behalf");
            assertThat(entry.path("actor").asString()).isEqualTo("support-agent:" + AGENT_A);
            assertThat(entry.path("detail").asString()).contains("CALLBACK").doesNotContain("number on file");
        });
        as(AGENT_A, "anna")
                .get()
                .uri("/api/v1/agent/requests/" + id + "/notes")
                .exchange()
                .expectBody()
                .jsonPath("$[0].text")
                .isEqualTo("Called back the number on file.");

        // the person is told as usual (received event with their address for notification-service)
        var events = receive(observedEvents, 1);
        assertThat(body(events.get(0))).contains(id);

        // a second one of the same type while it is open: 409 naming it
        as(AGENT_A, "anna")
                .post()
                .uri("/api/v1/agent/requests")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"subject\":\"" + person.username()
                        + "\",\"type\":\"ACCESS\",\"verification\":{\"method\":\"ID_DOCUMENT\",\"note\":\"passport\"}}")
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.openRequestId")
                .isEqualTo(id);
    }

    @Test
    void onlyAgentsOpenRequestsForOthers() {
        var body = "{\"subject\":\"" + person.username()
                + "\",\"type\":\"EXPORT\",\"verification\":{\"method\":\"ID_DOCUMENT\",\"note\":\"passport\"}}";
        for (var token :
                List.of(tokens.subject(newSubject()), tokens.withRoles("partner-" + UUID.randomUUID(), "partner"))) {
            http.post()
                    .uri("/api/v1/agent/requests")
                    .headers(h -> h.setBearerAuth(token))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(body)
                    .exchange()
                    .expectStatus()
                    .isForbidden()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON);
            http.post()
                    .uri("/api/v1/agent/subjects/lookup")
                    .headers(h -> h.setBearerAuth(token))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"subject\":\"" + person.username() + "\"}")
                    .exchange()
                    .expectStatus()
                    .isForbidden();
        }
        assertThat(count("rights_request")).isZero();
    }

    @Test
    void badOnBehalfInputIsAProblem() {
        var verified = ",\"verification\":{\"method\":\"ID_DOCUMENT\",\"note\":\"passport\"}";
        for (var body : List.of(
                "{\"subject\":\"" + person.username() + "\",\"type\":\"ACCESS\"}",
                "{\"subject\":\"" + person.username()
                        + "\",\"type\":\"ACCESS\",\"verification\":{\"method\":\"GUESS\",\"note\":\"x\"}}",
                "{\"subject\":\"" + person.username()
                        + "\",\"type\":\"ACCESS\",\"verification\":{\"method\":\"ID_DOCUMENT\",\"note\":\" \"}}",
                "{\"subject\":\"" + person.username() + "\",\"type\":\"WITHDRAW_CONSENT\"" + verified + "}",
                "{\"subject\":\"\",\"type\":\"ACCESS\"" + verified + "}",
                "{\"subject\":\"" + person.username() + "\",\"type\":\"ACCESS\",\"jurisdiction\":\"Narnia\"" + verified
                        + "}")) {
            as(AGENT_A, "anna")
                    .post()
                    .uri("/api/v1/agent/requests")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(body)
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        // no such person, or an agent's account: 422, nothing opened
        for (var subject : List.of("nobody-" + UUID.randomUUID(), "agent")) {
            as(AGENT_A, "anna")
                    .post()
                    .uri("/api/v1/agent/requests")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"subject\":\"" + subject + "\",\"type\":\"DEREGISTER\"" + verified + "}")
                    .exchange()
                    .expectStatus()
                    .isEqualTo(422)
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type")
                    .value(type -> assertThat((String) type).endsWith("/account-not-found"));
        }
        assertThat(count("rights_request")).isZero();
    }

    @Test
    void anAgentFindsAPersonsAccountId() {
        as(AGENT_A, "anna")
                .post()
                .uri("/api/v1/agent/subjects/lookup")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"subject\":\"" + person.username() + "\"}")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.id")
                .isEqualTo(person.id())
                .jsonPath("$.username")
                .isEqualTo(person.username());
        as(AGENT_A, "anna")
                .get()
                .uri("/api/v1/agent/subjects/" + person.id())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.username")
                .isEqualTo(person.username());
    }

    // ---- time left as the rule counts it

    @Test
    void timeLeftIsInWorkingDaysForChinaAndCalendarDaysElsewhere() {
        var china = submit(newSubject(), "CN");
        var germany = submit(newSubject(), "DE");
        var queue = queue(AGENT_A, "");
        var cn = item(queue, china).path("timeLeft");
        assertThat(cn.path("counting").asString()).isEqualTo("WORKING_DAYS");
        assertThat(cn.path("days").asLong()).isBetween(14L, 15L);
        assertThat(cn.path("overdue").asBoolean()).isFalse();
        var de = item(queue, germany).path("timeLeft");
        assertThat(de.path("counting").asString()).isEqualTo("CALENDAR_DAYS");
        assertThat(de.path("days").asLong()).isBetween(27L, 31L);

        // moved to within the warning time before its due date: due soon
        db.sql("update rights_request set due_soon_at = now() - interval '1 hour' where id = :id")
                .bind("id", UUID.fromString(germany))
                .then()
                .block();
        assertThat(item(queue(AGENT_A, ""), germany)
                        .path("timeLeft")
                        .path("dueSoon")
                        .asBoolean())
                .isTrue();
    }

    // ---- helpers

    private WebTestClient as(String agentId, String username) {
        return http.mutate()
                .defaultHeaders(h -> h.setBearerAuth(
                        tokens.withClaims(agentId, java.util.Map.of("preferred_username", username), "support-agent")))
                .build();
    }

    private String submit(String subject) {
        return submit(subject, "CN");
    }

    private String submit(String subject, String jurisdiction) {
        return http.post()
                .uri("/api/v1/requests")
                .headers(h -> h.setBearerAuth(tokens.subject(subject)))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"type\":\"DEREGISTER\",\"jurisdiction\":\"" + jurisdiction + "\"}")
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .asString();
    }

    private JsonNode queue(String agentId, String query) {
        return as(agentId, "x")
                .get()
                .uri("/api/v1/agent/requests" + query)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    private static JsonNode item(JsonNode page, String id) {
        for (var item : page.path("items")) {
            if (item.path("id").asString().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("request " + id + " is not in the queue");
    }

    private static List<String> ids(JsonNode page) {
        var ids = new ArrayList<String>();
        page.path("items").forEach(item -> ids.add(item.path("id").asString()));
        return ids;
    }

    private JsonNode bulk(String body) {
        return as(AGENT_A, "anna")
                .post()
                .uri("/api/v1/agent/requests/bulk")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    private String status(String id) {
        return as(AGENT_A, "anna")
                .get()
                .uri("/api/v1/agent/requests/" + id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .path("status")
                .asString();
    }

    private List<JsonNode> audit(String id) {
        var entries = new ArrayList<JsonNode>();
        as(AGENT_A, "anna")
                .get()
                .uri("/api/v1/requests/" + id + "/audit")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .forEach(entries::add);
        return entries;
    }
}
