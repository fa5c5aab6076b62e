package dev.rightsplatform.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
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
        api.answer("GET /api/v1/agent/requests/" + id, 200, request(id, "ACCESS", "AWAITING_REVIEW", Instant.now()));
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
                "GET /api/v1/agent/requests/" + id,
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
        api.answer("GET /api/v1/agent/requests/" + id, 200, request(id, "ACCESS", "AWAITING_REVIEW", Instant.now()));
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

    @Test
    void theQueueShowsWhoHoldsWhatAndTimeLeftAsTheRuleCountsIt() {
        var china = UUID.randomUUID();
        var germany = UUID.randomUUID();
        var late = UUID.randomUUID();
        var now = Instant.now();
        api.answer("GET /api/v1/agent/requests", 200, """
                {"items":[%s,%s,%s],"next":null}""".formatted(
                        held(
                                request(china, "DEREGISTER", "IN_PROGRESS", now.plus(20, ChronoUnit.DAYS)),
                                "sam",
                                "{\"counting\":\"WORKING_DAYS\",\"days\":12,\"overdue\":false,\"dueSoon\":false}"),
                        held(
                                request(germany, "ACCESS", "AWAITING_REVIEW", now.plus(4, ChronoUnit.DAYS)),
                                null,
                                "{\"counting\":\"CALENDAR_DAYS\",\"days\":4,\"overdue\":false,\"dueSoon\":true}"),
                        held(
                                request(late, "EXPORT", "NEEDS_ATTENTION", now.minus(3, ChronoUnit.DAYS)),
                                null,
                                "{\"counting\":\"WORKING_DAYS\",\"days\":-1,\"overdue\":true,\"dueSoon\":false}")));
        var client = signedIn("/console");

        var html = PortalClient.html(client.get("/console?heldBy=me&heldBy=x"));

        assertThat(api.calls("GET", "/api/v1/agent/requests").get(0).query()).isEqualTo("heldBy=me");
        var rows = html.select("table#queue tbody tr");
        assertThat(rows.stream().map(row -> row.attr("data-held-by"))).containsExactly("sam", "", "");
        assertThat(rows.get(0).selectFirst("td.held").text()).isEqualTo("sam");
        assertThat(rows.get(0).selectFirst("td.left").text()).isEqualTo("12 working days left");
        assertThat(rows.get(0).selectFirst("td.left").classNames()).contains("left-ok");
        assertThat(rows.get(1).selectFirst("td.left").text()).isEqualTo("4 days left");
        assertThat(rows.get(1).selectFirst("td.left").classNames())
                .as("due soon at the rule's configured warning time, not a fixed three days")
                .contains("left-soon");
        assertThat(rows.get(2).selectFirst("td.left").text()).isEqualTo("Overdue by 1 working day");
        assertThat(rows.get(2).selectFirst("td.left").classNames()).contains("left-late");
        assertThat(rows.get(0).select("input[type=checkbox][name=ids]").val()).isEqualTo(china.toString());
        assertThat(html.selectFirst("form#bulk-form select[name=action]")).isNotNull();
        assertThat(html.selectFirst("select#filter-held option[selected]").val())
                .isEqualTo("me");
        assertThat(rows.get(1).text()).as("agent wording").contains("Access to the person's data");

        var chinese = PortalClient.html(client.get("/console?lang=zh-CN"));
        var zhRows = chinese.select("table#queue tbody tr");
        assertThat(zhRows.get(0).selectFirst("td.left").text()).isEqualTo("剩余 12 个工作日");
        assertThat(zhRows.get(2).selectFirst("td.left").text()).isEqualTo("已逾期 1 个工作日");
        assertThat(zhRows.get(1).text()).contains("查阅本人的个人信息");
    }

    @Test
    void aBulkActionOnTheTickedRequestsListsWhatBecameOfEach() {
        var done = UUID.randomUUID();
        var notInReview = UUID.randomUUID();
        api.answer("GET /api/v1/agent/requests", 200, """
                {"items":[%s,%s],"next":null}""".formatted(
                        request(done, "ACCESS", "AWAITING_REVIEW", Instant.now()),
                        request(notInReview, "ACCESS", "IN_PROGRESS", Instant.now())));
        api.answer("POST /api/v1/agent/requests/bulk", 200, """
                {"action":"APPROVE","done":1,"refused":1,"items":[
                 {"requestId":"%s","ok":true,"status":"IN_PROGRESS"},
                 {"requestId":"%s","ok":false,"problem":"illegal-transition","detail":"cannot approve while IN_PROGRESS"}]}""".formatted(done, notInReview));
        var client = signedIn("/console");
        var queue = client.get("/console");

        var page = client.post(
                "/console/bulk",
                List.of(
                        Map.entry("_csrf", PortalClient.csrf(queue)),
                        Map.entry("ids", done.toString()),
                        Map.entry("ids", notInReview.toString()),
                        Map.entry("ids", "not-an-id"),
                        Map.entry("action", "APPROVE"),
                        Map.entry("assignee", "")));

        assertThat(page.statusCode()).isEqualTo(200);
        var call = api.calls("POST", "/api/v1/agent/requests/bulk").get(0);
        assertThat(call.body())
                .isEqualTo("{\"action\":\"APPROVE\",\"requestIds\":[\"" + done + "\",\"" + notInReview + "\"]}");
        var html = PortalClient.html(page);
        assertThat(html.selectFirst("#bulk-summary").text()).isEqualTo("Approve: 1 done, 1 not done.");
        var items = html.select("#bulk-results li");
        assertThat(items.eachAttr("data-ok")).containsExactly("true", "false");
        assertThat(items.get(1).text()).contains("not waiting for review");

        var assign = client.post(
                "/console/bulk",
                List.of(
                        Map.entry("_csrf", PortalClient.csrf(queue)),
                        Map.entry("ids", done.toString()),
                        Map.entry("action", "ASSIGN"),
                        Map.entry("assignee", " sam ")));
        assertThat(assign.statusCode()).isEqualTo(200);
        assertThat(api.calls("POST", "/api/v1/agent/requests/bulk").get(1).body())
                .isEqualTo("{\"action\":\"ASSIGN\",\"requestIds\":[\"" + done + "\"],\"assignee\":\"sam\"}");

        var nothing = client.post(
                "/console/bulk", List.of(Map.entry("_csrf", PortalClient.csrf(queue)), Map.entry("action", "APPROVE")));
        assertThat(PortalClient.html(nothing).selectFirst("#bulk-refused").text())
                .contains("Nothing selected");
        assertThat(api.calls("POST", "/api/v1/agent/requests/bulk")).hasSize(2);
    }

    @Test
    void anAgentTakesAssignsAndReleasesARequest() {
        var id = UUID.randomUUID();
        api.answer(
                "GET /api/v1/agent/requests/" + id,
                200,
                held(
                        request(id, "DEREGISTER", "IN_PROGRESS", Instant.now(), """
                [{"taskId":"%s","systemId":"crm","action":"ERASE","step":10,"status":"FAILED"}]""".formatted(UUID.randomUUID())),
                        null,
                        "null"));
        api.answer("GET /api/v1/requests/" + id + "/audit", 200, "[]");
        api.answer("GET /api/v1/agent/requests/" + id + "/notes", 200, "[]");
        api.answer("POST /api/v1/agent/requests/" + id + "/take", 409, """
                {"type":"https://rights-platform.dev/problems/already-assigned","status":409,"heldBy":"sam"}""");
        api.answer(
                "POST /api/v1/agent/requests/" + id + "/assign",
                200,
                request(id, "DEREGISTER", "IN_PROGRESS", Instant.now()));
        var client = signedIn("/console/requests/" + id);
        var page = client.get("/console/requests/" + id);
        var html = PortalClient.html(page);
        assertThat(html.selectFirst("#held-by").text()).isEqualTo("Nobody holds it yet.");
        assertThat(html.selectFirst("form#take-form")).isNotNull();
        assertThat(html.selectFirst("form#release-form")).isNull();
        assertThat(html.select("#systems td").text()).as("agent wording").contains("erases the person's data");

        var taken = client.post("/console/requests/" + id + "/take", Map.of("_csrf", PortalClient.csrf(page)));
        assertThat(PortalClient.location(taken)).isEqualTo("/console/requests/" + id + "?problem=already-assigned");
        assertThat(PortalClient.html(client.get(PortalClient.location(taken)))
                        .selectFirst("#action-refused")
                        .text())
                .contains("another agent holds this request");

        var assigned = client.post(
                "/console/requests/" + id + "/assign", Map.of("_csrf", PortalClient.csrf(page), "assignee", " sam "));
        assertThat(PortalClient.location(assigned)).isEqualTo("/console/requests/" + id + "?assigned");
        assertThat(api.calls("POST", "/api/v1/agent/requests/" + id + "/assign")
                        .get(0)
                        .body())
                .isEqualTo("{\"assignee\":\"sam\"}");

        api.answer(
                "GET /api/v1/agent/requests/" + id,
                200,
                held(request(id, "DEREGISTER", "IN_PROGRESS", Instant.now()), "sam", "null"));
        var heldPage = PortalClient.html(client.get("/console/requests/" + id + "?lang=zh-CN"));
        assertThat(heldPage.selectFirst("#held-by").text()).isEqualTo("由 sam 负责。");
        assertThat(heldPage.selectFirst("form#release-form")).isNotNull();
    }

    @Test
    void anAgentFindsAPersonOpensARequestForThemAndWithdrawsAConsent() {
        var subjectId = UUID.randomUUID().toString();
        var opened = UUID.randomUUID();
        api.answer("POST /api/v1/agent/subjects/lookup", 200, """
                {"id":"%s","username":"wang"}""".formatted(subjectId));
        api.answer("GET /api/v1/agent/subjects/" + subjectId, 200, """
                {"id":"%s","username":"wang"}""".formatted(subjectId));
        api.answer("GET /api/v1/agent/subjects/" + subjectId + "/consents", 200, """
                [{"purpose":"marketing","title":"Marketing","granted":true,"currentNoticeVersion":"2"},
                 {"purpose":"sale-sharing","title":"Sale","granted":false,"currentNoticeVersion":"1"}]""");
        api.answer("POST /api/v1/agent/requests", 201, request(opened, "EXPORT", "RECEIVED", Instant.now()));
        api.answer("POST /api/v1/agent/subjects/" + subjectId + "/consents/marketing/withdraw", 202, "{}");
        var client = signedIn("/console/people");
        var find = client.get("/console/people");
        assertThat(PortalClient.html(find).selectFirst("form#lookup-form")).isNotNull();

        var found =
                client.post("/console/people", Map.of("_csrf", PortalClient.csrf(find), "who", " wang@example.com "));
        assertThat(PortalClient.location(found)).isEqualTo("/console/people/" + subjectId);
        assertThat(api.calls("POST", "/api/v1/agent/subjects/lookup").get(0).body())
                .isEqualTo("{\"subject\":\"wang@example.com\"}");

        var person = client.get("/console/people/" + subjectId);
        var html = PortalClient.html(person);
        assertThat(html.selectFirst("h1").text()).isEqualTo("Acting for wang");
        assertThat(html.select("#on-behalf-method option").eachAttr("value"))
                .containsExactly("ID_DOCUMENT", "KNOWLEDGE_BASED", "CALLBACK", "EMAIL_LINK");
        assertThat(html.select("#person-consents li[data-granted=true] form")).hasSize(1);
        assertThat(html.select("#person-consents li[data-granted=false] form")).isEmpty();

        var submitted = client.post(
                "/console/people/" + subjectId + "/requests",
                Map.of(
                        "_csrf", PortalClient.csrf(person),
                        "subject", "someone-else",
                        "type", "EXPORT",
                        "method", "CALLBACK",
                        "note", "Called back the number on file."));
        assertThat(PortalClient.location(submitted)).isEqualTo("/console/requests/" + opened + "?opened");
        assertThat(api.calls("POST", "/api/v1/agent/requests").get(0).body())
                .as("the person is the page's account, whatever the form says")
                .contains("\"subject\":\"wang\"", "\"type\":\"EXPORT\"", "\"method\":\"CALLBACK\"")
                .doesNotContain("someone-else");

        var withdrawn = client.post(
                "/console/people/" + subjectId + "/consents/marketing/withdraw",
                Map.of("_csrf", PortalClient.csrf(person), "note", "Asked by phone."));
        assertThat(PortalClient.location(withdrawn)).isEqualTo("/console/people/" + subjectId + "?withdrawn");
        assertThat(api.calls("POST", "/api/v1/agent/subjects/" + subjectId + "/consents/marketing/withdraw")
                        .get(0)
                        .body())
                .isEqualTo("{\"note\":\"Asked by phone.\"}");

        api.answer("POST /api/v1/agent/subjects/lookup", 422, """
                {"type":"https://rights-platform.dev/problems/account-not-found","status":422}""");
        var missing = client.post("/console/people", Map.of("_csrf", PortalClient.csrf(find), "who", "nobody"));
        assertThat(PortalClient.location(missing)).isEqualTo("/console/people?problem=account-not-found");
        assertThat(PortalClient.html(client.get(PortalClient.location(missing)))
                        .selectFirst("#lookup-refused")
                        .text())
                .startsWith("Not found");
    }

    /** A request of the agent API: with its holder (null: nobody) and time left (JSON, or "null"). */
    private static String held(String request, String holder, String timeLeft) {
        var holderJson = holder == null
                ? "null"
                : "{\"agentId\":\"id-" + holder + "\",\"name\":\"" + holder + "\",\"since\":\"2026-12-01T09:00:00Z\"}";
        return request.substring(0, request.lastIndexOf('}')) + ",\"heldBy\":" + holderJson + ",\"timeLeft\":"
                + timeLeft + "}";
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
