package dev.rightsplatform.portal;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The recent alerts on the console's queue page (templates/console/alerts.html): a real Keycloak sign-in of a support
 * agent, a fake rights-service answering {@code GET /api/v1/agent/alerts}. Each alert is listed newest first, in the
 * page's language, with its kind, the system when there is one, and a link to the request's console page; when the
 * alerts cannot be had the queue still shows, saying so.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.security.oauth2.client.registration.keycloak.client-secret=portal-dev-client-secret-0123456789",
            "spring.session.data.redis.namespace=console-alerts-test:session"
        })
@ActiveProfiles("dev")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ConsoleAlertsIntegrationTests {

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
        api.answer("GET /api/v1/agent/requests", 200, "{\"items\":[],\"next\":null}");
    }

    @Test
    void theQueueListsTheRecentAlertsNewestFirstWithLinksInThePagesLanguage() {
        var late = UUID.randomUUID();
        var stuck = UUID.randomUUID();
        api.answer("GET /api/v1/agent/alerts", 200, """
                {"items":[
                  {"cursor":42,"requestId":"%s","kind":"TASK_OVERDUE","at":"2026-12-06T10:15:00Z","systemId":"orders",
                   "requestType":"DEREGISTER","status":"IN_PROGRESS"},
                  {"cursor":41,"requestId":"%s","kind":"NEEDS_ATTENTION","at":"2026-12-06T09:00:00Z","systemId":null,
                   "requestType":"ACCESS","status":"NEEDS_ATTENTION"},
                  {"cursor":40,"requestId":"%s","kind":"SOMETHING_NEW","at":"2026-12-06T08:00:00Z"}
                ],"next":40}""".formatted(late, stuck, stuck));
        var client = signedIn();

        var html = PortalClient.html(client.get("/console"));

        var call = api.calls("GET", "/api/v1/agent/alerts").get(0);
        assertThat(call.query()).isEqualTo("limit=10");
        assertThat(call.header("Authorization")).startsWith("Bearer ey");
        assertThat(html.selectFirst("#recent-alerts h2").text()).isEqualTo("Recent alerts");
        var items = html.select("ul#alerts li.alert");
        assertThat(items.eachAttr("data-request-id"))
                .containsExactly(late.toString(), stuck.toString(), stuck.toString());
        assertThat(items.eachAttr("data-kind")).containsExactly("TASK_OVERDUE", "NEEDS_ATTENTION", "SOMETHING_NEW");
        assertThat(items.get(0).selectFirst(".badge").text()).isEqualTo("System overdue");
        assertThat(items.get(0).selectFirst(".alert-system").text()).isEqualTo("system orders");
        assertThat(items.get(0).selectFirst("a").attr("href")).isEqualTo("/console/requests/" + late);
        assertThat(items.get(0).selectFirst("a").text()).isEqualTo("Account closure · " + late);
        assertThat(items.get(0).selectFirst("time").attr("datetime")).startsWith("2026-12-06T");
        assertThat(items.get(1).selectFirst(".badge").text()).isEqualTo("Needs attention");
        assertThat(items.get(1).selectFirst(".alert-system")).isNull();
        assertThat(items.get(2).selectFirst(".badge").text())
                .as("a kind the console does not know")
                .isEqualTo("Alert");
        assertThat(items.get(2).selectFirst("a").text()).isEqualTo(stuck.toString());
        assertThat(html.selectFirst("#alerts-unavailable")).isNull();

        var chinese = PortalClient.html(client.get("/console?lang=zh-CN"));
        assertThat(chinese.selectFirst("#recent-alerts h2").text()).isEqualTo("最近提醒");
        assertThat(chinese.select("ul#alerts li.alert .badge").eachText()).containsExactly("系统逾期", "需处理", "提醒");
        assertThat(chinese.selectFirst("ul#alerts .alert-system").text()).isEqualTo("系统 orders");
    }

    @Test
    void withoutAlertsOrWhenTheyCannotBeHadTheQueueStillShows() {
        api.answer("GET /api/v1/agent/alerts", 200, "{\"items\":[],\"next\":null}");
        var client = signedIn();

        var none = client.get("/console");
        assertThat(none.statusCode()).isEqualTo(200);
        var html = PortalClient.html(none);
        assertThat(html.selectFirst("#alerts-none").text()).isEqualTo("No alerts lately.");
        assertThat(html.selectFirst("ul#alerts")).isNull();

        api.answer("GET /api/v1/agent/alerts", 503, "{\"status\":503}");
        var down = client.get("/console");
        assertThat(down.statusCode()).isEqualTo(200);
        var withoutAlerts = PortalClient.html(down);
        assertThat(withoutAlerts.selectFirst("#alerts-unavailable").text())
                .startsWith("The recent alerts cannot be shown right now");
        assertThat(withoutAlerts.selectFirst("h1").text()).isEqualTo("Requests by due date");
    }

    private PortalClient signedIn() {
        var client = new PortalClient(port);
        client.signIn(agent.username(), agent.password(), "/console");
        return client;
    }
}
