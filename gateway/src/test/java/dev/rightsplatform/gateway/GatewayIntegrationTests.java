package dev.rightsplatform.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.gateway.ratelimit.TestRedis;
import dev.rightsplatform.security.VerifiedTokenCache;
import dev.rightsplatform.security.VerifiedTokenCacheAutoConfiguration;
import dev.rightsplatform.testsupport.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The gateway in front of an in-process fake upstream: what it lets through, what it refuses, what it adds. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayIntegrationTests {

    static final TestTokens tokens = TestTokens.get();
    static final FakeUpstream upstream = startUpstream();
    static final String RATE_LIMIT_PREFIX = TestRedis.uniquePrefix();

    @LocalServerPort
    int port;

    WebTestClient http;

    @Autowired
    ReactiveJwtDecoder decoder;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        registry.add("gateway.routes.rights-service", upstream::uri);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> TestTokens.ISSUER);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", tokens::jwkSetUri);
        // rate limits count in the real Redis, under a prefix of this run (deleted afterwards)
        registry.add("gateway.rate-limits.key-prefix", () -> RATE_LIMIT_PREFIX);
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
    static void stopUpstream() {
        upstream.close();
        try (var redis = new TestRedis()) {
            redis.deleteKeys(RATE_LIMIT_PREFIX);
        }
    }

    @Test
    void aValidTokenIsRoutedWithTheTokenAndARequestId() {
        var token = tokens.subject("alice");
        http.post()
                .uri("/api/v1/requests")
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"type\":\"DEREGISTER\"}")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .exists("X-Request-Id")
                .expectHeader()
                .valueEquals("X-Content-Type-Options", "nosniff");
        assertThat(upstream.received).singleElement().satisfies(call -> {
            assertThat(call.path()).isEqualTo("/api/v1/requests");
            assertThat(call.headers().get("Authorization")).containsExactly("Bearer " + token);
            assertThat(call.headers().get("X-request-id")).hasSize(1);
            assertThat(call.body()).isEqualTo("{\"type\":\"DEREGISTER\"}");
        });
    }

    @Test
    void aCallersOwnSafeRequestIdIsKeptAndAnUnsafeOneReplaced() {
        var token = tokens.subject("alice");
        http.get()
                .uri("/api/v1/requests")
                .headers(h -> {
                    h.setBearerAuth(token);
                    h.set("X-Request-Id", "trace-12345678");
                })
                .exchange()
                .expectHeader()
                .valueEquals("X-Request-Id", "trace-12345678");
        http.get()
                .uri("/api/v1/requests")
                .headers(h -> {
                    h.setBearerAuth(token);
                    h.set("X-Request-Id", "alice@example.com <script>");
                })
                .exchange()
                .expectHeader()
                .value("X-Request-Id", id -> assertThat(id).doesNotContain("alice"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "garbage", "expired", "forged", "wrongAudience", "wrongIssuer"})
    void withoutAValidTokenNothingIsRouted(String kind) {
        var token = switch (kind) {
            case "none" -> null;
            case "garbage" -> "not.a.jwt";
            case "expired" -> tokens.expired("alice");
            case "forged" -> tokens.forged("alice");
            case "wrongAudience" -> tokens.wrongAudience("alice");
            default -> tokens.wrongIssuer("alice");
        };
        http.post()
                .uri("/api/v1/requests")
                .headers(h -> {
                    if (token != null) {
                        h.setBearerAuth(token);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"type\":\"DEREGISTER\"}")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/unauthenticated");
        assertThat(upstream.received).isEmpty();
    }

    @Test
    void aRepeatedTokenIsVerifiedOnceAndTheCacheCountsIt() {
        var token = tokens.subject("carol");
        double hits = tokenCacheGets("hit");
        double misses = tokenCacheGets("miss");

        for (int i = 0; i < 3; i++) {
            http.get()
                    .uri("/api/v1/requests")
                    .headers(h -> h.setBearerAuth(token))
                    .exchange()
                    .expectStatus()
                    .value(status -> assertThat(status).isNotEqualTo(401));
        }

        assertThat(tokenCacheGets("miss") - misses).isEqualTo(1); // verified by the decoder once
        assertThat(tokenCacheGets("hit") - hits).isEqualTo(2);
    }

    private double tokenCacheGets(String result) {
        return meters.get("cache.gets")
                .tag("cache", VerifiedTokenCacheAutoConfiguration.CACHE_NAME)
                .tag("result", result)
                .functionCounter()
                .count();
    }

    @Test
    void tokensAreCheckedByBootsDecoderBehindTheVerifiedTokenCache() {
        // a repeated token skips the signature check; what is refused above is refused by Boot's decoder itself
        assertThat(decoder)
                .isInstanceOfSatisfying(
                        VerifiedTokenCache.class,
                        cache -> assertThat(cache.decoder()).isInstanceOf(NimbusReactiveJwtDecoder.class));
    }

    @Test
    void aHugeBodyIsRefusedBeforeItReachesAService() {
        http.post()
                .uri("/api/v1/requests")
                .headers(h -> h.setBearerAuth(tokens.subject("alice")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"type\":\"" + "x".repeat(100_000) + "\"}")
                .exchange()
                .expectStatus()
                .isEqualTo(413)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/payload-too-large");
        assertThat(upstream.received).isEmpty();
    }

    @Test
    void aHugeChunkedBodyIsRefusedToo() {
        var chunks = reactor.core.publisher.Flux.range(0, 100)
                .map(i -> org.springframework.core.io.buffer.DefaultDataBufferFactory.sharedInstance.wrap(
                        ("x".repeat(1000)).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        http.post()
                .uri("/api/v1/requests")
                .headers(h -> h.setBearerAuth(tokens.subject("alice")))
                .contentType(MediaType.APPLICATION_JSON)
                .body(chunks, org.springframework.core.io.buffer.DataBuffer.class)
                .exchange()
                .expectStatus()
                .isEqualTo(413)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/payload-too-large");
        assertThat(upstream.received)
                .allSatisfy(call -> assertThat(call.body().length()).isLessThanOrEqualTo(64 * 1024));
    }

    @Test
    void pathsOutsideTheApiAreNotServed() {
        http.get()
                .uri("/internal/anything")
                .headers(h -> h.setBearerAuth(tokens.subject("alice")))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(upstream.received).isEmpty();
    }

    @Test
    void theApiDescriptionAndDueDatePreviewsArePublic() {
        http.get().uri("/api/v1/openapi").exchange().expectStatus().isOk();
        http.get()
                .uri("/api/v1/deadlines?jurisdiction=CN&type=DEREGISTER")
                .exchange()
                .expectStatus()
                .isOk();
        http.post().uri("/api/v1/deadlines").exchange().expectStatus().isUnauthorized();
        assertThat(upstream.received)
                .extracting(FakeUpstream.Received::path)
                .containsExactly("/api/v1/openapi", "/api/v1/deadlines");
    }

    @Test
    void theConsentCatalogueIsPublicButAPersonsConsentsAreNot() {
        http.get().uri("/api/v1/consents/purposes").exchange().expectStatus().isOk();
        http.get().uri("/api/v1/consents").exchange().expectStatus().isUnauthorized();
        http.get().uri("/api/v1/consents/history").exchange().expectStatus().isUnauthorized();
        http.post().uri("/api/v1/consents/purposes").exchange().expectStatus().isUnauthorized();
        assertThat(upstream.received)
                .extracting(FakeUpstream.Received::path)
                .containsExactly("/api/v1/consents/purposes");
    }

    @Test
    void thePartnerApiIsRoutedWithATokenAndItsDiscoveryIsPublic() {
        http.get().uri("/opendsr/v2/discovery").exchange().expectStatus().isOk();
        http.get()
                .uri("/opendsr/v2/processor-certificate")
                .exchange()
                .expectStatus()
                .isOk();
        http.post()
                .uri("/opendsr/v2/requests")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        http.post()
                .uri("/opendsr/v2/requests")
                .headers(h -> h.setBearerAuth(tokens.withRoles("partner-demo", "partner")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .isOk();
        http.get()
                .uri("/opendsr/v3/discovery")
                .headers(h -> h.setBearerAuth(tokens.withRoles("partner-demo", "partner")))
                .exchange()
                .expectStatus()
                .isForbidden();
        assertThat(upstream.received)
                .extracting(FakeUpstream.Received::path)
                .containsExactly("/opendsr/v2/discovery", "/opendsr/v2/processor-certificate", "/opendsr/v2/requests");
    }

    @Test
    void healthIsPublic() {
        http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
    }

    private static FakeUpstream startUpstream() {
        try {
            return new FakeUpstream();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
