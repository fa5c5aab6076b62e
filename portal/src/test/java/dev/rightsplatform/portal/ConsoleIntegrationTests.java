package dev.rightsplatform.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 * The agent console as an agent's browser meets it: a real Keycloak sign-in of a support agent, and a fake
 * rights-service recording what the console asks of it (the queue's filters, each action with its body and the
 * agent's token). rights-service's own authorization is checked in its module and by the system tests; here, that the
 * console shows its refusal as the console's "not for you" page and never offers what the API refused.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.security.oauth2.client.registration.keycloak.client-secret=portal-dev-client-secret-0123456789",
            "spring.session.data.redis.namespace=console-test:session"
        })
@ActiveProfiles("dev")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ConsoleIntegrationTests {

    static final FakeRightsService api = new FakeRightsService();
    static KeycloakPeople.Person agent;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void rightsService(DynamicPropertyRegistry registry) {
        registry.add("portal.api-url", api::baseUrl);
    }

    @BeforeAll
    static void anAgent() {
        agent = KeycloakPeople.create("en", "support-agent");
    }

    @AfterAll
    static void cleanUp() {
        KeycloakPeople.delete(agent);
        api.close();
    }

    @BeforeEach
    void reset() {
        api.calls.clear();
    }

    @Test
    void theQueueShowsRequestsByDueDateWithTimeLeftAndPassesOnlyKnownFilters() {
        var overdue = UUID.randomUUID();
        var soon = UUID.randomUUID();
        var now = Instant.now();
        api.answer("GET /api/v1/agent/requests", 200, """
                {"items":[%s,%s],"next":"cursor-2"}""".formatted(
                        request(overdue, "DEREGISTER", "NEEDS_ATTENTION", now.minus(2, ChronoUnit.DAYS)),
                        request(soon, "ACCESS", "AWAITING_REVIEW", now.plus(30, ChronoUnit.HOURS))));
        var client = signedIn("/console");

        var page = client.get("/console?status=AWAITING_REVIEW&type=BOGUS&jurisdiction=cn&overdue=true");

        assertThat(page.statusCode()).isEqualTo(200);
        var call = api.calls("GET", "/api/v1/agent/requests").get(0);
        assertThat(call.query()).isEqualTo("status=AWAITING_REVIEW&jurisdiction=CN&overdue=true");
        assertThat(call.header("Authorization")).startsWith("Bearer ey");
        var html = PortalClient.html(page);
        var rows = html.select("table#queue tbody tr");
        assertThat(rows.eachAttr("data-request-id")).containsExactly(overdue.toString(), soon.toString());
        assertThat(rows.get(0).selectFirst("td.left").classNames()).contains("left-late");
        assertThat(rows.get(0).selectFirst("td.left").text()).startsWith("Overdue by 2 d");
        assertThat(rows.get(1).selectFirst("td.left").classNames()).contains("left-soon");
        assertThat(rows.get(1).selectFirst("td.left").text()).isEqualTo("1 d 5 h left");
        assertThat(html.selectFirst("select#filter-status option[selected]").val())
                .isEqualTo("AWAITING_REVIEW");
        assertThat(html.select("select#filter-type option[selected]"))
                .as("an unknown type is dropped, not passed on")
                .isEmpty();
        assertThat(html.selectFirst("a#next-page").attr("href"))
                .isEqualTo("/console?status=AWAITING_REVIEW&jurisdiction=CN&overdue=true&after=cursor-2");
        assertThat(html.selectFirst("a#nav-queue")).isNotNull();
        assertThat(html.selectFirst("a#nav-requests"))
                .as("the person's navigation is not the agent's")
                .isNull();

        var chinese = PortalClient.html(client.get("/console?lang=zh-CN"));
        assertThat(chinese.selectFirst("h1").text()).isEqualTo("按截止日期排列的请求");
    }

    @Test
    void someoneWhomTheApiRefusesGetsTheConsolesNotAllowedPage() {
        api.answer(
                "GET /api/v1/agent/requests",
                403,
                "{\"type\":\"https://rights-platform.dev/problems/forbidden\",\"status\":403}");
        var client = signedIn("/console");

        var page = client.get("/console");

        assertThat(page.statusCode()).isEqualTo(403);
        var html = PortalClient.html(page);
        assertThat(html.selectFirst("#error").attr("data-status")).isEqualTo("403");
        assertThat(html.selectFirst("#error").text()).contains("for support agents and the privacy officer");

        var id = UUID.randomUUID();
        api.answer("GET /api/v1/agent/requests/" + id + "/notes", 403, "{\"status\":403}");
        api.answer("GET /api/v1/requests/" + id, 200, request(id, "ACCESS", "AWAITING_REVIEW", Instant.now()));
        api.answer("GET /api/v1/requests/" + id + "/audit", 200, "[]");
        var request = client.get("/console/requests/" + id);
        assertThat(request.statusCode()).isEqualTo(403);
        assertThat(PortalClient.html(request).selectFirst("form#approve-form")).isNull();
    }

    @Test
    void anAgentApprovesWithTheAccountAndAFailedTaskCanBeRetried() {
        var id = UUID.randomUUID();
        var failedTask = UUID.randomUUID();
        var doneTask = UUID.randomUUID();
        api.answer(
                "GET /api/v1/requests/" + id,
                200,
                request(id, "DEREGISTER", "AWAITING_REVIEW", Instant.now(), """
                [{"taskId":"%s","systemId":"billing","action":"ERASE","step":10,"status":"FAILED","detail":"timeout"},
                 {"taskId":"%s","systemId":"crm","action":"ERASE","step":10,"status":"DONE"}]""".formatted(failedTask, doneTask)));
        api.answer("GET /api/v1/requests/" + id + "/audit", 200, """
                [{"seq":1,"occurredAt":"2026-12-01T08:00:00Z","actor":"subject:ab12","action":"request.received",
                  "detail":"{}","prevHash":"0","hash":"1"}]""");
        api.answer("GET /api/v1/agent/requests/" + id + "/notes", 200, """
                [{"id":"%s","author":"agent-x","text":"Called the person.","createdAt":"2026-12-01T09:00:00Z"}]""".formatted(UUID.randomUUID()));
        api.answer(
                "POST /api/v1/agent/requests/" + id + "/approve",
                200,
                request(id, "DEREGISTER", "IN_PROGRESS", Instant.now()));
        api.answer(
                "POST /api/v1/agent/requests/" + id + "/tasks/" + failedTask + "/retry",
                200,
                request(id, "DEREGISTER", "IN_PROGRESS", Instant.now()));
        var client = signedIn("/console/requests/" + id);

        var page = client.get("/console/requests/" + id);

        assertThat(page.statusCode()).isEqualTo(200);
        var html = PortalClient.html(page);
        assertThat(html.selectFirst("#request-status").attr("data-status")).isEqualTo("AWAITING_REVIEW");
        assertThat(html.selectFirst("form#approve-form")).isNotNull();
        assertThat(html.selectFirst("form#refuse-form")).isNotNull();
        assertThat(html.selectFirst("form#cancel-form")).isNotNull();
        assertThat(html.selectFirst("ul#notes").text()).contains("Called the person.");
        assertThat(html.selectFirst("table#audit").text()).contains("request.received", "subject:ab12");
        assertThat(html.select("tr[data-task-id=" + failedTask + "] form")).hasSize(1);
        assertThat(html.select("tr[data-task-id=" + doneTask + "] form")).isEmpty();

        var approved = client.post(
                "/console/requests/" + id + "/approve",
                Map.of("_csrf", PortalClient.csrf(page), "accountId", " acct-42 "));
        assertThat(approved.statusCode()).isEqualTo(303);
        assertThat(PortalClient.location(approved)).isEqualTo("/console/requests/" + id + "?approved");
        var approval =
                api.calls("POST", "/api/v1/agent/requests/" + id + "/approve").get(0);
        assertThat(approval.body()).isEqualTo("{\"accountId\":\"acct-42\"}");
        assertThat(approval.header("Authorization")).startsWith("Bearer ey");

        var retried = client.post(
                "/console/requests/" + id + "/tasks/" + failedTask + "/retry",
                Map.of("_csrf", PortalClient.csrf(page)));
        assertThat(PortalClient.location(retried)).isEqualTo("/console/requests/" + id + "?retried");
        assertThat(api.calls("POST", "/api/v1/agent/requests/" + id + "/tasks/" + failedTask + "/retry"))
                .hasSize(1);

        var forged = client.post("/console/requests/" + id + "/cancel", Map.of());
        assertThat(forged.statusCode()).as("no CSRF token, no action").isEqualTo(403);
        assertThat(api.calls("POST", "/api/v1/agent/requests/" + id + "/cancel"))
                .isEmpty();
    }

    @Test
    void aRefusalTheApiRejectsIsExplainedAndChangesNothing() {
        var id = UUID.randomUUID();
        api.answer("GET /api/v1/requests/" + id, 200, request(id, "ACCESS", "AWAITING_REVIEW", Instant.now()));
        api.answer("GET /api/v1/requests/" + id + "/audit", 200, "[]");
        api.answer("GET /api/v1/agent/requests/" + id + "/notes", 200, "[]");
        api.answer("POST /api/v1/agent/requests/" + id + "/refuse", 400, """
                {"type":"https://rights-platform.dev/problems/invalid-request","status":400,"detail":"reason: blank"}""");
        var client = signedIn("/console/requests/" + id);
        var page = client.get("/console/requests/" + id);

        var refused = client.post(
                "/console/requests/" + id + "/refuse", Map.of("_csrf", PortalClient.csrf(page), "reason", " "));

        assertThat(PortalClient.location(refused)).isEqualTo("/console/requests/" + id + "?problem=invalid-request");
        var explained = PortalClient.html(client.get(PortalClient.location(refused)));
        assertThat(explained.selectFirst("#action-refused").text()).contains("a reason or note is needed");
    }

    private PortalClient signedIn(String path) {
        var client = new PortalClient(port);
        client.signIn(agent.username(), agent.password(), path);
        return client;
    }

    private static String request(UUID id, String type, String status, Instant dueAt) {
        return request(id, type, status, dueAt, "[]");
    }

    private static String request(UUID id, String type, String status, Instant dueAt, String systems) {
        return """
                {"id":"%s","type":"%s","status":"%s","jurisdiction":"CN","receivedAt":"2026-12-01T08:00:00Z",
                 "dueAt":"%s","dueDate":"2026-12-22","dueZone":"Asia/Shanghai","regime":"PIPL",
                 "dueRule":"15 working days","dueProvisional":false,"systems":%s,"retained":[]}""".formatted(id, type, status, dueAt, systems);
    }
}
