package dev.rightsplatform.rights.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * The person's consent API: the catalogue in their language, grants and withdrawals effective at once, the history,
 * idempotent repeats, only their own data, and bad input refused with nothing stored.
 */
class ConsentApiIntegrationTests extends AbstractConsentIntegrationTests {

    @Test
    void theCatalogueIsPublicAndSpeaksTheCallersLanguage() {
        var chinese = http.get()
                .uri("/api/v1/consents/purposes")
                .header("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.8")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("Content-Language", "zh-CN")
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        var marketing = purpose(chinese, "marketing");
        assertThat(marketing.get("title").asString()).isEqualTo("营销信息");
        assertThat(marketing.get("noticeVersion").asString())
                .as("the highest version is current")
                .isEqualTo("2");
        assertThat(marketing.get("notice").asString()).contains("随时撤回");
        assertThat(purpose(chinese, "sale-sharing").get("gpc").asBoolean()).isTrue();
        assertThat(purpose(chinese, "marketing").get("gpc").asBoolean()).isFalse();

        var english = http.get()
                .uri("/api/v1/consents/purposes")
                .header("Accept-Language", "fr-FR, en;q=0.5")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("Content-Language", "en")
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(purpose(english, "marketing").get("title").asString()).isEqualTo("Marketing messages");
        assertThat(english.size()).isEqualTo(4);
    }

    @Test
    void aGrantAndAWithdrawalShowAtOnceAndInTheHistoryNewestFirst() {
        var person = tokens.subject(newSubject());
        var granted = granted(person, "marketing", "2");
        assertThat(granted.get("granted").asBoolean()).isTrue();
        assertThat(granted.get("method").asString())
                .as("no portal client in the token")
                .isEqualTo("API");
        assertThat(state(person, "marketing").get("noticeVersion").asString()).isEqualTo("2");

        var withdrawn = withdrawn(person, "marketing");
        var now = state(person, "marketing");
        assertThat(now.get("granted").asBoolean()).isFalse();
        assertThat(now.get("lastAction").asString()).isEqualTo("WITHDRAWN");
        assertThat(now.get("noticeVersion").asString())
                .as("the version withdrawn from")
                .isEqualTo("2");
        assertThat(now.get("requestId").asString())
                .isEqualTo(withdrawn.get("requestId").asString());
        assertThat(state(person, "analytics").get("lastAction").isNull())
                .as("never consented")
                .isTrue();

        var history = history(person).get("items");
        assertThat(history.size()).isEqualTo(2);
        assertThat(history.get(0).get("action").asString()).isEqualTo("WITHDRAWN");
        assertThat(history.get(1).get("action").asString()).isEqualTo("GRANTED");
        assertThat(history.get(0).has("agentId")).isFalse();
        assertThat(count("audit_entry where action = 'consent.granted' and request_id is null"))
                .isEqualTo(1);
        assertThat(count("audit_entry where action = 'consent.withdrawn' and request_id is not null"))
                .isEqualTo(1);
        assertThat(count("audit_entry where detail like '%@example.com%'"))
                .as("no e-mail in the audit trail")
                .isZero();
        http.get()
                .uri("/api/v1/audit/verification")
                .headers(h -> h.setBearerAuth(tokens.withRoles("po-1", "privacy-officer")))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.intact")
                .isEqualTo(true);
    }

    @Test
    void aPortalClientIsRecordedAsThePortal() {
        var subjectId = newSubject();
        var portal = tokens.withClaims(subjectId, claims("azp", "rights-portal"), "data-subject");
        assertThat(granted(portal, "analytics", "1").get("method").asString()).isEqualTo("PORTAL");
        var partnerApp = tokens.withClaims(subjectId, claims("azp", "some-partner-app"), "data-subject");
        withdrawn(partnerApp, "analytics");
        assertThat(state(portal, "analytics").get("method").asString()).isEqualTo("API");
    }

    @Test
    void repeatingAGrantOrAWithdrawalChangesNothing() {
        var subjectId = newSubject();
        var person = tokens.subject(subjectId);
        granted(person, "marketing", "1");
        granted(person, "marketing", "1");
        assertThat(events(subjectId)).isEqualTo(1);
        assertThat(granted(person, "marketing", "2").get("noticeVersion").asString())
                .as("consent to the newer notice is a new event")
                .isEqualTo("2");
        assertThat(events(subjectId)).isEqualTo(2);

        var first = withdrawn(person, "marketing");
        var again = withdraw(person, "marketing")
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(again.get("requestId").asString())
                .isEqualTo(first.get("requestId").asString());
        assertThat(again.get("since").asString()).isEqualTo(first.get("since").asString());
        assertThat(events(subjectId)).isEqualTo(3);
        assertThat(withdrawalRequests(subjectId)).isEqualTo(1);
    }

