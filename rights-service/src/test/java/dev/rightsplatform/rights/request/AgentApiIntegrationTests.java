package dev.rightsplatform.rights.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.rights.support.AbstractRightsIntegrationTests;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The agent API: the queue with its filters and pages, the actions, and who may use them. */
class AgentApiIntegrationTests extends AbstractRightsIntegrationTests {

    static final String AGENT = "agent-" + UUID.randomUUID();

    @Autowired
    JsonMapper json;

    @Test
    void theQueueIsOrderedByDueDateAndPagesWithoutGapsOrRepeats() {
        var ids = new ArrayList<String>();
        for (int i = 0; i < 5; i++) {
            var id = submit(tokens.subject(newSubject()));
            ids.add(id);
            // spread the due dates so the order is known: the last submitted is due first
            db.sql("update rights_request set due_at = due_at - make_interval(days => :d) where id = :id")
                    .bind("d", i)
                    .bind("id", UUID.fromString(id))
                    .then()
                    .block();
        }
        var seen = new ArrayList<String>();
        String cursor = null;
        do {
            var uri = "/api/v1/agent/requests?limit=2" + (cursor == null ? "" : "&after=" + cursor);
            var page = agent().get()
                    .uri(uri)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(JsonNode.class)
                    .returnResult()
                    .getResponseBody();
            page.get("items").forEach(item -> seen.add(item.get("id").asString()));
            cursor = page.get("next").isNull() ? null : page.get("next").asString();
        } while (cursor != null);
        java.util.Collections.reverse(ids);
        assertThat(seen).containsExactlyElementsOf(ids);
    }

    @Test
    void theQueueFilters() {
        var overdue = submit(tokens.subject(newSubject()));
        db.sql("update rights_request set due_at = :past where id = :id")
                .bind("past", Instant.now().minusSeconds(3600))
                .bind("id", UUID.fromString(overdue))
                .then()
                .block();
        var german = http.post()
                .uri("/api/v1/requests")
                .headers(h -> h.setBearerAuth(tokens.subject(newSubject())))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"type\":\"DEREGISTER\",\"jurisdiction\":\"de\"}")
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .asString();

