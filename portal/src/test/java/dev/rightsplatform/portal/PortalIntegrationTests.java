package dev.rightsplatform.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The portal as a browser meets it: a real Keycloak login (authorization code + PKCE), sessions in the real Redis,
 * and a fake rights-service that records what the portal asks of it. The browser tests in infra/system-tests run the
 * same pages against the whole platform.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            // the development secret of infra/local/dev-secrets.env, which the local realm gives the client
            "spring.security.oauth2.client.registration.keycloak.client-secret=portal-dev-client-secret-0123456789",
            "spring.session.data.redis.namespace=portal-test:session",
            "portal.branding.primary-color=#0b5394"
        })
@ActiveProfiles("dev")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class PortalIntegrationTests {

    static final FakeRightsService api = new FakeRightsService();
    static KeycloakPeople.Person person;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void rightsService(DynamicPropertyRegistry registry) {
        registry.add("portal.api-url", api::baseUrl);
    }

    @BeforeAll
    static void aPerson() {
        person = KeycloakPeople.create("en");
    }

    @AfterAll
    static void cleanUp() {
        KeycloakPeople.delete(person);
        api.close();
    }

    @BeforeEach
    void cannedAnswers() {
        api.calls.clear();
        api.answer("GET /api/v1/deadlines", 200, """
                {"jurisdiction":"CN","regime":"PIPL","type":"DEREGISTER","zone":"Asia/Shanghai","dueDate":"2027-01-05",
                 "dueAt":"2027-01-05T15:59:59Z","rule":"15 working days","provisional":false,"extensionAllowed":false}""");
    }

    @Test
    void theStartPageIsPublicAndLocksThePageDown() {
        var page = new PortalClient(port).get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        var csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp)
                .contains(
                        "default-src 'self'",
                        "script-src 'self'",
                        "frame-ancestors 'none'",
                        "form-action 'self' http://127.0.0.1:8180")
                .doesNotContain("unsafe-inline");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().allValues("Set-Cookie"))
                .anySatisfy(cookie -> assertThat(cookie)
                        .startsWith("PORTAL_SESSION=")
                        .containsIgnoringCase("HttpOnly")
                        .contains("SameSite=Lax")
                        .doesNotContainIgnoringCase("Secure")); // the dev profile: plain http on 127.0.0.1
        var html = PortalClient.html(page);
        assertThat(html.selectFirst("html").attr("lang")).isEqualTo("en");
        assertThat(html.selectFirst("a#start-deregister").attr("href")).isEqualTo("/requests/new/deregister");
        assertThat(html.select("table#deadlines tbody tr")).hasSize(4);
        assertThat(html.selectFirst("table#deadlines").text()).contains("January 5, 2027", "15 working days");
        assertThat(html.selectFirst("a#sign-in")).isNotNull();
        // nothing from another origin: every script, style and image is the portal's own
        assertThat(html.select("script[src], link[href], img[src]"))
                .allSatisfy(element ->
                        assertThat(element.attr("src") + element.attr("href")).startsWith("/"));
    }

    @Test
    void theLanguageFollowsTheBrowserAndTheSwitchSticks() {
        var chineseBrowser = new PortalClient(port).acceptLanguage("zh-CN,zh;q=0.9");
        assertThat(PortalClient.html(chineseBrowser.get("/")).selectFirst("h1").text())
                .isEqualTo("您的数据，您做主");

        var client = new PortalClient(port).acceptLanguage("en-GB");
        var switched = client.get("/?lang=zh-CN");
        assertThat(switched.headers().allValues("Set-Cookie"))
                .anySatisfy(cookie -> assertThat(cookie).startsWith("lang=zh-CN"));
        assertThat(PortalClient.html(switched).selectFirst("html").attr("lang")).isEqualTo("zh-CN");
        var next = PortalClient.html(client.get("/"));
        assertThat(next.selectFirst("html").attr("lang")).isEqualTo("zh-CN");
        assertThat(next.selectFirst("a#lang-en").attr("href")).isEqualTo("/?lang=en");
    }

    @Test
    void signingInUsesPkceAndComesBackToThePageAsked() {
        var client = new PortalClient(port);
        var first = client.get("/consents");
        assertThat(PortalClient.location(first)).isEqualTo("/oauth2/authorization/keycloak");
        var authorize = PortalClient.location(client.get("/oauth2/authorization/keycloak"));
        assertThat(authorize)
                .startsWith("http://127.0.0.1:8180/realms/rights/protocol/openid-connect/auth?")
                .contains(
                        "client_id=rights-portal",
                        "code_challenge_method=S256",
                        "code_challenge=",
                        "ui_locales=en",
                        "redirect_uri=http://127.0.0.1:8080/login/oauth2/code/keycloak");

        var anonymousSession = client.sessionCookie();
        var landed = client.signIn(person.username(), person.password(), "/consents");

        assertThat(landed).isEqualTo("/consents");
        assertThat(client.sessionCookie())
                .as("a new session id after sign-in (no fixation)")
                .isNotEqualTo(anonymousSession);
    }

    @Test
    void signedInPagesCallTheApiWithThePersonsTokenWhichNeverReachesTheBrowser() {
        var id = UUID.randomUUID();
        api.answer("GET /api/v1/requests", 200, "[" + request(id, "EXPORT", "IN_PROGRESS") + "]");
        var client = new PortalClient(port);
        client.signIn(person.username(), person.password(), "/requests");

        var page = client.get("/requests");

        assertThat(page.statusCode()).isEqualTo(200);
        var row = PortalClient.html(page).selectFirst("table#requests tr[data-request-id=" + id + "]");
        assertThat(row).isNotNull();
        assertThat(row.selectFirst("td.status").attr("data-status")).isEqualTo("IN_PROGRESS");
        var call = api.calls("GET", "/api/v1/requests").get(0);
        assertThat(call.header("Authorization")).startsWith("Bearer ey");
        assertThat(call.header("Accept-Language")).isEqualTo("en");
        var token = call.header("Authorization").substring("Bearer ".length());
        assertThat(page.body()).doesNotContain(token);
        assertThat(page.headers().allValues("Set-Cookie"))
                .noneSatisfy(cookie -> assertThat(cookie).contains(token));
    }

    @Test
    void someoneElsesRequestIsNotFoundLikeOneThatDoesNotExist() {
        var client = new PortalClient(port);
        client.signIn(person.username(), person.password(), "/requests");

        var page = client.get(
                "/requests/" + UUID.randomUUID()); // the fake answers 404 request-not-found, as rights-service does

        assertThat(page.statusCode()).isEqualTo(404);
        var html = PortalClient.html(page);
        assertThat(html.selectFirst("#error").attr("data-status")).isEqualTo("404");
        // an error page is still a page of the portal: the header, the language switch, the sign-out
        assertThat(html.selectFirst("a#lang-zh")).isNotNull();
        assertThat(html.selectFirst("form#sign-out input[name=_csrf]")).isNotNull();
        assertThat(client.get("/requests/not-a-uuid").statusCode()).isEqualTo(404);
    }

    @Test
    void aFormPostedWithoutItsCsrfTokenIsRefusedAndChangesNothing() {
        var id = UUID.randomUUID();
        api.answer("GET /api/v1/requests/" + id, 200, request(id, "DEREGISTER", "COOLING_OFF"));
        api.answer("GET /api/v1/requests/" + id + "/audit", 200, "[]");
        api.answer("POST /api/v1/requests/" + id + "/cancel", 200, request(id, "DEREGISTER", "CANCELLED"));
        var client = new PortalClient(port);
        client.signIn(person.username(), person.password(), "/requests/" + id);

        var forged = client.post("/requests/" + id + "/cancel", Map.of());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(PortalClient.html(forged).selectFirst("#error").attr("data-status"))
                .isEqualTo("403");
        var wrong = client.post("/requests/" + id + "/cancel", Map.of("_csrf", "not-the-token"));
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(api.calls("POST", "/api/v1/requests/" + id + "/cancel")).isEmpty();

        var page = client.get("/requests/" + id);
        var cancelled = client.post("/requests/" + id + "/cancel", Map.of("_csrf", PortalClient.csrf(page)));
        assertThat(cancelled.statusCode()).isEqualTo(303);
        assertThat(api.calls("POST", "/api/v1/requests/" + id + "/cancel")).hasSize(1);
    }

    @Test
    void closingTheAccountAsksOnlyForAConfirmation() {
        var id = UUID.randomUUID();
        api.answer("POST /api/v1/requests", 202, request(id, "DEREGISTER", "COOLING_OFF"));
        var client = new PortalClient(port);
        client.signIn(person.username(), person.password(), "/requests/new/deregister");
        var form = client.get("/requests/new/deregister");
        var html = PortalClient.html(form);
        assertThat(html.select("form#new-request input:not([type=hidden])"))
                .hasSize(1); // the confirmation, nothing else
        assertThat(html.selectFirst("input#confirm").hasAttr("required")).isTrue();
        var fields = Map.of(
                "_csrf",
                PortalClient.csrf(form),
                "key",
                html.selectFirst("input[name=key]").attr("value"));

        var unconfirmed = client.post("/requests/new/deregister", fields);
        assertThat(unconfirmed.statusCode()).isEqualTo(422);
        assertThat(PortalClient.html(unconfirmed).selectFirst("#form-error")).isNotNull();
        assertThat(api.calls("POST", "/api/v1/requests")).isEmpty();

        var withConfirmation = new java.util.HashMap<>(fields);
        withConfirmation.put("confirm", "yes");
        var sent = client.post("/requests/new/deregister", withConfirmation);
        assertThat(sent.statusCode()).isEqualTo(303);
        assertThat(PortalClient.location(sent)).isEqualTo("/requests/" + id);
        var call = api.calls("POST", "/api/v1/requests").get(0);
        assertThat(call.body()).contains("\"type\":\"DEREGISTER\"");
        assertThat(call.header("Idempotency-Key")).isEqualTo(fields.get("key"));
    }

    @Test
    void globalPrivacyControlIsPassedOnAndShown() {
        api.answer("GET /api/v1/consents", 200, """
                [{"purpose":"sale-sharing","title":"Sale","granted":false,"currentNoticeVersion":"1"}]""");
        api.answer("GET /api/v1/consents/purposes", 200, """
                [{"id":"sale-sharing","title":"Sale","noticeVersion":"1","notice":"We may sell.","gpc":true}]""");
        api.answer("GET /api/v1/consents/history", 200, "{\"items\":[],\"next\":null}");
        var client = new PortalClient(port).withHeader("Sec-GPC", "1");
        client.signIn(person.username(), person.password(), "/consents");

        var page = client.get("/consents");

        assertThat(page.statusCode()).isEqualTo(200);
        var html = PortalClient.html(page);
        assertThat(html.selectFirst("#gpc-status")).isNotNull();
        assertThat(html.selectFirst("li.purpose[data-purpose=sale-sharing]").attr("data-state"))
                .isEqualTo("withdrawn");
        assertThat(api.calls("GET", "/api/v1/consents").get(0).header("Sec-GPC"))
                .isEqualTo("1");
    }

    @Test
    void signingOutEndsTheKeycloakSessionToo() {
        api.answer("GET /api/v1/requests", 200, "[]");
        var client = new PortalClient(port);
        client.signIn(person.username(), person.password(), "/requests");
        var page = client.get("/requests");

        var out = client.post("/logout", Map.of("_csrf", PortalClient.csrf(page)));

        assertThat(out.statusCode()).isEqualTo(302);
        assertThat(PortalClient.location(out))
                .startsWith("http://127.0.0.1:8180/realms/rights/protocol/openid-connect/logout?")
                .contains("id_token_hint=", "post_logout_redirect_uri=http://127.0.0.1:8080/");
        assertThat(PortalClient.location(client.get("/requests"))).isEqualTo("/oauth2/authorization/keycloak");
    }

    @Test
    void aSessionStartedOnOneReplicaIsServedByAnother() throws Exception {
        api.answer("GET /api/v1/requests", 200, "[]");
        var client = new PortalClient(port);
        client.signIn(person.username(), person.password(), "/requests");
        // a second portal in its own JVM, sharing only Redis (a second context in this JVM would share, and on
        // closing dispose, Reactor Netty's global resources, which the first portal still uses)
        try (var second = SecondPortal.start(api.baseUrl())) {
            var page = client.onPort(second.port()).get("/requests");

            assertThat(page.statusCode())
                    .as("signed in on the other replica, from Redis")
                    .isEqualTo(200);
            assertThat(PortalClient.html(page).selectFirst("form#sign-out")).isNotNull();
            assertThat(api.calls("GET", "/api/v1/requests"))
                    .last()
                    .satisfies(call -> assertThat(call.header("Authorization")).startsWith("Bearer ey"));
        }
    }

    @Test
    void theBrandingComesFromConfiguration() {
        var css = new PortalClient(port).get("/brand.css");
        assertThat(css.body()).contains("--brand:#0b5394");
    }

    private static String request(UUID id, String type, String status) {
        return """
                {"id":"%s","type":"%s","status":"%s","jurisdiction":"CN","receivedAt":"2026-12-01T08:00:00Z",
                 "dueAt":"2026-12-22T15:59:59Z","dueDate":"2026-12-22","dueZone":"Asia/Shanghai","regime":"PIPL",
                 "dueRule":"15 working days","dueProvisional":false,"systems":[],"retained":[],
                 "coolingOffUntil":"2026-12-08T08:00:00Z"}""".formatted(id, type, status);
    }
}
