package dev.rightsplatform.portal;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The privacy officer's report pages as the officer's browser meets them: a real Keycloak sign-in of a privacy officer
 * (and of a support agent), and a fake rights-service recording what the console asks (only checked parameters, the
 * officer's token, JSON or CSV). rights-service's own figures and authorization are checked in its module
 * (ComplianceReportIntegrationTests); here, that the pages show them, in both languages, and show its 403 as the
 * console's "for the privacy officer" page.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.security.oauth2.client.registration.keycloak.client-secret=portal-dev-client-secret-0123456789",
            "spring.session.data.redis.namespace=report-test:session"
        })
@ActiveProfiles("dev")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ReportPagesIntegrationTests {

    static final FakeRightsService api = new FakeRightsService();
    static KeycloakPeople.Person officer;
    static KeycloakPeople.Person agent;

    private static final String REPORT = """
            {"from":"2026-01-01","to":"2027-01-01","period":"month","jurisdiction":"EU",
             "generatedAt":"2026-12-06T10:00:00Z",
             "rows":[
              {"period":"2026-01","jurisdiction":"EU","received":4,"completed":3,"refused":1,"cancelled":0,"open":0,
               "onTime":2,"onTimeRate":0.6667,"extended":1,"medianDaysToClose":12.5,"p90DaysToClose":30.1},
              {"period":"2026-02","jurisdiction":"EU","received":2,"completed":0,"refused":0,"cancelled":1,"open":1,
               "onTime":0,"onTimeRate":null,"extended":0,"medianDaysToClose":null,"p90DaysToClose":null},
              {"period":"total","jurisdiction":"total","received":6,"completed":3,"refused":1,"cancelled":1,"open":1,
               "onTime":2,"onTimeRate":0.6667,"extended":1,"medianDaysToClose":12.5,"p90DaysToClose":30.1}],
             "refusals":[{"jurisdiction":"EU","reason":"Identity could not be verified","count":1}],
             "systems":[{"systemId":"crm","failed":2,"agentRetries":1,"workerRetries":5}]}""";

    private static final String CCPA = """
            {"year":2025,"zone":"America/Los_Angeles","generatedAt":"2026-12-06T10:00:00Z","categories":[
             {"request":"know","offered":true,"received":4,"compliedInWholeOrInPart":2,"denied":1,
              "medianDaysToRespond":10.0,"meanDaysToRespond":15.0},
             {"request":"delete","offered":true,"received":2,"compliedInWholeOrInPart":2,"denied":0,
              "medianDaysToRespond":48.0,"meanDaysToRespond":48.0},
             {"request":"correct","offered":false,"received":0,"compliedInWholeOrInPart":0,"denied":0,
              "medianDaysToRespond":null,"meanDaysToRespond":null},
             {"request":"opt-out-of-sale-sharing","offered":true,"received":1,"compliedInWholeOrInPart":1,"denied":0,
              "medianDaysToRespond":1.0,"meanDaysToRespond":1.0}]}""";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void rightsService(DynamicPropertyRegistry registry) {
        registry.add("portal.api-url", api::baseUrl);
    }

    @BeforeAll
    static void anOfficerAndAnAgent() {
        officer = KeycloakPeople.create("en", "privacy-officer");
        agent = KeycloakPeople.create("en", "support-agent");
    }

    @AfterAll
    static void cleanUp() {
        KeycloakPeople.delete(officer);
        KeycloakPeople.delete(agent);
        api.close();
    }

    @BeforeEach
    void reset() {
        api.calls.clear();
        api.answer("GET /api/v1/officer/reports", 200, REPORT);
        api.answer("GET /api/v1/officer/reports/ccpa", 200, CCPA);
    }

    @Test
    void theReportShowsTheTableChartsAndExportsAndPassesOnlyCheckedParameters() {
        var client = signedIn(officer, "/console/reports");

        var page = client.get("/console/reports?from=2026-01-01&to=2027-01-01&period=week&jurisdiction=eu&x=1");

        assertThat(page.statusCode()).isEqualTo(200);
        var call = api.calls("GET", "/api/v1/officer/reports").get(0);
        assertThat(call.query())
                .as("an unknown period falls back to month; unknown parameters are dropped")
                .isEqualTo("from=2026-01-01&to=2027-01-01&period=month&jurisdiction=EU");
        assertThat(call.header("Authorization")).startsWith("Bearer ey");
        assertThat(call.header("Accept")).isEqualTo("application/json");
        var html = PortalClient.html(page);
        var rows = html.select("table#report-rows tbody tr");
        assertThat(rows.eachAttr("data-period")).containsExactly("2026-01", "2026-02");
        assertThat(rows.get(0).select("td").eachText())
                .containsExactly("2026-01", "EU", "4", "3", "1", "0", "0", "2 (66.7 %)", "1", "12.5", "30.1");
        assertThat(rows.get(1).select("td").eachText())
                .containsExactly("2026-02", "EU", "2", "0", "0", "1", "1", "—", "0", "—", "—");
        assertThat(html.selectFirst("tr#report-total").text()).startsWith("All 6 3 1 1 1 2 (66.7 %)");
        assertThat(html.select("table#report-refusals tbody td").eachText())
                .containsExactly("EU", "Identity could not be verified", "1");
        assertThat(html.select("table#report-systems tbody td").eachText()).containsExactly("crm", "2", "1", "5");
        assertThat(html.select(".chart-area").eachAttr("data-series")).containsExactly("received", "onTimeRate");
        assertThat(html.select("script[src]").eachAttr("src"))
                .contains("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js", "/assets/reports.js")
                .allMatch(src -> src.startsWith("/"), "served here, never from a CDN");
        assertThat(html.selectFirst("a#export-csv").attr("href"))
                .isEqualTo(
                        "/console/reports/export?from=2026-01-01&to=2027-01-01&period=month&jurisdiction=EU&format=csv");
        assertThat(html.selectFirst("a#nav-reports")).isNotNull();

        // the charting library comes from its webjar, through the portal
        var library = client.get("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js");
        assertThat(library.statusCode()).isEqualTo(200);
        assertThat(library.body()).contains("uPlot");
        assertThat(client.get("/assets/reports.js").statusCode()).isEqualTo(200);

        var chinese = PortalClient.html(client.get("/console/reports?lang=zh-CN"));
        assertThat(chinese.selectFirst("h1").text()).isEqualTo("合规报表");
        assertThat(chinese.selectFirst("tr#report-total th").text()).isEqualTo("合计");
    }

    @Test
    void aRangeThatEndsBeforeItStartsIsExplainedWithoutAskingTheApi() {
        var client = signedIn(officer, "/console/reports");

        var html = PortalClient.html(client.get("/console/reports?from=2026-05-01&to=2026-01-01"));

        assertThat(html.selectFirst("#report-backwards")).isNotNull();
        assertThat(api.calls("GET", "/api/v1/officer/reports")).isEmpty();
    }

    @Test
    void theCsvExportIsRightsServicesFileAsIs() {
        var csv = "period,jurisdiction,received\r\n2026-01,EU,4\r\n";
        api.answer("GET /api/v1/officer/reports", 200, "text/csv;charset=UTF-8", csv);
        var client = signedIn(officer, "/console/reports");

        var file = client.get("/console/reports/export?from=2026-01-01&to=2027-01-01&period=year&format=csv");

        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        assertThat(file.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"compliance-report-2026-01-01-2027-01-01.csv\"");
        assertThat(file.body()).isEqualTo(csv);
        var call = api.calls("GET", "/api/v1/officer/reports").get(0);
        assertThat(call.header("Accept")).isEqualTo("text/csv");
        assertThat(call.query()).isEqualTo("from=2026-01-01&to=2027-01-01&period=year");
    }

    @Test
    void theCcpaPageIsReadyToPublishInBothLanguages() {
        var client = signedIn(officer, "/console/reports/ccpa");

        var page = client.get("/console/reports/ccpa?year=2025");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(api.calls("GET", "/api/v1/officer/reports/ccpa").get(0).query())
                .isEqualTo("year=2025");
        var html = PortalClient.html(page);
        assertThat(html.selectFirst("h1").text()).isEqualTo("CCPA request metrics for 2025");
        var rows = html.select("table#ccpa-metrics tbody tr");
        assertThat(rows.eachAttr("data-request"))
                .containsExactly("know", "delete", "correct", "opt-out-of-sale-sharing");
        assertThat(rows.get(0).text()).isEqualTo("Requests to know 4 2 1 10.0 15.0");
        assertThat(rows.get(2).text()).startsWith("Requests to correct Not offered");
        assertThat(rows.get(3).text()).isEqualTo("Requests to opt out of sale or sharing 1 1 0 1.0 1.0");
        assertThat(html.selectFirst("button#print")).isNotNull();
        assertThat(html.selectFirst("a#ccpa-csv").attr("href"))
                .isEqualTo("/console/reports/ccpa/export?year=2025&format=csv");

        var chinese = PortalClient.html(client.get("/console/reports/ccpa?year=2025&lang=zh-CN"));
        assertThat(chinese.selectFirst("h1").text()).isEqualTo("2025年 CCPA 请求指标");
        assertThat(chinese.select("table#ccpa-metrics tbody tr")
                        .get(1)
                        .selectFirst("th")
                        .text())
                .isEqualTo("删除请求");

        api.calls.clear();
        client.get("/console/reports/ccpa?year=1999");
        assertThat(api.calls("GET", "/api/v1/officer/reports/ccpa").get(0).query())
                .as("a year out of range is the last complete one")
                .matches("year=20[0-9]{2}")
                .isNotEqualTo("year=1999");
    }

    @Test
    void theAuditCheckShowsWhetherTheTrailIsIntact() {
        api.answer("GET /api/v1/audit/verification", 200, """
                {"intact":true,"entriesChecked":120,"chainsChecked":30,"anchorsChecked":4,"entriesAwaitingAnchor":2,
                 "lastAnchor":{"id":4,"anchoredAt":"2026-12-06T09:00:00Z","hash":"ab12cd"},"problems":[]}""");
        var client = signedIn(officer, "/console/audit");

        var intact = PortalClient.html(client.get("/console/audit"));
        assertThat(intact.selectFirst("#audit-result").attr("data-intact")).isEqualTo("true");
        assertThat(intact.selectFirst("#audit-entries").text()).isEqualTo("120");
        assertThat(intact.selectFirst("#audit-last-anchor").text()).contains("ab12cd");

        api.answer("GET /api/v1/audit/verification", 200, """
                {"intact":false,"entriesChecked":120,"chainsChecked":30,"anchorsChecked":4,"entriesAwaitingAnchor":0,
                 "lastAnchor":null,"brokenAtSeq":17,"problem":"hash mismatch",
                 "problems":[{"seq":17,"anchorId":null,"chain":"r:abc","pos":3,"problem":"hash mismatch"}]}""");
        var broken = PortalClient.html(client.get("/console/audit?lang=zh-CN"));
        assertThat(broken.selectFirst("#audit-result").attr("data-intact")).isEqualTo("false");
        assertThat(broken.selectFirst("#audit-result").text()).contains("未通过");
        assertThat(broken.select("table#audit-problems tbody td").eachText())
                .containsExactly("r:abc #3", "hash mismatch");
    }

    @Test
    void anAgentWhomTheApiRefusesGetsTheOfficerOnlyPage() {
        var forbidden = "{\"type\":\"https://rights-platform.dev/problems/forbidden\",\"status\":403}";
        api.answer("GET /api/v1/officer/reports", 403, forbidden);
        api.answer("GET /api/v1/officer/reports/ccpa", 403, forbidden);
        api.answer("GET /api/v1/audit/verification", 403, forbidden);
        var client = signedIn(agent, "/console/reports");

        for (var path : new String[] {
            "/console/reports", "/console/reports/ccpa", "/console/audit", "/console/reports/export?format=csv"
        }) {
            var page = client.get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(403);
            var html = PortalClient.html(page);
            assertThat(html.selectFirst("#error").attr("data-status")).isEqualTo("403");
            assertThat(html.selectFirst("#error").text()).contains("for the privacy officer");
            assertThat(html.selectFirst("table")).isNull();
        }
    }

    private PortalClient signedIn(KeycloakPeople.Person person, String path) {
        var client = new PortalClient(port);
        client.signIn(person.username(), person.password(), path);
        return client;
    }
}