        assertThat(queueIds("overdue=true")).containsExactly(overdue);
        assertThat(queueIds("jurisdiction=DE")).containsExactly(german);
        assertThat(queueIds("type=DEREGISTER")).containsExactlyInAnyOrder(overdue, german);
        assertThat(queueIds("type=ACCESS")).isEmpty();
        assertThat(queueIds("status=IN_PROGRESS")).containsExactlyInAnyOrder(overdue, german);
        assertThat(queueIds("dueBefore=" + Instant.now())).containsExactly(overdue);
        agent().get()
                .uri("/api/v1/agent/requests?limit=0")
                .exchange()
                .expectStatus()
                .isBadRequest();
        agent().get()
                .uri("/api/v1/agent/requests?after=bogus")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        agent().get()
                .uri("/api/v1/agent/requests?status=NOPE")
                .exchange()
                .expectStatus()
                .isBadRequest();
    }

    @Test
    void anExtensionIsGrantedOnceWithAReasonAndAnnounced() {
        // GDPR allows one extension; PIPL (the default jurisdiction here) allows none
        var id = submit(tokens.subject(newSubject()), "DE");
        receive(observedEvents, 1);
        var before = view(id).get("dueAt").asString();
        agent().post()
                .uri("/api/v1/agent/requests/" + id + "/extend")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"reason\":\"The request is complex: several systems hold data.\"}")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.extension.originalDueAt")
                .isEqualTo(before)
                .jsonPath("$.extension.reason")
                .isEqualTo("The request is complex: several systems hold data.");
        assertThat(Instant.parse(view(id).get("dueAt").asString())).isAfter(Instant.parse(before));
        var event = json.readTree(body(receive(observedEvents, 1).get(0)));
        assertThat(event.get("type").asString()).isEqualTo("request.extended");
        assertThat(event.get("reason").asString()).startsWith("The request is complex");

        agent().post()
                .uri("/api/v1/agent/requests/" + id + "/extend")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"reason\":\"again\"}")
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/illegal-transition");
        agent().post()
                .uri("/api/v1/agent/requests/" + id + "/extend")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"reason\":\" \"}")
                .exchange()
                .expectStatus()
                .isBadRequest();
        assertThat(count("audit_entry where action = 'request.extended' and actor = 'support-agent:" + AGENT + "'"))
                .isEqualTo(1);
    }

    @Test
    void aRegimeWithoutExtensionsRefusesOne() {
        var id = submit(tokens.subject(newSubject()), "CN");
        agent().post()
                .uri("/api/v1/agent/requests/" + id + "/extend")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"reason\":\"complex\"}")
                .exchange()
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/extension-not-allowed");
        assertThat(view(id).get("extension").isNull()).isTrue();
    }

    @Test
    void notesAreKeptButOnlyTheirExistenceIsAudited() {
        var id = submit(tokens.subject(newSubject()));
        agent().post()
                .uri("/api/v1/agent/requests/" + id + "/notes")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"text\":\"Caller confirmed by phone, +86 138 0000 0000\"}")
                .exchange()
                .expectStatus()
                .isCreated();
        agent().get()
                .uri("/api/v1/agent/requests/" + id + "/notes")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[0].text")
                .isEqualTo("Caller confirmed by phone, +86 138 0000 0000");
        assertThat(count("audit_entry where action = 'note.added'")).isEqualTo(1);
        assertThat(count("audit_entry where detail like '%138%'")).isZero();
    }

    @Test
    void anIllegalActionIsAConflictAndChangesNothing() {
        var id = submit(tokens.subject(newSubject()));
        // in progress: systems may already be erasing, so it can be neither cancelled nor refused
        agent().post()
                .uri("/api/v1/agent/requests/" + id + "/cancel")
                .exchange()
                .expectStatus()
                .isEqualTo(409);
        agent().post()
                .uri("/api/v1/agent/requests/" + id + "/refuse")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"reason\":\"no\"}")
                .exchange()
                .expectStatus()
                .isEqualTo(409);
        agent().post()
                .uri("/api/v1/agent/requests/" + id + "/approve")
                .exchange()
                .expectStatus()
                .isEqualTo(409);
        assertThat(view(id).get("status").asString()).isEqualTo("IN_PROGRESS");
        agent().post()
                .uri("/api/v1/agent/requests/" + UUID.randomUUID() + "/approve")
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void onlyAgentsAndTheOfficerUseTheAgentApi() {
        var id = submit(tokens.subject(newSubject()));
        var paths = List.of("/api/v1/agent/requests", "/api/v1/agent/requests/" + id + "/notes");
        for (var token : List.of(tokens.subject(newSubject()), tokens.withRoles("partner-app", "partner"))) {
            for (var path : paths) {
                http.get()
                        .uri(path)
                        .headers(h -> h.setBearerAuth(token))
                        .exchange()
                        .expectStatus()
                        .isForbidden()
                        .expectHeader()
                        .contentType(MediaType.APPLICATION_PROBLEM_JSON);
            }
            http.post()
                    .uri("/api/v1/agent/requests/" + id + "/approve")
                    .headers(h -> h.setBearerAuth(token))
                    .exchange()
                    .expectStatus()
                    .isForbidden();
        }
        for (var path : paths) {
            http.get().uri(path).exchange().expectStatus().isUnauthorized();
            http.get()
                    .uri(path)
                    .headers(h -> h.setBearerAuth(tokens.withRoles("officer", "privacy-officer")))
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
    }

    @Test
    void onlyTheOfficerVerifiesTheAuditTrailAndTamperingIsFound() {
        submit(tokens.subject(newSubject()));
        var officer = tokens.withRoles("officer", "privacy-officer");
        http.get()
                .uri("/api/v1/audit/verification")
                .headers(h -> h.setBearerAuth(officer))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.intact")
                .isEqualTo(true)
                .jsonPath("$.brokenAtSeq")
                .doesNotExist();
        agent().get()
                .uri("/api/v1/audit/verification")
                .exchange()
                .expectStatus()
                .isForbidden();
        http.get()
                .uri("/api/v1/audit/verification")
                .headers(h -> h.setBearerAuth(tokens.subject(newSubject())))
                .exchange()
                .expectStatus()
                .isForbidden();

        var second = db.sql("select seq from audit_entry order by seq offset 1 limit 1")
                .map(row -> row.get("seq", Long.class))
                .one()
                .block();
        db.sql("alter table audit_entry disable trigger audit_entry_no_update")
                .then()
                .then(db.sql("update audit_entry set action = 'request.cancelled' where seq = :seq")
                        .bind("seq", second)
                        .then())
                .then(db.sql("alter table audit_entry enable trigger audit_entry_no_update")
                        .then())
                .block();
        http.get()
                .uri("/api/v1/audit/verification")
                .headers(h -> h.setBearerAuth(officer))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.intact")
                .isEqualTo(false)
                .jsonPath("$.brokenAtSeq")
                .isEqualTo(second);
    }

    @Test
    void theAuditTrailRefusesChanges() {
        submit(tokens.subject(newSubject()));
        var update = db.sql("update audit_entry set actor = 'someone else'").then();
        org.assertj.core.api.Assertions.assertThatThrownBy(update::block).hasMessageContaining("append-only");
        var delete = db.sql("delete from audit_entry").then();
        org.assertj.core.api.Assertions.assertThatThrownBy(delete::block).hasMessageContaining("append-only");
    }

    private List<String> queueIds(String query) {
        var page = agent().get()
                .uri("/api/v1/agent/requests?" + query)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        var ids = new ArrayList<String>();
        page.get("items").forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }

    private JsonNode view(String id) {
        return agent().get()
                .uri("/api/v1/requests/" + id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    private WebTestClient agent() {
        return http.mutate()
                .defaultHeaders(h -> h.setBearerAuth(tokens.withRoles(AGENT, "support-agent")))
                .build();
    }

    private String submit(String token) {
        return submit(token, "CN");
    }

    private String submit(String token, String jurisdiction) {
        return http.post()
                .uri("/api/v1/requests")
                .headers(h -> h.setBearerAuth(token))
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
}
