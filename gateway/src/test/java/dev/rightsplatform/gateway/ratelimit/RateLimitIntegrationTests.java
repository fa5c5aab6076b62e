package dev.rightsplatform.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.gateway.FakeUpstream;
import dev.rightsplatform.gateway.GatewayApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;

/**
 * Two gateway instances (two application contexts, each on its own port) in front of one fake upstream, counting in
 * the machine's real Redis under a key prefix of this run (and a fake portal). Limits are per hour here, so nothing
 * refills during a test: person 3, partner 5, anonymous 2 at once.
 */
class RateLimitIntegrationTests {

    static final String PREFIX = TestRedis.uniquePrefix();
    static final TokenIssuer tokens = new TokenIssuer();
    static final FakeUpstream upstream = startUpstream();
    static final FakeUpstream portal = startUpstream();
    static final TestRedis redis = new TestRedis();
    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;

    @BeforeAll
    static void startTwoGateways() {
        first = startGateway();
        second = startGateway();
    }

    @AfterAll
    static void stopEverything() {
        try (redis;
                tokens;
                upstream;
                portal) {
            for (var gateway : new ConfigurableApplicationContext[] {first, second}) {
                if (gateway != null) {
                    gateway.close();
                }
            }
            redis.deleteKeys(PREFIX);
        }
    }

    @BeforeEach
    void forgetCalls() {
        upstream.received.clear();
        portal.received.clear();
    }

    @Test
    void aBurstBeyondAPersonsLimitGets429WithRetryAfterAndNeverReachesTheService() {
        var token = tokens.person("burst-person");
        var answers = new ArrayList<EntityExchangeResult<byte[]>>();
        for (int i = 0; i < 5; i++) {
            answers.add(get(first, token));
        }

        assertThat(answers).extracting(answer -> answer.getStatus().value()).containsExactly(200, 200, 200, 429, 429);
        assertThat(answers.subList(0, 3))
                .extracting(answer -> answer.getResponseHeaders().getFirst("X-RateLimit-Remaining"))
                .containsExactly("2", "1", "0");
        assertThat(answers.subList(3, 5)).allSatisfy(refused -> {
            var headers = refused.getResponseHeaders();
            assertThat(headers.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(Long.parseLong(headers.getFirst(HttpHeaders.RETRY_AFTER)))
                    .isBetween(1L, 3600L);
            assertThat(headers.getFirst("X-Request-Id")).isNotBlank();
            assertThat(new String(refused.getResponseBodyContent()))
                    .contains("\"type\":\"/problems/rate-limited\"", "\"status\":429");
        });
        assertThat(upstream.received).hasSize(3);
    }

    @Test
    void eachPersonHasABudgetOfTheirOwn() {
        var exhausted = tokens.person("person-one");
        for (int i = 0; i < 3; i++) {
            assertThat(status(get(first, exhausted))).isEqualTo(200);
        }
        assertThat(status(get(first, exhausted))).isEqualTo(429);

        var other = tokens.person("person-two");
        for (int i = 0; i < 3; i++) {
            assertThat(status(get(first, other))).isEqualTo(200);
        }
    }

    @Test
    void aPartnerIsLimitedPerClientWhicheverTokenItShows() {
        var statuses = new ArrayList<Integer>();
        for (int i = 0; i < 3; i++) {
            statuses.add(status(get(first, tokens.partner("partner-a", "service-account-1"))));
        }
        for (int i = 0; i < 3; i++) {
            statuses.add(status(get(first, tokens.partner("partner-a", "service-account-2"))));
        }
        assertThat(statuses).containsExactly(200, 200, 200, 200, 200, 429);

        // another client has its own budget, and a person signed in through partner-a's client is not a partner
        assertThat(status(get(first, tokens.partner("partner-b", "service-account-3"))))
                .isEqualTo(200);
        assertThat(status(get(first, tokens.personVia("someone", "partner-a")))).isEqualTo(200);
        assertThat(upstream.received).hasSize(7);
    }

    @Test
    void anonymousPublicCallsAreLimitedPerClientAddress() {
        var statuses = new ArrayList<Integer>();
        for (int i = 0; i < 3; i++) {
            statuses.add(status(postPublic(first, "127.0.0.2", headers -> {})));
        }
        assertThat(statuses).containsExactly(200, 200, 429);
        assertThat(status(postPublic(first, "127.0.0.3", headers -> {}))).isEqualTo(200);
        assertThat(upstream.received).hasSize(3);
    }

    @Test
    void aForgedForwardedForHeaderBuysNoFreshBudget() {
        var statuses = new ArrayList<Integer>();
        for (int i = 0; i < 3; i++) {
            var forged = "203.0.113." + (10 + i);
            statuses.add(status(postPublic(first, "127.0.0.4", headers -> headers.set("X-Forwarded-For", forged))));
        }
        assertThat(statuses).containsExactly(200, 200, 429);
    }

    @Test
    void aSecondInstanceSharesTheCount() {
        var token = tokens.person("shared-person");
        var statuses = List.of(
                status(get(first, token)),
                status(get(second, token)),
                status(get(first, token)),
                status(get(second, token)),
                status(get(first, token)));
        assertThat(statuses).containsExactly(200, 200, 200, 429, 429);

        var anonymous = List.of(
                status(postPublic(second, "127.0.0.5", headers -> {})),
                status(postPublic(first, "127.0.0.5", headers -> {})),
                status(postPublic(second, "127.0.0.5", headers -> {})));
        assertThat(anonymous).containsExactly(200, 200, 429);
        assertThat(upstream.received).hasSize(5);
    }

    @Test
    void thePortalsFormsWithoutAnAccountArePerAddressButItsPagesAreNotCounted() {
        var pages = new ArrayList<EntityExchangeResult<byte[]>>();
        for (int i = 0; i < 6; i++) {
            pages.add(getPage(first, "127.0.0.6", i % 2 == 0 ? "/" : "/without-account/start"));
        }
        assertThat(pages).allSatisfy(page -> {
            assertThat(status(page)).isEqualTo(200);
            assertThat(page.getResponseHeaders().containsHeader("X-RateLimit-Remaining"))
                    .isFalse();
        });

        var forms = List.of(
                postForm(first, "127.0.0.6", null),
                postForm(second, "127.0.0.6", null),
                postForm(first, "127.0.0.6", null));
        assertThat(forms).extracting(RateLimitIntegrationTests::status).containsExactly(200, 200, 429);
        assertThat(forms.get(0).getResponseHeaders().getFirst("X-RateLimit-Remaining"))
                .isEqualTo("1");
        assertThat(forms.get(2).getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER))
                .isNotBlank();
        assertThat(new String(forms.get(2).getResponseBodyContent())).contains("\"type\":\"/problems/rate-limited\"");

        // browsing goes on while the address' budget for e-mail codes is spent
        assertThat(status(getPage(first, "127.0.0.6", "/without-account/verify")))
                .isEqualTo(200);
        assertThat(portal.received).hasSize(6 + 2 + 1);
        assertThat(upstream.received).isEmpty();
    }

