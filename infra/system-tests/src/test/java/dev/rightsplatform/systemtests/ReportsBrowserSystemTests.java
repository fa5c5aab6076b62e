package dev.rightsplatform.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The privacy officer's report pages in a real browser (headless Chromium), through the gateway, signed in on
 * Keycloak's real login page as the realm's demo privacy officer: the compliance report with its charts drawn by uPlot
 * (served from its webjar by the portal, under the portal's CSP), the CCPA page and the audit trail's check, in both
 * languages, at desktop and phone width (screenshots in target/screenshots), axe-core on each; the demo support agent
 * is refused.
 */
@ExtendWith(PlatformExtension.class)
class ReportsBrowserSystemTests {

    private static final KeycloakAccounts.Person OFFICER =
            new KeycloakAccounts.Person("demo-officer", "officer", "officer@example.com", "officer-demo");
    private static final KeycloakAccounts.Person AGENT =
            new KeycloakAccounts.Person("demo-agent", "agent", "agent@example.com", "agent-demo");

    private static Platform platform;
    private static GatewayApi api;
    private static Path target;

    private Browser browser;

    @BeforeAll
    static void platform(Platform running) {
        platform = running;
        api = new GatewayApi(running);
        target = running.settings.root.resolve("infra/system-tests/target");
    }

    @BeforeEach
    void openBrowser() {
        browser = Browser.open(platform.gatewayUrl(), target);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    @Test
    void theOfficerSeesTheReportWithItsChartsInBothLanguagesAndOnAPhone() throws Exception {
        // at least one request received this year, so the report has a row and the charts a point
        var submitted = api.call(
                "POST",
                "/api/v1/public/requests",
                null,
                "{\"type\":\"ACCESS\",\"email\":\"report-"
                        + UUID.randomUUID().toString().substring(0, 8)
                        + "@example.com\",\"jurisdiction\":\"DE\",\"locale\":\"en\"}");
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        signIn(OFFICER, "/console/reports");

        assertThat(browser.find("h1").getText()).isEqualTo("Compliance report");
        assertThat(browser.findAll("table#report-rows tbody tr")).isNotEmpty();
        assertThat(browser.find("tr#report-total").getText()).startsWith("All");
        browser.await(
                "both charts drawn by uPlot",
                d -> browser.findAll(".chart-area .uplot canvas").size() == 2);
        browser.screenshot("reports-en");
        assertThat(browser.seriousAccessibilityViolations())
                .as("axe on the report")
                .isEmpty();
        browser.phone();
        browser.await(
                "the charts again at phone width",
                d -> browser.findAll(".chart-area .uplot canvas").size() == 2);
        assertThat(browser.horizontalOverflow()).as("the report at phone width").isZero();
        browser.screenshot("reports-en-phone");

        browser.go("/console/reports?lang=zh-CN");
        assertThat(browser.htmlLang()).isEqualTo("zh-CN");
        assertThat(browser.find("h1").getText()).isEqualTo("合规报表");
        browser.await(
                "the charts in Chinese",
                d -> browser.findAll(".chart-area .uplot canvas").size() == 2);
        assertThat(browser.horizontalOverflow())
                .as("the Chinese report at phone width")
                .isZero();
        browser.screenshot("reports-zh-phone");

        browser.go("/console/reports/ccpa");
        assertThat(browser.findAll("table#ccpa-metrics tbody tr")).hasSize(4);
        assertThat(browser.find("tr[data-request=correct]").getText()).contains("本平台不提供");
        assertThat(browser.horizontalOverflow())
                .as("the CCPA page at phone width")
                .isZero();
        assertThat(browser.seriousAccessibilityViolations())
                .as("axe on the CCPA page")
                .isEmpty();
        browser.screenshot("reports-ccpa-zh-phone");

        browser.desktop();
        browser.go("/console/audit?lang=en");
        assertThat(browser.find("#audit-result").getDomAttribute("data-intact")).isEqualTo("true");
        assertThat(browser.seriousAccessibilityViolations())
                .as("axe on the audit check")
                .isEmpty();
        browser.screenshot("reports-audit-en");
    }

    @Test
    void aSupportAgentIsRefusedTheReports() {
        signIn(AGENT, "/console/reports");

        assertThat(browser.find("#error").getDomAttribute("data-status")).isEqualTo("403");
        assertThat(browser.find("#error").getText()).contains("privacy officer");
        assertThat(browser.present("table#report-rows")).isFalse();
    }

    private void signIn(KeycloakAccounts.Person person, String path) {
        browser.go(path);
        new KeycloakLoginPage(browser, platform.settings.keycloakUrl).signIn(person);
        browser.await("back on " + path, d -> browser.path().startsWith(path));
    }
}
