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

    @Test
    void anAgentTakesARequestTheQueueShowsItHeldAndBulkActionsReportEachRequest() throws Exception {
        var taken = verifiedRequest("CN");
        var first = verifiedRequest("CN");
        var second = verifiedRequest("CN");
        signInAsAgent("/console/requests/" + taken.id());

        assertThat(browser.find("#held-by").getDomAttribute("data-held-by")).isNullOrEmpty();
        browser.find("button#take").click();
        browser.await("back on the page, taken", d -> browser.path().contains("?taken"));
        assertThat(browser.find("#held-by").getDomAttribute("data-held-by")).isEqualTo("agent");
        assertThat(browser.present("form#release-form")).isTrue();

        // the queue shows who holds what, and "mine" lists it
        browser.go("/console?heldBy=me");
        assertThat(browser.find("tr[data-request-id='" + taken.id() + "']").getDomAttribute("data-held-by"))
                .isEqualTo("agent");
        assertThat(browser.present("tr[data-request-id='" + first.id() + "']"))
                .as("not held by me")
                .isFalse();
        browser.go("/console?status=AWAITING_REVIEW&heldBy=nobody");
        assertThat(browser.present("tr[data-request-id='" + taken.id() + "']")).isFalse();

        // bulk: assign the two to the agent, in one submit
        findInQueue(first.id());
        browser.find("#select-" + first.id()).click();
        findInQueue(second.id());
        browser.find("#select-" + second.id()).click();
        new org.openqa.selenium.support.ui.Select(browser.find("#bulk-action")).selectByValue("ASSIGN");
        browser.find("#bulk-assignee").sendKeys("agent");
        browser.screenshot("console-queue-bulk-en");
        browser.find("button#bulk-submit").click();
        browser.await("the bulk results", d -> browser.present("#bulk-results"));
        assertThat(browser.findAll("#bulk-results li[data-ok=true]")).hasSize(2);
        browser.screenshot("console-bulk-assigned-en");
        browser.go("/console?heldBy=me");
        assertThat(browser.present("tr[data-request-id='" + first.id() + "']")).isTrue();
        assertThat(browser.present("tr[data-request-id='" + second.id() + "']")).isTrue();

        // bulk approval of the two: each answered on its own; verified by e-mail only, each needs the account it
        // belongs to (approved on its own page), so neither is approved and the page says why for each
        browser.go("/console?heldBy=me&lang=zh-CN");
        browser.find("#select-" + first.id()).click();
        browser.find("#select-" + second.id()).click();
        new org.openqa.selenium.support.ui.Select(browser.find("#bulk-action")).selectByValue("APPROVE");
        browser.find("button#bulk-submit").click();
        browser.await("the bulk results", d -> browser.present("#bulk-results"));
        for (var id : java.util.List.of(first.id(), second.id())) {
            assertThat(browser.find("li[data-request-id='" + id + "']").getDomAttribute("data-ok"))
                    .isEqualTo("false");
            assertThat(browser.find("li[data-request-id='" + id + "']").getText())
                    .contains("所属账号");
        }
        browser.phone();
        assertThat(browser.horizontalOverflow())
                .as("bulk results at phone width")
                .isZero();
        browser.screenshot("console-bulk-results-zh-phone");
        browser.go("/console?heldBy=me&lang=zh-CN");
        assertThat(browser.horizontalOverflow())
                .as("the queue with its bulk form at phone width")
                .isZero();
        browser.screenshot("console-queue-held-zh-phone");
    }

    @Test
    void anAgentOpensARequestOnBehalfOfAPersonWhoSeesItInTheirOwnList() throws Exception {
        var person = platform.keycloak.newDataSubject("zh-CN");
        signInAsAgent("/console/people?lang=zh-CN");

        browser.find("#who").sendKeys(person.email());
        browser.find("button#lookup").click();
        browser.await("the person's page", d -> browser.path().startsWith("/console/people/" + person.id()));
        assertThat(browser.find("#subject-id").getText()).isEqualTo(person.id());
        new org.openqa.selenium.support.ui.Select(browser.find("#on-behalf-type")).selectByValue("ACCESS");
        new org.openqa.selenium.support.ui.Select(browser.find("#on-behalf-method")).selectByValue("ID_DOCUMENT");
        browser.find("#on-behalf-note").sendKeys("身份证末四位与账号资料一致。");
        browser.phone();
        assertThat(browser.horizontalOverflow())
                .as("the person's page at phone width")
                .isZero();
        browser.screenshot("console-person-zh-phone");
        browser.desktop();
        new org.openqa.selenium.support.ui.Select(browser.find("#on-behalf-type")).selectByValue("ACCESS");
        new org.openqa.selenium.support.ui.Select(browser.find("#on-behalf-method")).selectByValue("ID_DOCUMENT");
        browser.find("#on-behalf-note").sendKeys("身份证末四位与账号资料一致。");
        browser.find("button#open-on-behalf").click();
        browser.await("the new request's page", d -> browser.path().contains("?opened"));
        var id = browser.path().replaceAll("^/console/requests/([0-9a-f-]{36}).*$", "$1");
        assertThat(browser.find("table#audit").getText())
                .contains("request.opened-on-behalf", "ID_DOCUMENT", "support-agent:");
        assertThat(browser.find("ul#notes").getText()).contains("身份证末四位与账号资料一致。");

        // the request is the person's: their own list shows it, and they are sent the usual mail
        var own = Browser.open(platform.gatewayUrl(), target);
        try {
            own.go("/requests");
            new KeycloakLoginPage(own, platform.settings.keycloakUrl).signIn(person);
            own.await("the person's list", d -> own.path().startsWith("/requests"));
            assertThat(own.present("tr[data-request-id='" + id + "']")).isTrue();
            own.screenshot("portal-requests-opened-by-agent-zh");
        } finally {
            own.close();
        }
        await("the person's mail about their request")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> !api.mailsTo(person.email()).isEmpty());
    }

    @Test
    void anAgentRetriesAParkedTaskFromTheConsoleOnceItsSystemRecovers() throws Exception {
        var billing = platform.systems.get("billing");
        billing.failEveryCallWith(503);
        try {
            var person = platform.keycloak.newDataSubject("en");
            var submitted = api.call(
                    "POST", "/api/v1/requests", platform.keycloak.accessToken(person), "{\"type\":\"DEREGISTER\"}");
            assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
            var id = api.json(submitted).get("id").asText();
            var agent = platform.keycloak.agentToken();
            await("the request parked for an agent")
                    .atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> api.json(api.call("GET", "/api/v1/requests/" + id, agent, null))
                            .path("status")
                            .asText()
                            .equals("NEEDS_ATTENTION"));
            signInAsAgent("/console/requests/" + id);
            assertThat(browser.find("tr[data-system=billing][data-status=FAILED]"))
                    .isNotNull();

            billing.recover();
            browser.find("tr[data-system=billing][data-status=FAILED] form button")
                    .click();
            browser.await("back on the page, retried", d -> browser.path().contains("?retried"));
            await("the deregistration completed")
                    .atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> api.json(api.call("GET", "/api/v1/requests/" + id, agent, null))
                            .path("status")
                            .asText()
                            .equals("COMPLETED"));
            browser.go("/console/requests/" + id);
            assertThat(browser.find("#request-status").getDomAttribute("data-status"))
                    .isEqualTo("COMPLETED");
            assertThat(browser.findAll("tr[data-system=billing][data-status=DONE]"))
                    .hasSize(1);
            browser.screenshot("console-retried-en");
        } finally {
            billing.recover();
        }
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
