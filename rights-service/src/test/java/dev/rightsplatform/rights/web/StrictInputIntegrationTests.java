package dev.rightsplatform.rights.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.rights.support.AbstractRightsIntegrationTests;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * Bad input through the real service: each answer is a 400 problem with its type and the field (or parameter) named,
 * and nothing is stored — requests, notes, audit entries, outbox rows and consent events are counted before and after.
 * JSON text is written with JSON escapes ({@code \\u0000}), so the control characters travel as the caller sent them.
 */
class StrictInputIntegrationTests extends AbstractRightsIntegrationTests {

    private static final String MALFORMED = "/problems/malformed-request";
    private static final String INVALID = "/problems/invalid-request";

    enum Caller {
        PERSON,
        AGENT,
        NOBODY
    }

    private final String person = tokens.subject(newSubject());
    private final String agent = tokens.withRoles("agent-" + UUID.randomUUID(), "support-agent");
    private String requestId;

    @BeforeEach
    void aRequestToActOn() {
        requestId = http.post()
                .uri("/api/v1/requests")
                .headers(h -> h.setBearerAuth(tokens.subject(newSubject())))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"type\":\"DEREGISTER\",\"jurisdiction\":\"DE\"}")
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .asString();
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                // scalars are not coerced: {"type": 1} used to be an EXPORT request (the enum's index)
                bad("POST /api/v1/requests", Caller.PERSON, "{\"type\":1}", MALFORMED, "type"),
                bad("POST /api/v1/requests", Caller.PERSON, "{\"type\":true}", MALFORMED, "type"),
                bad("POST /api/v1/requests", Caller.PERSON, "{\"type\":\"1\"}", MALFORMED, "type"),
                bad(
                        "POST /api/v1/requests",
                        Caller.PERSON,
                        "{\"type\":\"DEREGISTER\",\"jurisdiction\":49}",
                        MALFORMED,
                        "jurisdiction"),
                bad("POST /api/v1/agent/requests/{id}/notes", Caller.AGENT, "{\"text\":12345}", MALFORMED, "text"),
                bad(
                        "POST /api/v1/consents/marketing",
                        Caller.PERSON,
                        "{\"noticeVersion\":2}",
                        MALFORMED,
                        "noticeVersion"),
                // duplicate keys: the last one used to win ({"type":"DEREGISTER","type":"ACCESS"} was an ACCESS
                // request)
                bad(
                        "POST /api/v1/requests",
                        Caller.PERSON,
                        "{\"type\":\"DEREGISTER\",\"type\":\"ACCESS\"}",
                        MALFORMED,
                        "type"),
                bad(
                        "POST /api/v1/requests",
                        Caller.PERSON,
                        "{\"type\":\"DEREGISTER\",\"jurisdiction\":\"DE\",\"jurisdiction\":\"CN\"}",
                        MALFORMED,
                        "jurisdiction"),
                // an enum is named exactly: Jackson trimmed "EXPORT\u0000" (trim drops everything up to U+0020) into
                // EXPORT
                bad("POST /api/v1/requests", Caller.PERSON, "{\"type\":\"EXPORT\\u0000\"}", INVALID, "type"),
                bad("POST /api/v1/requests", Caller.PERSON, "{\"type\":\" EXPORT\"}", INVALID, "type"),
                // control characters, in every kind of text field
                bad(
                        "POST /api/v1/requests",
                        Caller.PERSON,
                        "{\"type\":\"DEREGISTER\",\"jurisdiction\":\"D\\u0000E\"}",
                        INVALID,
                        "jurisdiction"),
                bad(
                        "POST /api/v1/requests",
                        Caller.PERSON,
                        "{\"type\":\"DEREGISTER\",\"jurisdiction\":\"DE\\n\"}",
                        INVALID,
                        "jurisdiction"),
                bad(
                        "POST /api/v1/public/requests",
                        Caller.NOBODY,
                        "{\"type\":\"ACCESS\",\"email\":\"a\\u0000b@example.com\",\"jurisdiction\":\"DE\"}",
                        INVALID,
                        "email"),
                bad(
                        "POST /api/v1/public/requests",
                        Caller.NOBODY,
                        "{\"type\":\"ACCESS\",\"email\":\"a@example.com\",\"locale\":\"en\\u0007\"}",
                        INVALID,
                        "locale"),
                bad(
                        "POST /api/v1/agent/requests/{id}/notes",
                        Caller.AGENT,
                        "{\"text\":\"call back\\u0000\"}",
                        INVALID,
                        "text"),
                bad(
                        "POST /api/v1/agent/requests/{id}/refuse",
                        Caller.AGENT,
                        "{\"reason\":\"no\\u001b[31m\"}",
                        INVALID,
                        "reason"),
                bad(
                        "POST /api/v1/agent/requests/{id}/extend",
                        Caller.AGENT,
                        "{\"reason\":\"late\\u0085\"}",
                        INVALID,
                        "reason"),
                bad(
                        "POST /api/v1/agent/requests/{id}/approve",
                        Caller.AGENT,
                        "{\"accountId\":\"abc\\u0000\"}",
                        INVALID,
                        "accountId"),
                bad(
                        "POST /api/v1/agent/requests/{id}/refuse",
                        Caller.AGENT,
                        "{\"reason\":\"half \\ud800 a pair\"}",
                        INVALID,
                        "reason"),
                bad(
                        "POST /api/v1/consents/marketing",
                        Caller.PERSON,
                        "{\"noticeVersion\":\"2\\u0000\"}",
                        INVALID,
                        "noticeVersion"),
                bad(
                        "POST /api/v1/agent/subjects/{subject}/consents/marketing/withdraw",
                        Caller.AGENT,
                        "{\"note\":\"by phone\\u0000\"}",
                        INVALID,
                        "note"),
                // query parameters: text, dates, numbers and booleans
                bad("GET /api/v1/agent/requests?jurisdiction=%00", Caller.AGENT, null, INVALID, "jurisdiction"),
                bad(
                        "GET /api/v1/agent/requests?dueBefore=%2B999999999-01-01T00:00:00Z",
                        Caller.AGENT, null, INVALID, "dueBefore"),
                bad(
                        "GET /api/v1/agent/requests?dueBefore=1970-01-01T00:00:00Z",
                        Caller.AGENT,
                        null,
                        INVALID,
                        "dueBefore"),
                bad("GET /api/v1/agent/requests?limit=abc", Caller.AGENT, null, INVALID, "limit"),
                bad("GET /api/v1/agent/requests?limit=0", Caller.AGENT, null, INVALID, "limit"),
                bad("GET /api/v1/agent/requests?overdue=yes", Caller.AGENT, null, INVALID, "overdue"),
                bad(
                        "GET /api/v1/deadlines?jurisdiction=DE&type=ACCESS&receivedAt=%2B999999999-01-01T00:00:00Z",
                        Caller.NOBODY, null, INVALID, "receivedAt"),
                bad(
                        "GET /api/v1/deadlines?jurisdiction=DE&type=ACCESS&receivedAt=1999-12-31T23:59:59Z",
                        Caller.NOBODY,
                        null,
                        INVALID,
                        "receivedAt"),
                bad(
                        "GET /api/v1/deadlines?jurisdiction=D%01E&type=ACCESS",
                        Caller.NOBODY, null, INVALID, "jurisdiction"),
                bad("GET /api/v1/consents/history?limit=abc", Caller.PERSON, null, INVALID, "limit"),
                bad("GET /api/v1/consents/history?before=0", Caller.PERSON, null, INVALID, "before"),
                bad("GET /api/v1/requests/not-a-uuid", Caller.PERSON, null, INVALID, "id"));
    }

    private static Arguments bad(String endpoint, Caller caller, String body, String type, String field) {
        return Arguments.of(endpoint, caller, body, type, field);
    }

    @ParameterizedTest(name = "{0} {2}: {3} naming {4}")
    @MethodSource("badInputs")
    void badInputIsA400NamingTheFieldAndStoresNothing(
            String endpoint, Caller caller, String body, String type, String field) {
        var before = stored();
        var answer = call(endpoint, caller, body)
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(answer.get("type").asString()).isEqualTo(type);
        assertThat(answer.get("errors").get(0).get("field").asString()).isEqualTo(field);
        assertThat(answer.toString()).doesNotContain("\\u0000", "call back", "by phone", "999999999");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void multiLineTextKeepsItsLineBreaksAndTabs() {
        call(
                        "POST /api/v1/agent/requests/{id}/notes",
                        Caller.AGENT,
                        "{\"text\":\"called at 10:00\\nshe asks:\\tcall back\"}")
                .expectStatus()
                .isCreated();
        var notes = call("GET /api/v1/agent/requests/{id}/notes", Caller.AGENT, null)
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(notes.get(0).get("text").asString()).isEqualTo("called at 10:00\nshe asks:\tcall back");
    }

    @Test
    void theFrameworksOwnRejectionsAreProblemsWithATypeToo() {
        var before = stored();
        put("/api/v1/requests")
                .expectStatus()
                .isEqualTo(405)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .value("Allow", allow -> assertThat(allow).contains("POST"))
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/http-405");
        http.get()
                .uri("/api/v1/deadlines?jurisdiction=DE&type=ACCESS")
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isEqualTo(406)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/http-406");
        http.post()
                .uri("/api/v1/requests")
                .headers(h -> h.setBearerAuth(person))
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue("{\"type\":\"ACCESS\"}")
                .exchange()
                .expectStatus()
                .isEqualTo(415)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/http-415")
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).doesNotContain("text/plain"));
        call("GET /api/v1/no-such-thing", Caller.PERSON, null)
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/http-404")
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).doesNotContain("no-such-thing"));
        http.post()
                .uri("/api/v1/requests")
                .headers(h -> h.setBearerAuth(person))
                .contentType(MediaType.APPLICATION_JSON)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(MALFORMED);
        call("GET /api/v1/agent/subjects/a%01b/consents", Caller.AGENT, null)
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .exists();
        for (var path : List.of("/api/v1/requests/%2e%2e/x", "/api/v1/requests/a%2fb", "/api/v1/requests;x=y")) {
            call("GET " + path, Caller.PERSON, null)
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo("/problems/request-rejected");
        }
        assertThat(stored()).isEqualTo(before);
    }

    /** Requests Netty itself cannot take, sent byte for byte: a problem too, not an empty answer. */
    @Test
    void requestsThatNeverReachSpringAreProblemsToo() throws Exception {
        var before = stored();
        var deadlines = "/api/v1/deadlines?jurisdiction=DE&type=ACCESS";
        assertThat(raw("GET " + deadlines + " HTTP/1.1\r\nHost: x\r\nX-Note: a\u0001b\r\n\r\n"))
                .startsWith("HTTP/1.1 400")
                .contains("application/problem+json", "/problems/malformed-request");
        // a C1 control is a valid header byte to Netty (obs-text): the service's own text rule names the header
        assertThat(raw("GET " + deadlines + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Note: a\u0085b\r\n\r\n"))
                .startsWith("HTTP/1.1 400")
                .contains("application/problem+json", "/problems/invalid-request", "\"field\":\"X-Note\"");
        assertThat(raw("GET /api/v1/deadlines?jurisdiction=%zz HTTP/1.1\r\nHost: x\r\n\r\n"))
                .startsWith("HTTP/1.1 400")
                .contains("application/problem+json", "/problems/malformed-request");
        assertThat(raw("GET " + deadlines + "&x=" + "a".repeat(9000) + " HTTP/1.1\r\nHost: x\r\n\r\n"))
                .startsWith("HTTP/1.1 414")
                .contains("application/problem+json", "/problems/http-414");
        assertThat(raw("GET " + deadlines + " HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n"))
                .startsWith("HTTP/1.1 431")
                .contains("application/problem+json", "/problems/http-431");
        assertThat(stored()).isEqualTo(before);
    }

    /** Sends the bytes as they are (ISO-8859-1) and reads the answer until the service closes the connection. */
    private String raw(String request) throws java.io.IOException {
        try (var socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    private WebTestClient.ResponseSpec put(String path) {
        return http.put()
                .uri(path)
                .headers(h -> h.setBearerAuth(person))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"type\":\"ACCESS\"}")
                .exchange();
    }

    /** URLs are sent as written (URI.create): a template would encode the % of %00 once more. */
    private WebTestClient.ResponseSpec call(String endpoint, Caller caller, String body) {
        var method = HttpMethod.valueOf(endpoint.substring(0, endpoint.indexOf(' ')));
        var path = endpoint.substring(endpoint.indexOf(' ') + 1)
                .replace("{id}", requestId)
                .replace("{subject}", newSubject());
        var token = switch (caller) {
            case PERSON -> person;
            case AGENT -> agent;
            case NOBODY -> null;
        };
        var spec = http.method(method)
                .uri(URI.create("http://127.0.0.1:" + port + path))
                .headers(h -> {
                    if (token != null) {
                        h.setBearerAuth(token);
                    }
                });
        return body == null
                ? spec.exchange()
                : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private List<Long> stored() {
        return List.of(
                count("rights_request"),
                count("request_note"),
                count("audit_entry"),
                count("outbox_message"),
                count("consent_event"));
    }
}
