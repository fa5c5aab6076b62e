package dev.rightsplatform.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.gateway.ratelimit.TestRedis;
import dev.rightsplatform.testsupport.TestTokens;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway's metrics are served on a port of their own ({@link MetricsServer}), never on the public one: there
 * {@code /actuator/prometheus} is refused like every actuator path but the probes. A rate-limit refusal is counted
 * by caller kind.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "gateway.rate-limits.anonymous.replenish-rate=1",
            "gateway.rate-limits.anonymous.replenish-period=1h",
            "gateway.rate-limits.anonymous.burst-capacity=1"
        })
class GatewayMetricsIntegrationTests {

    static final TestTokens tokens = TestTokens.get();
    static final FakeUpstream api = start();
    static final FakeUpstream portal = start();
    static final String RATE_LIMIT_PREFIX = TestRedis.uniquePrefix();

    @LocalServerPort
    int port;

    @Autowired
    MetricsServer metricsServer;

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        TestWiring.routesAndTokens(registry, api::uri, portal::uri, tokens);
        registry.add("gateway.rate-limits.key-prefix", () -> RATE_LIMIT_PREFIX);
    }

    @AfterAll
    static void stopUpstreams() {
        api.close();
        portal.close();
        try (var redis = new TestRedis()) {
            redis.deleteKeys(RATE_LIMIT_PREFIX);
        }
    }

    @Test
    void thePublicPortRefusesPrometheusAndNothingIsRouted() {
        api.received.clear();
        portal.received.clear();
        var http = client(port);
        http.get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .value(status -> assertThat(status).isIn(401, 403));
        http.get()
                .uri("/actuator/prometheus")
                .headers(h -> h.setBearerAuth(tokens.subject("alice")))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(api.received).isEmpty();
        assertThat(portal.received).isEmpty();
    }

    @Test
    void theMetricsPortShowsRateLimitRefusalsByCallerKind() {
        var http = client(port);
        for (int i = 0; i < 2; i++) {
            http.post()
                    .uri("/api/v1/public/requests")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{}")
                    .exchange();
        }
        assertThat(metricsServer.port()).isPositive().isNotEqualTo(port);
        var scrape = client(metricsServer.port())
                .get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(scrape)
                .containsPattern("gateway_rate_limit_total\\{application=\"gateway\",caller=\"anonymous\","
                        + "outcome=\"limited\"} [1-9]")
                .contains("http_server_requests_seconds_count{", "jvm_memory_used_bytes{")
                // left out for their cost per call (application.yml, management.observations): Spring Security's
                // observations and the long-task timer beside every observation
                .doesNotContain("spring_security_", "_active_seconds");
        client(metricsServer.port())
                .get()
                .uri("/actuator/health")
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    private static FakeUpstream start() {
        try {
            return new FakeUpstream();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static WebTestClient client(int port) {
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(10))
                .build();
    }
}
