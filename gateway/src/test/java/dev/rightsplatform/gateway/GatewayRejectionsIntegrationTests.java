package dev.rightsplatform.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.rightsplatform.testsupport.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every kind of bad input the gateway refuses by itself, sent byte for byte (most could not be sent through an HTTP
 * client library) with a valid token, so that only the gateway's own checks can stop it: each answer is a problem with
 * its status and type, and nothing reaches the service behind.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayRejectionsIntegrationTests {

    static final TestTokens tokens = TestTokens.get();
    static final FakeUpstream upstream = startUpstream();
    static final String TOKEN = tokens.subject("alice");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        TestWiring.routesAndTokens(registry, upstream::uri, upstream::uri, tokens);
        registry.add("gateway.rate-limits.enabled", () -> "false"); // counted in the rate-limit tests; no Redis here
    }

    @BeforeEach
    void forgetCalls() {
        upstream.received.clear();
    }

    @AfterAll
    static void stopUpstream() {
        upstream.close();
    }

    @ParameterizedTest(name = "{0} {1} -> {2} {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # the firewall (Spring Security's StrictServerWebExchangeFirewall)
            GET    | /api/v1/requests/%2e%2e/audit    | 400 | request-rejected
            GET    | /api/v1/requests/%2E%2E/audit    | 400 | request-rejected
            GET    | /api/v1/requests%2fabc           | 400 | request-rejected
            GET    | /api/v1/requests%2F%2Fabc        | 400 | request-rejected
            GET    | /api/v1/requests;jsessionid=abc  | 400 | request-rejected
            GET    | /api/v1/requests/%5cabc          | 400 | request-rejected
            GET    | /api/v1/requests/%00             | 400 | request-rejected
            GET    | /api/v1/requests/%0d%0aSet-Cookie: | 400 | request-rejected
            GET    | /api/v1/requests/%25             | 400 | request-rejected
            GET    | /api/v1/requests/../audit        | 400 | request-rejected
            GET    | /api/v1//requests                | 400 | request-rejected
            GET    | /requests/%2e%2e/consents        | 400 | request-rejected
            GET    | /assets//app.js                  | 400 | request-rejected
            TRACE  | /api/v1/requests                 | 405 | http-405
            FOO    | /api/v1/requests                 | 405 | http-405
            # no valid URI, so Spring would answer before any filter: MalformedRequestHandler does
            GET    | /api/v1/requests\\abc            | 400 | malformed-request
            GET    | /api/v1/requests/{id}            | 400 | malformed-request
            GET    | /api/v1/requests/a%zz            | 400 | malformed-request
            # Spring's own answers about what the gateway itself serves
            GET    | /api/v2/requests                 | 404 | http-404
            POST   | /actuator/health                 | 405 | http-405
            # actuator paths other than the probes: the actuator would answer an empty 404
            GET    | /actuator/health/nonexistent     | 403 | forbidden
            GET    | /actuator/env                    | 403 | forbidden
            """)
    void badTargetsAndMethodsGetAProblemAndReachNoService(String method, String target, int status, String type) {
        var answer = RawHttp.send(port, method + " " + target + " HTTP/1.1\r\n" + bearer());

        assertProblem(answer, status, type);
        if (status == 405) {
            assertThat(answer.header("Allow")).isNotBlank();
        }
    }

    @Test
    void aRequestLineAboveTheLimitGets414() {
        var answer = RawHttp.send(port, "GET /api/v1/requests?q=" + "a".repeat(5000) + " HTTP/1.1\r\n" + bearer());

        assertProblem(answer, 414, "http-414");
        assertThat(answer.header("Connection")).isEqualTo("close");
    }

    /** One header of 9000 bytes, or three of 3000 that are only too many together: the limit is on all of them. */
    @ParameterizedTest(name = "{0} header(s)")
    @ValueSource(ints = {1, 3})
    void headersAboveTheLimitGet431(int count) {
        var headers = new StringBuilder();
        for (int i = 0; i < count; i++) {
            headers.append("X-Padding-")
                    .append(i)
                    .append(": ")
                    .append("a".repeat(9000 / count))
                    .append("\r\n");
        }
        var answer = RawHttp.send(port, "GET /api/v1/requests HTTP/1.1\r\n" + headers + bearer());

        assertProblem(answer, 431, "http-431");
        assertThat(answer.header("Connection")).isEqualTo("close");
    }

    /**
     * Netty's decoder refuses control characters and broken header lines outright; what it lets through (obs-text such
     * as U+0085) the firewall refuses in the headers that are read by name, here while the request is being routed.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRequests")
    void malformedRequestsGetAProblem(String name, String request, String type) {
        assertProblem(RawHttp.send(port, request + "\r\n"), 400, type);
    }

    static Stream<Arguments> malformedRequests() {
        var get = "GET /api/v1/requests HTTP/1.1\r\n" + bearer();
        return Stream.of(
                arguments(
                        "a control character in the target",
                        "GET /api/v1/requests\u0001 HTTP/1.1\r\n" + bearer() + "X-Note: x",
                        "malformed-request"),
                arguments("NUL in a value", get + "X-Note: a\u0000b", "malformed-request"),
                arguments("SOH in a value", get + "X-Note: a\u0001b", "malformed-request"),
                arguments("DEL in a value", get + "X-Note: a\u007fb", "malformed-request"),
                arguments("a control character in a name", get + "X-Note\u0001: b", "malformed-request"),
                arguments("a space in a name", get + "X-Bad Name: b", "malformed-request"),
                arguments("a line without a colon", get + "no colon at all", "malformed-request"),
                arguments(
                        "U+0085 in the token",
                        "GET /api/v1/requests HTTP/1.1\r\nAuthorization: Bearer a\u0085b",
                        "request-rejected"),
                arguments("U+0085 in a request id", get + "X-Request-Id: abcdefgh\u0085", "request-rejected"));
    }

    @Test
    void anUnacceptableRepresentationGets406() {
        var answer = RawHttp.send(port, "GET /actuator/health HTTP/1.1\r\nAccept: application/xml\r\n");

        assertProblem(answer, 406, "http-406");
    }

    @Test
    void withoutATokenOrOutsideTheApiTheAnswerIsAProblemToo() {
        assertProblem(RawHttp.send(port, "GET /api/v1/requests HTTP/1.1\r\n"), 401, "unauthenticated");
        assertProblem(RawHttp.send(port, "GET /internal/v1/collections HTTP/1.1\r\n" + bearer()), 403, "forbidden");
    }

    private static String bearer() {
        return "Authorization: Bearer " + TOKEN + "\r\n";
    }

    private void assertProblem(RawHttp.Answer answer, int status, String type) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
        var problem = answer.json();
        assertThat(problem.get("type").asString()).isEqualTo("/problems/" + type);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(upstream.received).isEmpty();
    }

    private static FakeUpstream startUpstream() {
        try {
            return new FakeUpstream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
