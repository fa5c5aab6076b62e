package dev.rightsplatform.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.testsupport.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
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
                http.write(new Call("GET", "/api/v1/requests", token, null).raw(port)
                        + new Call("GET", "/api/v1/requests/some-id", null, null).raw(port));
                assertThat(http.next().status()).isEqualTo(200);
                assertThat(http.next().status()).isEqualTo(401);

                http.write(new Call("POST", "/api/v1/requests", null, BODY).raw(port));
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
        var calls = List.of(
                new Call("GET", "/api/v1/requests/some-id", null, null),
                new Call("POST", "/api/v1/requests", null, BODY),
                new Call("GET", "/api/v1/requests", token, null),
                new Call("POST", "/api/v1/requests", token, BODY));
        var unanswered = new ArrayList<String>();
        for (int round = 0; round < 150; round++) {
            for (var call : calls) {
                try {
                    var status = client.send(call.request(port), HttpResponse.BodyHandlers.discarding())
                            .statusCode();
                    assertThat(status).isEqualTo(call.token() == null ? 401 : 200);
                } catch (HttpTimeoutException e) {
                    unanswered.add("round " + round + ": " + call);
                }
            }
        }
        assertThat(unanswered).isEmpty();
    }

    /** A call to the gateway, without a token (refused by the gateway) or with one (passed on), with a JSON body or none. */
    private record Call(
            String method,
            String path,
            @Nullable String token,
            @Nullable String body) {

        HttpRequest request(int port) {
            var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(ANSWER_WITHIN)
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(body));
            if (token != null) {
                builder.header("Authorization", "Bearer " + token);
            }
            if (body != null) {
                builder.header("Content-Type", "application/json");
            }
            return builder.build();
        }

        /** The same call as the bytes on the wire, for {@link RawHttp.KeepAlive}. */
        String raw(int port) {
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

        @Override
        public String toString() {
            return method + " " + path + (token == null ? "" : " with a token");
        }
    }

    private static FakeUpstream startUpstream() {
        try {
            return new FakeUpstream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
