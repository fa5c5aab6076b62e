package dev.rightsplatform.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Prometheus scrapes the portal's port directly; a request that came through the gateway (it carries the gateway's
 * X-Request-Id) gets no metrics, only what any page without a session gets.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.security.oauth2.client.registration.keycloak.client-secret=portal-dev-client-secret-0123456789",
            "spring.session.data.redis.namespace=portal-test:session"
        })
@ActiveProfiles("dev")
class PortalMetricsIntegrationTests {

    static final FakeRightsService api = new FakeRightsService();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void rightsService(DynamicPropertyRegistry registry) {
        registry.add("portal.api-url", api::baseUrl);
    }

    @AfterAll
    static void cleanUp() {
        api.close();
    }

    @Test
    void aDirectScrapeGetsMetricsAndOneThroughTheGatewayDoesNot() {
        var http = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(10))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                .build();
        http.get().uri("/assets/portal.css").exchange().expectStatus().isOk();

        var scrape = http.get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(scrape)
                .contains("http_server_requests_seconds_count{application=\"portal\"", "jvm_memory_used_bytes{")
                // left out for their cost per call (application.yml, management.observations): Spring Security's
                // observations and the long-task timer beside every observation
                .doesNotContain("spring_security_", "_active_seconds");

        var throughGateway = http.get()
                .uri("/actuator/prometheus")
                .header("X-Request-Id", "0123456789abcdef")
                .header("X-Forwarded-Host", "127.0.0.1:8080")
                .exchange()
                .expectBody(String.class)
                .returnResult();
        assertThat(throughGateway.getStatus().value()).isNotEqualTo(200);
        assertThat(String.valueOf(throughGateway.getResponseBody())).doesNotContain("jvm_memory");
        http.get()
                .uri("/actuator/env")
                .exchange()
                .expectStatus()
                .value(status -> assertThat(status).isNotEqualTo(200));
    }
}
