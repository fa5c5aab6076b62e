package dev.rightsplatform.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.gateway.ratelimit.TestRedis;
import dev.rightsplatform.testsupport.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway in front of two fake upstreams, rights-service and the portal: every path outside the API reaches the
 * portal without a token, with the caller's cookies and the gateway's forwarded headers, and the portal's answer comes
 * back as it was sent; the API keeps its routes and its token checks.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PortalRouteIntegrationTests {

    static final TestTokens tokens = TestTokens.get();
    static final FakeUpstream api = start();
    static final FakeUpstream portal = start();
    static final String RATE_LIMIT_PREFIX = TestRedis.uniquePrefix();

    /** What a portal page answers: HTML, two cookies, security headers of its own. */
    static final FakeUpstream.Answer PAGE = new FakeUpstream.Answer(
            200,
            "text/html;charset=UTF-8",
            Map.of(
                    "Set-Cookie",
                            List.of("SESSION=c2Vzc2lvbg; Path=/; HttpOnly; SameSite=Lax", "XSRF-TOKEN=abc123; Path=/"),
                    "Content-Security-Policy", List.of("default-src 'self'; form-action 'self' http://127.0.0.1:8180"),
                    "X-Frame-Options", List.of("SAMEORIGIN"),
                    "Cache-Control", List.of("no-store")),
            "<!doctype html><html lang=\"en\"><title>Your privacy</title><p>Hello</p></html>");

    @LocalServerPort
    int port;

    WebTestClient http;

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        TestWiring.routesAndTokens(registry, api::uri, portal::uri, tokens);
        registry.add("gateway.rate-limits.key-prefix", () -> RATE_LIMIT_PREFIX);
    }

    @BeforeEach
    void setUp() {
        api.received.clear();
        portal.received.clear();
        portal.answer = PAGE;
        http = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(10))
                .build();
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
    void aPageReachesThePortalWithItsCookiesAndTheGatewaysForwardedHeaders() {
        var result = http.get()
                .uri("/requests/42?tab=history")
                .headers(h -> {
                    h.set(HttpHeaders.COOKIE, "SESSION=c2Vzc2lvbg; XSRF-TOKEN=abc123");
                    h.set(HttpHeaders.ACCEPT, MediaType.TEXT_HTML_VALUE);
                    // what a caller claims about the address it used never reaches the portal
                    h.set("X-Forwarded-Host", "evil.example");
                    h.set("X-Forwarded-Proto", "https");
                    h.set("X-Forwarded-Port", "443");
                    h.set("X-Forwarded-Prefix", "/evil");
                    h.set("X-Forwarded-Ssl", "on");
                    h.set("Forwarded", "host=evil.example;proto=https");
                })
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult();

        var headers = result.getResponseHeaders();
        assertThat(result.getResponseBody()).isEqualTo(PAGE.body());
        assertThat(headers.getContentType()).isEqualTo(MediaType.parseMediaType("text/html;charset=UTF-8"));
        assertThat(headers.get(HttpHeaders.SET_COOKIE))
                .containsExactly("SESSION=c2Vzc2lvbg; Path=/; HttpOnly; SameSite=Lax", "XSRF-TOKEN=abc123; Path=/");
        // the portal's own security headers win, none doubled; the gateway adds only what the page did not set
        assertThat(headers.get("Content-Security-Policy"))
                .containsExactly(PAGE.headers().get("Content-Security-Policy").get(0));
        assertThat(headers.get("X-Frame-Options")).containsExactly("SAMEORIGIN");
        assertThat(headers.get(HttpHeaders.CACHE_CONTROL)).containsExactly("no-store");
        assertThat(headers.get("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(headers.getFirst("X-Request-Id")).isNotBlank();
        assertThat(headers.containsHeader("X-RateLimit-Remaining"))
                .as("pages are not counted")
                .isFalse();

        assertThat(api.received).isEmpty();
        assertThat(portal.received).singleElement().satisfies(call -> {
            assertThat(call.method()).isEqualTo("GET");
            assertThat(call.path()).isEqualTo("/requests/42");
            assertThat(call.headers().get("Cookie")).containsExactly("SESSION=c2Vzc2lvbg; XSRF-TOKEN=abc123");
            assertThat(call.headers().get("X-forwarded-host")).containsExactly("127.0.0.1:" + port);
            assertThat(call.headers().get("X-forwarded-proto")).containsExactly("http");
            assertThat(call.headers().get("X-forwarded-port")).containsExactly(String.valueOf(port));
            assertThat(call.headers().get("X-forwarded-for")).containsExactly("127.0.0.1");
            assertThat(call.headers()).doesNotContainKeys("X-forwarded-prefix", "X-forwarded-ssl", "Forwarded");
            assertThat(call.headers().get("X-request-id")).hasSize(1);
        });
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/",
                "/consents",
                "/without-account/start",
                "/receipts/r-1",
                "/login",
                "/oauth2/authorization/keycloak",
                "/login/oauth2/code/keycloak?code=abc&state=xyz",
                "/assets/app.js",
                "/brand.css",
                "/favicon.ico",
                "/error",
                "/apix",
                "/opendsrx",
                "/actuatorial"
            })
    void everyPathOutsideTheApiIsThePortalsWithoutAToken(String target) {
        http.get().uri(target).exchange().expectStatus().isOk();
        assertThat(portal.received)
                .singleElement()
                .satisfies(call -> assertThat(target).startsWith(call.path()));
        assertThat(api.received).isEmpty();
    }

    @Test
    void thePortalsFormsAndLogoutAreItsOwnCsrfIncluded() {
        portal.answer = new FakeUpstream.Answer(
                302,
                "text/plain",
                Map.of(
                        "Location",
                                List.of(
                                        "http://127.0.0.1:8180/realms/rights/protocol/openid-connect/logout?client_id=rights-portal"),
                        "Set-Cookie", List.of("SESSION=; Path=/; Max-Age=0")),
                "");
        http.post()
                .uri("/logout")
                .header(HttpHeaders.COOKIE, "SESSION=c2Vzc2lvbg")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("_csrf=abc123")
                .exchange()
                .expectStatus()
                .isFound()
                .expectHeader()
                .valueEquals(
                        HttpHeaders.LOCATION,
                        portal.answer.headers().get("Location").get(0))
                .expectHeader()
                .valueEquals(HttpHeaders.SET_COOKIE, "SESSION=; Path=/; Max-Age=0");
        assertThat(portal.received).singleElement().satisfies(call -> {
            assertThat(call.method()).isEqualTo("POST");
            assertThat(call.path()).isEqualTo("/logout");
            assertThat(call.body()).isEqualTo("_csrf=abc123");
        });
    }

    /** WebFlux' own session handling would expire a SESSION cookie it does not know; the gateway keeps none. */
    @Test
    void theGatewaySetsNoCookieOfItsOwn() {
        portal.answer = new FakeUpstream.Answer(200, "text/html;charset=UTF-8", Map.of(), "<p>ok</p>");
        http.get()
                .uri("/requests?continue")
                .header(HttpHeaders.COOKIE, "SESSION=unknown-to-the-gateway")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .doesNotExist(HttpHeaders.SET_COOKIE);
        http.get()
                .uri("/api/v1/consents/purposes?continue")
                .header(HttpHeaders.COOKIE, "SESSION=unknown-to-the-gateway")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .doesNotExist(HttpHeaders.SET_COOKIE);
    }

    @Test
    void thePortalsAnswersPassThroughErrorsIncluded() {
        portal.answer = new FakeUpstream.Answer(404, "text/html;charset=UTF-8", Map.of(), "<h1>Not found</h1>");
        http.get()
                .uri("/nothing-here")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType("text/html;charset=UTF-8")
                .expectBody(String.class)
                .isEqualTo("<h1>Not found</h1>");
    }

    @Test
    void aHugeFormIsRefusedBeforeItReachesThePortal() {
        http.post()
                .uri("/requests")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("type=ACCESS&note=" + "x".repeat(100_000))
                .exchange()
                .expectStatus()
                .isEqualTo(413)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/payload-too-large");
        assertThat(portal.received).isEmpty();
    }

    @Test
    void theApiKeepsItsRoutesAndItsTokenChecks() {
        http.get()
                .uri("/api/v1/requests")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.get()
                .uri("/api/v1/requests")
                .header(HttpHeaders.COOKIE, "SESSION=c2Vzc2lvbg")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        http.post()
                .uri("/opendsr/v2/requests")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        http.get()
                .uri("/api/v1/requests")
                .headers(h -> h.setBearerAuth(tokens.subject("alice")))
                .exchange()
                .expectStatus()
                .isOk();
        // an API path that no route serves is the gateway's 404, never a portal page
        http.get()
                .uri("/api/v2/requests")
                .headers(h -> h.setBearerAuth(tokens.subject("alice")))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(api.received).extracting(FakeUpstream.Received::path).containsExactly("/api/v1/requests");
        assertThat(portal.received).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/actuator/env",
                "/actuator/health/nonexistent",
                "/opendsr/v3/discovery",
                "/internal/v1/collections"
            })
    void whatNeitherServesStaysForbidden(String path) {
        http.get()
                .uri(path)
                .headers(h -> h.setBearerAuth(tokens.subject("alice")))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.get()
                .uri(path)
                .exchange()
                .expectStatus()
                .value(status -> assertThat(status).isIn(401, 403));
        assertThat(portal.received).isEmpty();
        assertThat(api.received).isEmpty();
    }

    @Test
    void aSignedReceiptIsFetchedWithoutATokenButNothingElseOfItsPath() {
        http.get()
                .uri("/api/v1/receipts/r-1?token=capability")
                .exchange()
                .expectStatus()
                .isOk();
        http.get()
                .uri("/api/v1/receipts/r-1/pdf?token=capability")
                .exchange()
                .expectStatus()
                .isOk();
        http.post().uri("/api/v1/receipts/r-1").exchange().expectStatus().isUnauthorized();
        http.delete().uri("/api/v1/receipts/r-1").exchange().expectStatus().isUnauthorized();
        assertThat(api.received)
                .extracting(FakeUpstream.Received::path)
                .containsExactly("/api/v1/receipts/r-1", "/api/v1/receipts/r-1/pdf");
        assertThat(portal.received).isEmpty();
    }

    @Test
    void theProbesStayTheGatewaysOwn() {
        http.get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
        assertThat(portal.received).isEmpty();
    }

    private static FakeUpstream start() {
        try {
            return new FakeUpstream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
