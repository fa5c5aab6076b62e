package dev.rightsplatform.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.testsupport.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The gateway in front of a service that hangs, hangs up or does not speak HTTP: a problem each time, in good time. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UpstreamFailureIntegrationTests {

    static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(1);
    static final TestTokens tokens = TestTokens.get();
    static final MisbehavingUpstream upstream = startUpstream();

    @LocalServerPort
    int port;

    WebTestClient http;

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        TestWiring.routesAndTokens(registry, upstream::uri, upstream::uri, tokens);
        registry.add("gateway.rate-limits.enabled", () -> "false"); // counted in the rate-limit tests; no Redis here
        registry.add("spring.cloud.gateway.server.webflux.httpclient.response-timeout", RESPONSE_TIMEOUT::toString);
    }

    @BeforeEach
    void setUp() {
        upstream.received.clear();
        http = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(10))
                .build();
    }

    @AfterAll
    static void stopUpstream() throws IOException {
        upstream.close();
    }

    @Test
    void aHungServiceGets504WhenTheResponseTimeoutIsUp() {
        var started = System.nanoTime();
        http.get()
                .uri("/api/v1/hang")
                .headers(h -> h.setBearerAuth(tokens.subject("alice")))
                .exchange()
                .expectStatus()
                .isEqualTo(504)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .exists("X-Request-Id")
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/gateway-timeout");
        var waited = Duration.ofNanos(System.nanoTime() - started);

        assertThat(waited).isBetween(RESPONSE_TIMEOUT, RESPONSE_TIMEOUT.plusSeconds(3));
        assertThat(upstream.received).containsExactly("GET /api/v1/hang HTTP/1.1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/hang-up", "/api/v1/garbage"})
    void aServiceThatGivesNoHttpAnswerGets502(String path) {
        http.get()
                .uri(path)
                .headers(h -> h.setBearerAuth(tokens.subject("alice")))
                .exchange()
                .expectStatus()
                .isEqualTo(502)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/bad-gateway");
        assertThat(upstream.received).isNotEmpty();
    }

    /** The portal's pages get the same problems: a browser shows them as they are, which beats waiting for ever. */
    @ParameterizedTest
    @CsvSource({"/hang, 504, gateway-timeout", "/hang-up, 502, bad-gateway", "/garbage, 502, bad-gateway"})
    void aPortalThatFailsGetsTheSameProblems(String path, int status, String type) {
        http.get()
                .uri(path)
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/" + type);
        assertThat(upstream.received).containsExactly("GET " + path + " HTTP/1.1");
    }

    private static MisbehavingUpstream startUpstream() {
        try {
            return new MisbehavingUpstream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
