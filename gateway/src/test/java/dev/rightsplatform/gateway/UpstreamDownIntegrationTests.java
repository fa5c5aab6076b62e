package dev.rightsplatform.gateway;

import dev.rightsplatform.testsupport.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The gateway in front of a service (rights-service, the portal) that is not running: 503 with {@code Retry-After}, at once. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UpstreamDownIntegrationTests {

    static final TestTokens tokens = TestTokens.get();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        TestWiring.routesAndTokens(
                registry, () -> "http://127.0.0.1:" + closedPort(), () -> "http://127.0.0.1:" + closedPort(), tokens);
        registry.add("gateway.rate-limits.enabled", () -> "false"); // counted in the rate-limit tests; no Redis here
    }

    @Test
    void aServiceThatIsNotRunningGets503WithRetryAfter() {
        var http = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(5))
                .build();
        http.post()
                .uri("/api/v1/requests")
                .headers(h -> h.setBearerAuth(tokens.subject("alice")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"type\":\"DEREGISTER\"}")
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .valueEquals(HttpHeaders.RETRY_AFTER, ProblemExceptionHandler.RETRY_AFTER_SECONDS)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/service-unavailable");
    }

    @Test
    void aPortalThatIsNotRunningGets503WithRetryAfterToo() {
        var http = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(5))
                .build();
        http.get()
                .uri("/requests")
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .valueEquals(HttpHeaders.RETRY_AFTER, ProblemExceptionHandler.RETRY_AFTER_SECONDS)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/service-unavailable");
    }

    private static int closedPort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
