package dev.rightsplatform.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Consent end to end: a withdrawal is effective at once in the ledger and reaches every system that processes data
 * for that purpose — and no other — with signed calls; the history tells it; Global Privacy Control on a signed-in
 * person's requests is exactly one opt-out per purpose, however many requests carry it at once.
 */
@ExtendWith(PlatformExtension.class)
class ConsentSystemTests {

    private static Platform platform;
    private static GatewayApi api;

    @BeforeAll
    static void platform(Platform running) {
        platform = running;
        api = new GatewayApi(running);
    }

    @Test
    void aWithdrawalReachesTheSystemsOfThatPurposeAndNoOthers() throws Exception {
        var person = platform.keycloak.newDataSubject("en");
        var token = platform.keycloak.accessToken(person);
        assertThat(api.call("POST", "/api/v1/consents/marketing", token, "{\"noticeVersion\":\"2\"}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(api.call("POST", "/api/v1/consents/analytics", token, "{\"noticeVersion\":\"1\"}")
                        .statusCode())
                .isEqualTo(200);

        var withdrawn = api.call("POST", "/api/v1/consents/marketing/withdraw", token, null);
        assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(202);
        var requestId = api.json(withdrawn).get("requestId").asText();
        assertThat(state(token, "marketing").get("granted").asBoolean())
                .as("effective at once")
                .isFalse();
        assertThat(state(token, "analytics").get("granted").asBoolean()).isTrue();

        var completed = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> api.json(api.call("GET", "/api/v1/requests/" + requestId, token, null)),
                        request -> "COMPLETED".equals(request.path("status").asText()));
        assertThat(completed.get("type").asText()).isEqualTo("WITHDRAW_CONSENT");
        var reached = new ArrayList<String>();
        for (var entry : platform.systems.entrySet()) {
            var calls = FakeDownstreamSystem.mentioning(entry.getValue().withdrawCalls, person.id());
            if (!calls.isEmpty()) {
                reached.add(entry.getKey());
                assertThat(calls).singleElement().satisfies(call -> {
                    assertThat(call.signatureValid()).isTrue();
                    assertThat(GatewayApi.JSON
                                    .readTree(call.body())
                                    .get("purpose")
                                    .asText())
                            .isEqualTo("marketing");
                });
            }
        }
        assertThat(reached).containsExactlyInAnyOrderElementsOf(systemsFor("marketing"));

        var history = history(token);
        assertThat(history)
                .extracting(item -> item.get("purpose").asText() + ":"
                        + item.get("action").asText() + ":" + item.get("method").asText())
                .containsExactly("marketing:WITHDRAWN:PORTAL", "analytics:GRANTED:PORTAL", "marketing:GRANTED:PORTAL");

        var again = api.call("POST", "/api/v1/consents/marketing/withdraw", token, null);
        assertThat(again.statusCode()).as("already withdrawn: nothing changes").isEqualTo(200);
        assertThat(history(token)).hasSize(3);
    }

    @Test
    void globalPrivacyControlIsExactlyOneOptOutPerPersonAndPurpose() throws Exception {
        var person = platform.keycloak.newDataSubject("en");
        var token = platform.keycloak.accessToken(person);
        var gpc = Map.of("Sec-GPC", "1");
        var pool = Executors.newFixedThreadPool(8);
        try {
            var calls = new ArrayList<Callable<Integer>>();
            for (int i = 0; i < 12; i++) {
                calls.add(() ->
                        api.call("GET", "/api/v1/requests", token, null, gpc).statusCode());
            }
            for (var answer : pool.invokeAll(calls)) {
                assertThat(answer.get())
                        .as("the person's own request is unaffected")
                        .isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }
        var optOuts = history(token).stream()
                .filter(item -> "GPC".equals(item.get("method").asText()))
                .toList();
        assertThat(optOuts)
                .extracting(item ->
                        item.get("purpose").asText() + ":" + item.get("action").asText())
                .containsExactlyInAnyOrder("personalised-ads:WITHDRAWN", "sale-sharing:WITHDRAWN");

        // each opt-out reaches its systems once
        for (var purpose : List.of("personalised-ads", "sale-sharing")) {
            for (var system : systemsFor(purpose)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> withdrawCalls(system, person.id(), purpose) == 1);
            }
        }
        api.call("GET", "/api/v1/requests", token, null, gpc);
        assertThat(history(token).stream()
                        .filter(item -> "GPC".equals(item.get("method").asText())))
                .hasSize(2);
        assertThat(withdrawCalls("crm", person.id(), "personalised-ads")).isEqualTo(1);
    }

    private static long withdrawCalls(String system, String userId, String purpose) {
        return FakeDownstreamSystem.mentioning(platform.systems.get(system).withdrawCalls, userId).stream()
                .filter(call -> call.body().contains("\"" + purpose + "\""))
                .count();
    }

    private static List<String> systemsFor(String purpose) {
        return Platform.PURPOSES.entrySet().stream()
                .filter(entry -> entry.getValue().contains(purpose))
                .map(Map.Entry::getKey)
                .toList();
    }

    private static JsonNode state(String token, String purpose) throws Exception {
        for (var state : api.json(api.call("GET", "/api/v1/consents", token, null))) {
            if (purpose.equals(state.get("purpose").asText())) {
                return state;
            }
        }
        throw new AssertionError("no state for " + purpose);
    }

    private static List<JsonNode> history(String token) throws Exception {
        var page = api.json(api.call("GET", "/api/v1/consents/history", token, null));
        return StreamSupport.stream(page.get("items").spliterator(), false).toList();
    }
}
