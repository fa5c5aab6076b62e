package dev.rightsplatform.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.gateway.FakeUpstream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** With Redis gone the gateway fails open: calls are routed uncounted rather than refused. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RateLimitWithoutRedisIntegrationTests {

    static final TokenIssuer tokens = new TokenIssuer();
    static final FakeUpstream upstream = startUpstream();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        registry.add("gateway.routes.rights-service", upstream::uri);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> TokenIssuer.ISSUER);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", tokens::jwkSetUri);
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", RateLimitWithoutRedisIntegrationTests::closedPort);
        registry.add("gateway.rate-limits.person.replenish-rate", () -> "1");
        registry.add("gateway.rate-limits.person.replenish-period", () -> "1h");
        registry.add("gateway.rate-limits.person.burst-capacity", () -> "1");
    }

    @AfterAll
    static void stop() {
        upstream.close();
        tokens.close();
    }

    @Test
    void callsBeyondTheLimitStillReachTheServiceUncounted() {
        var http = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(10))
                .build();
        var token = tokens.person("during-an-outage");
        for (int i = 0; i < 3; i++) {
            http.get()
                    .uri("/api/v1/requests")
                    .headers(h -> h.setBearerAuth(token))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .doesNotExist("X-RateLimit-Remaining");
        }
        assertThat(upstream.received).hasSize(3);
        // Redis is not part of being ready: the gateway serves without it
        http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
    }

    private static int closedPort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
