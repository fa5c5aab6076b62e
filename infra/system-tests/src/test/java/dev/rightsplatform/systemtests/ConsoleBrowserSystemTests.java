package dev.rightsplatform.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The agent console in a real browser (headless Chromium), through the gateway, signing in on Keycloak's real login
 * page as the realm's demo support agent: a request verified by e-mail waits for review in the queue and is approved
 * for the account it belongs to; another is refused with a reason that reaches the person's mail; a third is
 * extended and shows its new due date; a person who opens the console is refused. Both languages, desktop and phone
 * width (screenshots in target/screenshots), axe-core on the queue and a request's page.
 */
@ExtendWith(PlatformExtension.class)
class ConsoleBrowserSystemTests {

    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");
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
    void anAgentFindsARequestWaitingForReviewInTheQueueAndApprovesItForTheAccount() throws Exception {
        var waiting = verifiedRequest("CN");
        var account = platform.keycloak.newDataSubject("en");
        signInAsAgent("/console?status=AWAITING_REVIEW");

        var row = findInQueue(waiting.id());
        assertThat(browser.find("select#filter-status option[value=AWAITING_REVIEW]")
                        .isSelected())
                .isTrue();
        browser.screenshot("console-queue-en");
        assertThat(browser.seriousAccessibilityViolations())
                .as("axe on the queue")
                .isEmpty();
        assertThat(row).isNotNull();

        browser.find("tr[data-request-id='" + waiting.id() + "'] a").click();
        browser.await(
                "on the request's console page", d -> browser.path().startsWith("/console/requests/" + waiting.id()));
        assertThat(browser.find("#request-status").getDomAttribute("data-status"))
                .isEqualTo("AWAITING_REVIEW");
        assertThat(browser.findAll("table#audit tbody tr"))
                .as("the audit trail")
                .isNotEmpty();
        browser.screenshot("console-request-en");
        assertThat(browser.seriousAccessibilityViolations())
                .as("axe on a request's page")
                .isEmpty();

        browser.find("#account-id").sendKeys(account.id());
        browser.find("button#approve").click();
        browser.await("back on the page, approved", d -> browser.path().contains("?approved"));
        assertThat(browser.find("#action-done").getText()).isNotBlank();
        assertThat(browser.find("#request-status").getDomAttribute("data-status"))
                .isIn("IN_PROGRESS", "COMPLETED");
    }

    @Test
    void aRefusalsReasonReachesThePersonAndAnExtensionShowsTheNewDueDate() throws Exception {
        var refused = verifiedRequest("CN");
        var extended = verifiedRequest("DE");
        var reason = "We could not confirm who you are ("
                + UUID.randomUUID().toString().substring(0, 8) + ").";
        signInAsAgent("/console/requests/" + refused.id());

        browser.find("#refuse-reason").sendKeys(reason);
        browser.find("button#refuse").click();
        browser.await("back on the page, refused", d -> browser.path().contains("?refused"));
        assertThat(browser.find("#request-status").getDomAttribute("data-status"))
                .isEqualTo("REFUSED");
        assertThat(browser.find("#refusal").getText()).isEqualTo(reason);
        await("the refusal mail with the agent's reason")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> api.mailsTo(refused.email()).stream()
                        .map(GatewayApi::mailText)
                        .anyMatch(text -> text.contains(reason)));

        browser.go("/console/requests/" + extended.id());
        var dueBefore = browser.find("#due-date").getText();
        browser.find("#extend-reason").sendKeys("The systems holding your data need longer.");
        browser.find("button#extend").click();
        browser.await("back on the page, extended", d -> browser.path().contains("?extended"));
        assertThat(browser.find("#extension").getText()).isEqualTo("The systems holding your data need longer.");
        assertThat(browser.find("#due-date").getText()).isNotEqualTo(dueBefore);
        assertThat(browser.present("form#extend-form")).as("only one extension").isFalse();
    }

    @Test
    void theConsoleSpeaksChineseAndFitsAPhone() throws Exception {
        var waiting = verifiedRequest("CN");
        signInAsAgent("/console?lang=zh-CN&status=AWAITING_REVIEW");

        assertThat(browser.htmlLang()).isEqualTo("zh-CN");
        assertThat(browser.find("h1").getText()).isEqualTo("按截止日期排列的请求");
        browser.screenshot("console-queue-zh");
        browser.phone();
        assertThat(browser.horizontalOverflow()).as("the queue at phone width").isZero();
        browser.screenshot("console-queue-zh-phone");
        browser.go("/console/requests/" + waiting.id());
        assertThat(browser.find("#actions-heading").getText()).isEqualTo("操作");
        assertThat(browser.horizontalOverflow())
                .as("a request's page at phone width")
                .isZero();
        browser.screenshot("console-request-zh-phone");
    }

    @Test
    void aPersonWhoOpensTheConsoleIsRefused() {
        var person = platform.keycloak.newDataSubject("en");
        browser.go("/console");
        new KeycloakLoginPage(browser, platform.settings.keycloakUrl).signIn(person);
        browser.await("back on the console", d -> browser.path().startsWith("/console"));

        assertThat(browser.find("#error").getDomAttribute("data-status")).isEqualTo("403");
        assertThat(browser.present("table#queue")).isFalse();
        browser.screenshot("console-refused-en");
    }

    private void signInAsAgent(String path) {
        browser.go(path);
        new KeycloakLoginPage(browser, platform.settings.keycloakUrl).signIn(AGENT);
        browser.await(
                "back on " + path,
                d -> browser.path()
                        .startsWith(path.substring(0, path.indexOf('?') < 0 ? path.length() : path.indexOf('?'))));
    }

    /** The request's row, following the queue's pages (other tests leave requests waiting too). */
    private org.openqa.selenium.WebElement findInQueue(String id) {
        for (int page = 0; page < 20; page++) {
            var rows = browser.findAll("tr[data-request-id='" + id + "']");
            if (!rows.isEmpty()) {
                return rows.get(0);
            }
            if (!browser.present("a#next-page")) {
                break;
            }
            browser.find("a#next-page").click();
            browser.await("the next page of the queue", d -> browser.present("table#queue, #queue-empty"));
        }
        throw new AssertionError("request " + id + " is not in the queue");
    }

    record Verified(String id, String email) {}

    /** A request made without an account and verified with the mailed code: it waits for an agent's review. */
    private static Verified verifiedRequest(String jurisdiction) throws Exception {
        var email = "console-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        var submitted = api.call(
                "POST",
                "/api/v1/public/requests",
                null,
                "{\"type\":\"ACCESS\",\"email\":\"" + email + "\",\"jurisdiction\":\"" + jurisdiction
                        + "\",\"locale\":\"en\"}");
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        var id = api.json(submitted).get("id").asText();
        var code = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .until(
                        () -> api.mailsTo(email).stream()
                                .map(GatewayApi::subject)
                                .map(CODE::matcher)
                                .filter(Matcher::find)
                                .map(m -> m.group(1))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
        var verified =
                api.call("POST", "/api/v1/public/requests/" + id + "/verify", null, "{\"code\":\"" + code + "\"}");
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
        assertThat(api.json(verified).get("status").asText()).isEqualTo("AWAITING_REVIEW");
        return new Verified(id, email);
    }
}