    @Test
    void aPersonSeesOnlyTheirOwnConsents() {
        var owner = tokens.subject(newSubject());
        granted(owner, "marketing", "2");
        var requestId = withdrawn(owner, "marketing").get("requestId").asString();
        granted(owner, "analytics", "1");

        var other = tokens.subject(newSubject());
        for (var state : states(other)) {
            assertThat(state.get("lastAction").isNull())
                    .as(state.get("purpose").asString())
                    .isTrue();
        }
        assertThat(history(other).get("items").size()).isZero();
        http.get()
                .uri("/api/v1/requests/" + requestId)
                .headers(h -> h.setBearerAuth(other))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void theHistoryPagesByCursor() {
        var person = tokens.subject(newSubject());
        granted(person, "marketing", "1");
        granted(person, "marketing", "2");
        granted(person, "analytics", "1");
        withdrawn(person, "analytics");
        granted(person, "analytics", "1");

        var seen = new ArrayList<String>();
        String cursor = null;
        do {
            var uri = "/api/v1/consents/history?limit=2" + (cursor == null ? "" : "&before=" + cursor);
            var page = http.get()
                    .uri(uri)
                    .headers(h -> h.setBearerAuth(person))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(JsonNode.class)
                    .returnResult()
                    .getResponseBody();
            page.get("items")
                    .forEach(item -> seen.add(item.get("purpose").asString() + ":"
                            + item.get("action").asString() + ":"
                            + item.get("noticeVersion").asString()));
            cursor = page.get("next").isNull() ? null : page.get("next").asString();
        } while (cursor != null);
        assertThat(seen)
                .containsExactly(
                        "analytics:GRANTED:1",
                        "analytics:WITHDRAWN:1",
                        "analytics:GRANTED:1",
                        "marketing:GRANTED:2",
                        "marketing:GRANTED:1");
    }

    @Test
    void anUnknownPurposeIs404AndAnUnknownNoticeVersion400() {
        var subjectId = newSubject();
        var person = tokens.subject(subjectId);
        grant(person, "astrology", "1")
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/purpose-not-found");
        withdraw(person, "astrology")
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/purpose-not-found");
        grant(person, "marketing", "3")
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/unknown-notice-version")
                .jsonPath("$.currentNoticeVersion")
                .isEqualTo("2");
        assertThat(events(subjectId)).isZero();
    }

    @Test
    void badBodiesAndParametersAreProblemsAndStoreNothing() {
        var subjectId = newSubject();
        var person = tokens.subject(subjectId);
        for (var body : new String[] {
            "{\"noticeVersion\":\"1\",\"extra\":true}",
            "{\"noticeVersion\":[\"1\"]}",
            "{\"noticeVersion\":{\"v\":1}}",
            "{\"noticeVersion\":\"1\"",
            "[]"
        }) {
            post(person, "/api/v1/consents/marketing", body)
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo("/problems/malformed-request");
        }
        for (var body : new String[] {"{}", "{\"noticeVersion\":null}", "{\"noticeVersion\":\"v2\"}"}) {
            post(person, "/api/v1/consents/marketing", body)
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo("/problems/invalid-request")
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("noticeVersion");
        }
        post(person, "/api/v1/consents/marketing/withdraw", "{\"purpose\":\"analytics\"}")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/malformed-request");
        for (var query : new String[] {"limit=0", "limit=101", "before=0", "limit=abc"}) {
            http.get()
                    .uri("/api/v1/consents/history?" + query)
                    .headers(h -> h.setBearerAuth(person))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        assertThat(events(subjectId)).isZero();
        assertThat(count("rights_request")).isZero();
        assertThat(count("audit_entry")).isZero();
    }

    @Test
    void theGenericRequestApiSendsWithdrawalsToTheConsentApi() {
        post(tokens.subject(newSubject()), "/api/v1/requests", "{\"type\":\"WITHDRAW_CONSENT\"}")
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/use-consent-api")
                .jsonPath("$.use")
                .isEqualTo("/api/v1/consents/{purpose}/withdraw");
        assertThat(count("rights_request")).isZero();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec post(
            String token, String uri, String body) {
        return http.post()
                .uri(uri)
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private static JsonNode purpose(JsonNode catalogue, String id) {
        for (var purpose : catalogue) {
            if (id.equals(purpose.get("id").asString())) {
                return purpose;
            }
        }
        throw new AssertionError("no purpose " + id);
    }
}
