package dev.rightsplatform.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.testsupport.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every request on a keep-alive connection is answered, however quickly it follows the one before. Reactor Netty up to
 * 1.3.7 stopped reading a connection when a request arrived before the previous request's operations had ended
 * and it was answered at once (reactor-netty #4347, #4361): the next request on that connection waited
 * until the caller gave up. Refusals the gateway answers itself (401 without a token) are answered at once, so a
 * client that reuses its connections (the JDK's, the browsers') met it: one call in a few hundred timed out in the
 * system tests. The root pom pins a Reactor Netty with the fix; these tests fail on the one Boot 4.0.7 brings.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KeepAliveIntegrationTests {

    static final TestTokens tokens = TestTokens.get();
    static final FakeUpstream upstream = startUpstream();
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(5);
    static final String BODY = "{\"type\":\"DEREGISTER\"}";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        TestWiring.routesAndTokens(registry, upstream::uri, upstream::uri, tokens);
        registry.add("gateway.rate-limits.enabled", () -> "false"); // hundreds of calls from one caller; no Redis here
    }

    @AfterAll
    static void stopUpstream() {
        upstream.close();
    }

    /**
     * The exact case: a call passed on to the service and, in the same write, a refusal the gateway answers itself, so
     * the refusal waits (buffered) until the first call is answered; then, once both answers are read, a third request.
     * Before the fix every such connection stopped reading after the refusal, and the third request was never answered.
     */
    @Test
    void aRequestAfterAPipelinedRefusalIsAnswered() throws IOException {
        var token = tokens.subject("alice");
        for (int connection = 0; connection < 10; connection++) {
            try (var http = new RawHttp.KeepAlive(port, ANSWER_WITHIN)) {
                http.write(request("GET", "/api/v1/requests", token, null)
                        + request("GET", "/api/v1/requests/some-id", null, null));
                assertThat(http.next().status()).isEqualTo(200);
                assertThat(http.next().status()).isEqualTo(401);

                http.write(request("POST", "/api/v1/requests", null, BODY));
                assertThat(http.next().status()).as("connection %d", connection).isEqualTo(401);
            }
        }
    }

    /**
     * What the system tests do, at volume: one JDK client (which keeps its connections) alternating refusals answered
     * by the gateway with calls passed on to the service. Every call must be answered in time.
     */
    @Test
    void hundredsOfCallsOnReusedConnectionsAreAllAnswered() throws Exception {
        var client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(ANSWER_WITHIN)
                .build();
        var token = tokens.subject("alice");
        var unanswered = new ArrayList<String>();
        for (int round = 0; round < 150; round++) {
            for (var call : new String[][] {
                {"GET", "/api/v1/requests/some-id", null, null},
                {"POST", "/api/v1/requests", null, BODY},
                {"GET", "/api/v1/requests", token, null},
                {"POST", "/api/v1/requests", token, BODY}
            }) {
                var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + call[1]))
                        .timeout(ANSWER_WITHIN)
                        .method(
                                call[0],
                                call[3] == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(call[3]));
                if (call[2] != null) {
                    builder.header("Authorization", "Bearer " + call[2]);
                }
                if (call[3] != null) {
                    builder.header("Content-Type", "application/json");
                }
                try {
                    var status = client.send(builder.build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode();
                    assertThat(status).isEqualTo(call[2] == null ? 401 : 200);
                } catch (java.net.http.HttpTimeoutException e) {
                    unanswered.add("round " + round + ": " + call[0] + " " + call[1]
                            + (call[2] == null ? "" : " with a token"));
                }
            }
        }
        assertThat(unanswered).isEmpty();
    }

    private String request(String method, String path, String token, String body) {
        var request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n");
        if (token != null) {
            request.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        if (body != null) {
            request.append("Content-Type: application/json\r\nContent-Length: ")
                    .append(body.length())
                    .append("\r\n");
        }
        return request.append("\r\n").append(body == null ? "" : body).toString();
    }

    private static FakeUpstream startUpstream() {
        try {
            return new FakeUpstream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