    @Test
    void aTokenBuysNoFreshBudgetForThePortalsForms() {
        var statuses = List.of(
                status(postForm(first, "127.0.0.7", tokens.person("form-one"))),
                status(postForm(first, "127.0.0.7", tokens.person("form-two"))),
                status(postForm(first, "127.0.0.7", tokens.person("form-three"))));
        assertThat(statuses).containsExactly(200, 200, 429);
    }

    @Test
    void thePortalsFormsAndThePublicApiShareTheAddressBudget() {
        var statuses = List.of(
                status(postPublic(first, "127.0.0.8", headers -> {})),
                status(postForm(first, "127.0.0.8", null)),
                status(postPublic(first, "127.0.0.8", headers -> {})));
        assertThat(statuses).containsExactly(200, 200, 429);
    }

    private static EntityExchangeResult<byte[]> getPage(
            ConfigurableApplicationContext gateway, String fromAddress, String path) {
        return client(gateway, fromAddress)
                .get()
                .uri(path)
                .exchange()
                .expectBody()
                .returnResult();
    }

    private static EntityExchangeResult<byte[]> postForm(
            ConfigurableApplicationContext gateway, String fromAddress, String token) {
        return client(gateway, fromAddress)
                .post()
                .uri("/without-account/requests")
                .headers(h -> {
                    if (token != null) {
                        h.setBearerAuth(token);
                    }
                })
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("type=ACCESS&email=someone%40example.com")
                .exchange()
                .expectBody()
                .returnResult();
    }

    private static EntityExchangeResult<byte[]> get(ConfigurableApplicationContext gateway, String token) {
        return client(gateway, "127.0.0.1")
                .get()
                .uri("/api/v1/requests")
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectBody()
                .returnResult();
    }

    private static EntityExchangeResult<byte[]> postPublic(
            ConfigurableApplicationContext gateway, String fromAddress, Consumer<HttpHeaders> headers) {
        return client(gateway, fromAddress)
                .post()
                .uri("/api/v1/public/requests")
                .headers(headers)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"type\":\"ACCESS\"}")
                .exchange()
                .expectBody()
                .returnResult();
    }

    private static int status(EntityExchangeResult<byte[]> result) {
        return result.getStatus().value();
    }

    /** A client whose connections come from the given loopback address, so tests can play different callers. */
    private static WebTestClient client(ConfigurableApplicationContext gateway, String fromAddress) {
        var http = HttpClient.create().bindAddress(() -> new InetSocketAddress(fromAddress, 0));
        return WebTestClient.bindToServer(new ReactorClientHttpConnector(http))
                .baseUrl("http://127.0.0.1:" + gateway.getEnvironment().getProperty("local.server.port"))
                .responseTimeout(Duration.ofSeconds(10))
                .build();
    }

    private static FakeUpstream startUpstream() {
        try {
            return new FakeUpstream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ConfigurableApplicationContext startGateway() {
        return new SpringApplicationBuilder(GatewayApplication.class)
                .main(GatewayApplication.class)
                .run(
                        "--server.port=0",
                        "--gateway.routes.rights-service=" + upstream.uri(),
                        "--gateway.routes.portal=" + portal.uri(),
                        "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + TokenIssuer.ISSUER,
                        "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + tokens.jwkSetUri(),
                        "--spring.data.redis.host=" + TestRedis.HOST,
                        "--spring.data.redis.port=" + TestRedis.PORT,
                        "--gateway.rate-limits.key-prefix=" + PREFIX,
                        "--gateway.rate-limits.person.replenish-rate=1",
                        "--gateway.rate-limits.person.replenish-period=1h",
                        "--gateway.rate-limits.person.burst-capacity=3",
                        "--gateway.rate-limits.partner.replenish-rate=1",
                        "--gateway.rate-limits.partner.replenish-period=1h",
                        "--gateway.rate-limits.partner.burst-capacity=5",
                        "--gateway.rate-limits.anonymous.replenish-rate=1",
                        "--gateway.rate-limits.anonymous.replenish-period=1h",
                        "--gateway.rate-limits.anonymous.burst-capacity=2");
    }
}
