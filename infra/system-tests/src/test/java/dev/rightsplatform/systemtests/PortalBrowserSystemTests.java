package dev.rightsplatform.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import java.util.zip.ZipInputStream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.support.ui.Select;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The self-service portal in a real browser (headless Chromium), through the gateway, signing in on Keycloak's real
 * login page: export, access, consent withdrawal, deregistration with its cooling-off and signed receipt, a request
 * without an account, both languages at desktop and phone width (screenshots in target/screenshots), axe-core on
 * every main page, and what the portal refuses (another person's request, a form without its CSRF token).
 */
@ExtendWith(PlatformExtension.class)
class PortalBrowserSystemTests {

    private static final Logger log = LoggerFactory.getLogger(PortalBrowserSystemTests.class);
    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");
    private static final Pattern REQUEST_PAGE = Pattern.compile("^/requests/([0-9a-fA-F-]{36})/?(\\?.*)?$");
    private static final Pattern PUBLIC_PAGE = Pattern.compile("^/without-account/([0-9a-fA-F-]{36})/?(\\?.*)?$");
    private static final Set<String> FINAL = Set.of("COMPLETED", "CANCELLED", "REFUSED");
    private static final Duration REQUEST_DONE = Duration.ofSeconds(90);

    private static Platform platform;
    private static GatewayApi api;
    private static Path target;
    /** A person with a completed access request, whose pages the language and accessibility tours visit. */
    private static KeycloakAccounts.Person tourist;

    private static String touristAccessId;
    private static String publicRequestId;

    private Browser browser;
    /** Forms with more than one _csrf field (both posted; not a failure, but told in the log). */
    private final List<String> duplicateCsrfFields = new ArrayList<>();

    /** On failure: a screenshot and what the page showed, before the browser closes. */
    @RegisterExtension
    final AfterTestExecutionCallback evidenceOnFailure = context -> {
        if (context.getExecutionException().isPresent() && browser != null) {
            try {
                var shot = browser.screenshot(
                        "FAILED-" + context.getRequiredTestMethod().getName());
                Files.writeString(
                        shot.resolveSibling(
                                "FAILED-" + context.getRequiredTestMethod().getName() + ".html"),
                        browser.driver.getPageSource());
                log.error(
                        "{} failed on {} (screenshot {})",
                        context.getRequiredTestMethod().getName(),
                        browser.describePage(),
                        shot);
            } catch (RuntimeException | IOException e) {
                log.error("no evidence of the failure: {}", e.toString());
            }
        }
    };

    @BeforeAll
    static void platform(Platform running) throws Exception {
        platform = running;
        api = new GatewayApi(running);
        target = running.settings.root.resolve("infra/system-tests/target");
        tourist = platform.keycloak.newDataSubject("en");
        var token = platform.keycloak.accessToken(tourist);
        touristAccessId = submitByApi(token, "ACCESS");
        await().atMost(REQUEST_DONE)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> "COMPLETED"
                        .equals(api.json(api.call("GET", "/api/v1/requests/" + touristAccessId, token, null))
                                .path("status")
                                .asText()));
        var submitted = api.call(
                "POST",
                "/api/v1/public/requests",
                null,
                "{\"type\":\"ACCESS\",\"email\":\"tour-"
                        + UUID.randomUUID().toString().substring(0, 8) + "@example.com\"}");
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        publicRequestId = api.json(submitted).get("id").asText();
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

    // 1 --------------------------------------------------------------------------------------------------------------

    @Test
    void anExportIsSubmittedCompletedAndItsZipDownloadedMatchingItsManifest() throws Exception {
        var person = platform.keycloak.newDataSubject("en");
        // a page that needs a login: Keycloak first, then back to the page asked for
        browser.go("/requests/new/export");
        login().awaitShown();
        login().signIn(person);
        browser.await(
                "back on /requests/new/export after signing in",
                d -> browser.path().startsWith("/requests/new/export"));
        assertThat(browser.present("form#new-request input[type=hidden][name=_csrf]"))
                .as("the form's CSRF field")
                .isTrue();
        // should the form fail, the rest is still checked with a request made through the API (reported at the end)
        String submitFailure = null;
        String requestId;
        browser.find("form#new-request button#submit-request").click();
        var landed = browser.await("the new request's page /requests/{id}, or an error page", d -> {
            var m = REQUEST_PAGE.matcher(browser.path());
            return m.matches() ? m.group(1) : browser.present("#error, #form-error") ? "" : null;
        });
        if (landed.isEmpty()) {
            submitFailure = "submitting form#new-request on /requests/new/export led to " + browser.describePage();
            browser.screenshot("FAILED-export-submit");
            log.error(submitFailure);
            requestId = submitByApi(platform.keycloak.accessToken(person), "EXPORT");
            browser.go("/requests/" + requestId);
        } else {
            requestId = landed;
        }

        assertThat(awaitStatus(FINAL)).isEqualTo("COMPLETED");
        assertThat(browser.find("#due-date").getText()).as("#due-date").isNotBlank();
        assertThat(browser.find("#due-rule").getText()).as("#due-rule").isNotBlank();
        assertThat(browser.findAll("ol#timeline > li")).as("ol#timeline > li").isNotEmpty();

        browser.awaitElement("form#export-link button#make-link").click();
        var download = browser.awaitElement("a#download");
        var href = download.getDomAttribute("href");
        var sha256Shown = browser.find("#export-sha256").getText().trim().toLowerCase();
        assertThat(browser.find("#export-size").getText()).as("#export-size").isNotBlank();
        var link = URI.create(browser.url(href));
        assertThat(link.getPath()).as("a#download href").isEqualTo("/requests/" + requestId + "/export/download");
        assertThat(browser.url(href)).as("same origin as the portal").startsWith(platform.gatewayUrl() + "/");
        // the link lives for seconds here (Platform.LINK_TTL): download at once, the screenshot after
        download.click();
        var zip = Files.readAllBytes(browser.awaitDownload(Duration.ofSeconds(30)));
        browser.screenshot("request-export-completed-en");

        assertThat(sha256Shown)
                .as("#export-sha256 names the downloaded archive's SHA-256")
                .contains(sha256(zip));
        var files = unzip(zip);
        assertThat(files)
                .containsKeys(
                        "manifest.json",
                        "index.html",
                        "systems/crm.json",
                        "systems/orders.json",
                        "systems/billing.json",
                        "systems/crm/profile.csv");
        var manifest = GatewayApi.JSON.readTree(files.get("manifest.json"));
        var listed = new HashMap<String, String>();
        manifest.get("files")
                .forEach(file ->
                        listed.put(file.get("path").asText(), file.get("sha256").asText()));
        assertThat(listed.keySet())
                .as("every file but the manifest is listed")
                .containsExactlyInAnyOrderElementsOf(files.keySet().stream()
                        .filter(name -> !name.equals("manifest.json"))
                        .toList());
        for (var file : listed.entrySet()) {
            assertThat(sha256(files.get(file.getKey())))
                    .as("sha256 of %s", file.getKey())
                    .isEqualTo(file.getValue());
        }
        assertThat(new String(files.get("systems/crm/profile.csv"), StandardCharsets.UTF_8))
                .contains(person.id());
        assertThat(browser.seriousAccessibilityViolations())
                .as("axe on the completed export's page")
                .isEmpty();
        assertThat(submitFailure).as("the export form").isNull();
    }

    // 2 --------------------------------------------------------------------------------------------------------------

    @Test
    void anAccessRequestShowsTheDataBySystemAndCategoryAndSigningOutEndsTheKeycloakSession() {
        var person = platform.keycloak.newDataSubject("en");
        signInFromStartPage(person);
        assertThat(browser.findAll("table#deadlines tr"))
                .as("table#deadlines rows on /")
                .hasSizeGreaterThan(1);

        browser.find("a#start-access").click();
        browser.await("on /requests/new/access", d -> browser.path().startsWith("/requests/new/access"));
        var requestId = submitNewRequest();
        assertThat(awaitStatus(FINAL)).isEqualTo("COMPLETED");

        browser.find("a#view-data").click();
        browser.await(
                "on /requests/" + requestId + "/data",
                d -> browser.path().startsWith("/requests/" + requestId + "/data"));
        var systems = browser.findAll("section.system[data-system]");
        assertThat(systems)
                .extracting(section -> section.getDomAttribute("data-system"))
                .containsExactlyInAnyOrderElementsOf(Platform.DATA_SYSTEMS);
        for (var section : systems) {
            var name = section.getDomAttribute("data-system");
            var categories = section.findElements(org.openqa.selenium.By.cssSelector("table.category[data-category]"));
            assertThat(categories)
                    .as("table.category in section.system[data-system=%s]", name)
                    .extracting(table -> table.getDomAttribute("data-category"))
                    .contains("profile", "orders");
            var profile = categories.stream()
                    .filter(table -> "profile".equals(table.getDomAttribute("data-category")))
                    .findFirst()
                    .orElseThrow();
            assertThat(profile.getText()).as("profile of %s", name).contains(person.id());
        }
        browser.screenshot("request-data-en");

        browser.find("a#nav-requests").click();
        browser.await("on /requests", d -> browser.path().startsWith("/requests") && browser.present("table#requests"));
        var row = browser.find("table#requests tr[data-request-id='" + requestId + "']");
        assertThat(row.findElement(org.openqa.selenium.By.cssSelector("td.status"))
                        .getDomAttribute("data-status"))
                .isEqualTo("COMPLETED");

        // signing out ends the Keycloak session too: the next page that needs a login asks for the password again
        browser.go("/");
        browser.find("form#sign-out button#sign-out-button").click();
        browser.await(
                "back on the portal, signed out (a#sign-in)",
                Duration.ofSeconds(30),
                d -> browser.onPortal() && browser.present("a#sign-in") && !browser.present("form#sign-out"));
        browser.go("/requests");
        login().awaitShown();
    }

    // 3 --------------------------------------------------------------------------------------------------------------

    @Test
    void aConsentIsWithdrawnOnTheConsentsPageAndGlobalPrivacyControlIsShown() throws Exception {
        var person = platform.keycloak.newDataSubject("en");
        var token = platform.keycloak.accessToken(person);
        assertThat(api.call("POST", "/api/v1/consents/marketing", token, "{\"noticeVersion\":\"2\"}")
                        .statusCode())
                .isEqualTo(200);

        browser.go("/");
        browser.find("a#nav-consents").click();
        login().signIn(person);
        browser.await("back on /consents", d -> browser.path().startsWith("/consents"));
        var marketing = "li.purpose[data-purpose='marketing']";
        assertThat(browser.find(marketing).getDomAttribute("data-state")).isEqualTo("granted");
        assertThat(browser.findAll("li.purpose[data-purpose]"))
                .as("one li.purpose per purpose")
                .hasSizeGreaterThanOrEqualTo(4);
        var historyBefore = historyRows();

        browser.find(marketing + " form.withdraw button.withdraw").click();
        browser.await(
                "marketing withdrawn on /consents",
                d -> "withdrawn".equals(browser.find(marketing).getDomAttribute("data-state")));
        assertThat(browser.path()).startsWith("/consents");
        assertThat(browser.findAll(marketing + " form.withdraw"))
                .as("no withdraw form for a withdrawn purpose")
                .isEmpty();
        assertThat(historyRows()).as("table#consent-history has the withdrawal").isEqualTo(historyBefore + 1);
        assertThat(browser.find("table#consent-history").getText()).isNotBlank();
        browser.screenshot("consents-withdrawn-en");

        var history = api.json(api.call("GET", "/api/v1/consents/history", token, null))
                .get("items");
        assertThat(history.get(0).get("purpose").asText() + ":"
                        + history.get(0).get("action").asText() + ":"
                        + history.get(0).get("method").asText())
                .isEqualTo("marketing:WITHDRAWN:PORTAL");

        assertThat(browser.findAll("#gpc-status"))
                .as("#gpc-status without Sec-GPC")
                .allSatisfy(element -> assertThat(element.isDisplayed()).isFalse());
        browser.extraHeaders(Map.of("Sec-GPC", "1"));
        browser.go("/consents");
        assertThat(browser.awaitElement("#gpc-status").isDisplayed())
                .as("#gpc-status with Sec-GPC: 1")
                .isTrue();
        browser.screenshot("consents-gpc-en");
    }

    // 4 --------------------------------------------------------------------------------------------------------------

    @Test
    void aDeregistrationIsCancelledInItsCoolingOffThenCarriedOutWithASignedReceipt() throws Exception {
        var person = platform.keycloak.newDataSubject("en");
        signInFromStartPage(person);
        browser.find("a#start-deregister").click();
        browser.await("on /requests/new/deregister", d -> browser.path().startsWith("/requests/new/deregister"));
        var confirm = browser.find("input#confirm");
        assertThat(confirm.getDomAttribute("required"))
                .as("input#confirm is required")
                .isNotNull();
        browser.find("button#submit-request").click();
        assertThat(browser.script("return document.querySelector('input#confirm').validity.valueMissing"))
                .isEqualTo(true);
        ServiceProcess.sleepQuietly(Duration.ofMillis(800));
        assertThat(browser.path()).as("not submitted without the confirmation").startsWith("/requests/new/deregister");

        browser.find("input#confirm").click();
        var first = submitNewRequest();
        assertThat(awaitStatus(Set.of("COOLING_OFF", "COMPLETED", "CANCELLED", "REFUSED")))
                .isEqualTo("COOLING_OFF");
        var until = instant(browser.find("#cooling-off-countdown").getDomAttribute("data-until"));
        assertThat(until)
                .as("#cooling-off-countdown[data-until]")
                .isBetween(
                        Instant.now().minusSeconds(2),
                        Instant.now().plus(Platform.COOLING_OFF).plusSeconds(5));
        // the page refreshes itself while the request runs: click again should it be replaced under the click
        browser.await("button#cancel clicked during the cooling-off", d -> {
            var status = browser.find("#request-status").getDomAttribute("data-status");
            if ("COOLING_OFF".equals(status)) {
                browser.find("form#cancel-request button#cancel").click();
                return "clicked";
            }
            return status;
        });
        assertThat(awaitStatus(FINAL))
                .as("request %s after cancelling in its cooling-off", first)
                .isEqualTo("CANCELLED");
        browser.screenshot("request-cancelled-en");
        await("the account is enabled again")
                .atMost(Duration.ofSeconds(30))
                .until(() -> platform.keycloak.isEnabled(person.id()));

        browser.go("/requests/new/deregister");
        browser.find("input#confirm").click();
        var second = submitNewRequest();
        assertThat(second).isNotEqualTo(first);
        assertThat(awaitStatus(FINAL)).as("the second deregistration").isEqualTo("COMPLETED");
        assertThat(platform.keycloak.exists(person.id()))
                .as("the Keycloak account is gone")
                .isFalse();
        var receiptHref = browser.find("a#receipt").getDomAttribute("href");
        var fromRequestPage = browser.fetch("GET", receiptHref, Map.of(), null);
        assertThat(fromRequestPage.statusCode())
                .as("a#receipt on the request page")
                .isEqualTo(200);
        verifyReceipt(fromRequestPage.body(), second, "DEREGISTER", person);
        browser.screenshot("request-deregister-completed-en");
        browser.close();

        // a fresh browser: Keycloak refuses the deleted account
        browser = Browser.open(platform.gatewayUrl(), target);
        browser.go("/");
        browser.find("a#sign-in").click();
        var refused = login().signInRefused(person.username(), person.password());
        log.info("Keycloak refused the deregistered person: {}", refused);

        // the mail's link opens the receipt page, whose JSON is signed
        var link = Pattern.compile(Pattern.quote(platform.gatewayUrl()) + "/receipts/[A-Za-z0-9._~%-]+");
        var receiptUrl = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> api.mailsTo(person.email()).stream()
                                .map(GatewayApi::mailText)
                                .map(link::matcher)
                                .filter(java.util.regex.Matcher::find)
                                .map(java.util.regex.Matcher::group)
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
        browser.go(receiptUrl);
        var download = browser.awaitElement("a#receipt-download").getDomAttribute("href");
        var json = browser.fetch("GET", download, Map.of(), null);
        assertThat(json.statusCode()).as("a#receipt-download").isEqualTo(200);
        verifyReceipt(json.body(), second, "DEREGISTER", person);
        browser.screenshot("receipt-en");
        assertThat(browser.seriousAccessibilityViolations())
                .as("axe on the receipt page")
                .isEmpty();
        browser.go(receiptUrl + "?lang=zh-CN");
        assertThat(browser.htmlLang()).isEqualTo("zh-CN");
        browser.screenshot("receipt-zh-CN");
    }

    // 5 --------------------------------------------------------------------------------------------------------------

    @Test
    void theMainPagesSpeakEnglishAndChineseAndFitAPhone() {
        var findings = new SoftAssertions();
        for (var language : List.of("en", "zh-CN")) {
            // the header's language links set the same sticky choice as ?lang=
            browser.go("/");
            browser.find(language.equals("en") ? "a#lang-en" : "a#lang-zh").click();
            browser.await("<html lang=" + language + "> after a#lang-*", d -> language.equals(browser.htmlLang()));
            var signedOut = signedOutPages();
            visit(signedOut, language, findings, false);
            signIn(language);
            visit(signedInPages(), language, findings, false);
            browser.phone();
            visit(signedInPages(), language, findings, true);
            browser.desktop();
            signOut();
            browser.phone();
            visit(signedOut, language, findings, true);
            browser.desktop();
        }
        assertThat(duplicateCsrfFields)
                .as("forms with more than one hidden _csrf field")
                .isEmpty();
        findings.assertAll();
    }

    // 7 --------------------------------------------------------------------------------------------------------------

    @Test
    void theMainPagesHaveNoSeriousOrCriticalAccessibilityViolations() {
        var violations = new LinkedHashMap<String, List<String>>();
        for (var language : List.of("en", "zh-CN")) {
            browser.go("/?lang=" + language);
            for (var page : signedOutPages().entrySet()) {
                axe(page.getKey() + "-" + language, page.getValue(), violations);
            }
            signIn(language);
            for (var page : signedInPages().entrySet()) {
                axe(page.getKey() + "-" + language, page.getValue(), violations);
            }
            browser.phone();
            axe("home-" + language + "-phone", "/", violations);
            axe("requests-" + language + "-phone", "/requests", violations);
            browser.desktop();
            signOut();
        }
        assertThat(violations)
                .as(
                        "serious or critical axe-core violations, by page:%n%s",
                        violations.entrySet().stream()
                                .map(entry -> entry.getKey() + ":\n    " + String.join("\n    ", entry.getValue()))
                                .collect(Collectors.joining("\n")))
                .isEmpty();
    }

    // 6 --------------------------------------------------------------------------------------------------------------

    @Test
    void anotherPersonsRequestIsNotFoundAndAFormWithoutItsCsrfTokenIsRefused() throws Exception {
        var owner = platform.keycloak.newDataSubject("en");
        var requestId = submitByApi(platform.keycloak.accessToken(owner), "ACCESS");
        var other = platform.keycloak.newDataSubject("en");
        var otherToken = platform.keycloak.accessToken(other);
        assertThat(api.call("POST", "/api/v1/consents/marketing", otherToken, "{\"noticeVersion\":\"2\"}")
                        .statusCode())
                .isEqualTo(200);

        browser.go("/requests/" + requestId);
        login().signIn(other);
        browser.await("back on /requests/" + requestId, d -> browser.path().startsWith("/requests/" + requestId));
        assertThat(browser.awaitElement("#error").getDomAttribute("data-status"))
                .isEqualTo("404");
        assertThat(browser.present("#request-status"))
                .as("nothing of the request is shown")
                .isFalse();
        assertThat(browser.driver.getPageSource())
                .doesNotContain(owner.username())
                .doesNotContain(owner.email());
        assertThat(browser.fetch("GET", "/requests/" + requestId, Map.of(), null)
                        .statusCode())
                .as("HTTP status")
                .isEqualTo(404);
        assertThat(browser.fetch("GET", "/requests/" + requestId + "/data", Map.of(), null)
                        .statusCode())
                .isEqualTo(404);
        browser.screenshot("error-404-en");

        // a new request posted from the page by script, without the form's _csrf field
        browser.go("/requests/new/access");
        assertThat(browser.find("form#new-request input[type=hidden][name=_csrf]")
                        .getDomAttribute("value"))
                .isNotBlank();
        var status = ((Number) browser.asyncScript("""
                const done = arguments[arguments.length - 1];
                const form = document.querySelector('form#new-request');
                fetch(form.action, {method: 'POST', credentials: 'same-origin', redirect: 'manual',
                    headers: {'Content-Type': 'application/x-www-form-urlencoded'}, body: ''})
                  .then(r => done(r.status), e => done(-1));
                """)).intValue();
        assertThat(status)
                .as(
                        "POST %s without _csrf (0 would be a redirect: accepted)",
                        browser.find("form#new-request").getDomAttribute("action"))
                .isEqualTo(403);
        // a withdrawal posted with the session cookie but no _csrf
        browser.go("/consents");
        var withdraw = browser.find("li.purpose[data-purpose='marketing'] form.withdraw")
                .getDomAttribute("action");
        assertThat(browser.fetch("POST", withdraw, Map.of("Origin", platform.gatewayUrl()), "")
                        .statusCode())
                .as("POST %s without _csrf", withdraw)
                .isEqualTo(403);

        assertThat(api.json(api.call("GET", "/api/v1/requests", otherToken, null)))
                .as("no request was made")
                .isEmpty();
        var consents = api.json(api.call("GET", "/api/v1/consents", otherToken, null));
        assertThat(StreamSupport.stream(consents.spliterator(), false)
                        .filter(state -> "marketing".equals(state.get("purpose").asText()))
                        .map(state -> state.get("granted").asBoolean()))
                .as("marketing still granted")
                .containsExactly(true);
    }

    // 8 --------------------------------------------------------------------------------------------------------------

    @Test
    void aRequestWithoutAnAccountIsConfirmedWithTheMailedCode() {
        var email = "public-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        browser.go("/");
        browser.find("a#start-without-account").click();
        browser.await("on /without-account", d -> browser.path().startsWith("/without-account"));
        browser.find("form#public-request #email").sendKeys(email);
        new Select(browser.find("form#public-request #type")).selectByValue("ACCESS");
        browser.find("button#submit-public").click();
        var matcher = browser.await("on /without-account/{id}", d -> {
            var m = PUBLIC_PAGE.matcher(browser.path());
            return m.matches() ? m : null;
        });
        var requestId = matcher.group(1);
        var code = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .until(
                        () -> api.mailsTo(email).stream()
                                .map(GatewayApi::subject)
                                .map(Pattern.compile("\\b(\\d{6})\\b")::matcher)
                                .filter(java.util.regex.Matcher::find)
                                .map(m -> m.group(1))
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
        browser.find("form#verify #code").sendKeys(code);
        browser.find("button#verify-button").click();
        var status = browser.await(
                "#public-status after verifying",
                d -> browser.find("#public-status").getDomAttribute("data-status"));
        assertThat(status).as("request %s after its code", requestId).isNotEqualTo("AWAITING_VERIFICATION");
        browser.screenshot("without-account-verified-en");
    }

    // ----------------------------------------------------------------------------------------------------------------

    private KeycloakLoginPage login() {
        return new KeycloakLoginPage(browser, platform.settings.keycloakUrl);
    }

    private void signInFromStartPage(KeycloakAccounts.Person person) {
        browser.go("/");
        assertThat(browser.present("form#sign-out")).as("signed out at first").isFalse();
        browser.find("a#sign-in").click();
        login().signIn(person);
        browser.await(
                "back on the portal, signed in (form#sign-out)",
                d -> browser.onPortal() && browser.present("form#sign-out button#sign-out-button"));
        browser.go("/");
    }

    /** Signs the tourist in from the start page (the language cookie stays). */
    private void signIn(String language) {
        browser.go("/");
        browser.find("a#sign-in").click();
        var page = login().awaitShown();
        browser.screenshot("keycloak-login-" + language);
        log.info("Keycloak's login page in {} from the {} portal", page.lang(), language);
        page.signIn(tourist);
        browser.await("signed in (form#sign-out)", d -> browser.present("form#sign-out"));
    }

    private void signOut() {
        browser.go("/");
        browser.find("form#sign-out button#sign-out-button").click();
        browser.await(
                "signed out (a#sign-in)",
                Duration.ofSeconds(30),
                d -> browser.onPortal() && browser.present("a#sign-in"));
    }

    /** Clicks the form's submit button and waits for /requests/{id}; returns the id. */
    private String submitNewRequest() {
        browser.find("form#new-request button#submit-request").click();
        var matcher = browser.await("the new request's page /requests/{id}", d -> {
            var m = REQUEST_PAGE.matcher(browser.path());
            return m.matches() ? m : null;
        });
        return matcher.group(1);
    }

    private String awaitStatus(Set<String> statuses) {
        return browser.reloadUntilAttribute("#request-status", "data-status", REQUEST_DONE, statuses);
    }

    private static Instant instant(String iso) {
        try {
            return Instant.parse(iso);
        } catch (java.time.format.DateTimeParseException notUtc) {
            return java.time.OffsetDateTime.parse(iso).toInstant();
        }
    }

    private int historyRows() {
        return browser.findAll("table#consent-history tbody tr").size();
    }

    private static Map<String, String> signedOutPages() {
        var pages = new LinkedHashMap<String, String>();
        pages.put("home-signed-out", "/");
        pages.put("without-account", "/without-account");
        pages.put("without-account-verify", "/without-account/" + publicRequestId);
        return pages;
    }

    private static Map<String, String> signedInPages() {
        var pages = new LinkedHashMap<String, String>();
        pages.put("home", "/");
        pages.put("requests", "/requests");
        pages.put("new-access", "/requests/new/access");
        pages.put("new-export", "/requests/new/export");
        pages.put("new-deregister", "/requests/new/deregister");
        pages.put("request-access-completed", "/requests/" + touristAccessId);
        pages.put("request-data", "/requests/" + touristAccessId + "/data");
        pages.put("consents", "/consents");
        pages.put("error-404", "/requests/" + UUID.randomUUID());
        return pages;
    }

    /** Each page in the language (sticky cookie, no ?lang): lang attribute, Chinese text, CSRF fields, screenshot. */
    private void visit(Map<String, String> pages, String language, SoftAssertions findings, boolean phone) {
        for (var page : pages.entrySet()) {
            var name = page.getKey() + "-" + language + (phone ? "-phone" : "");
            browser.go(page.getValue());
            var where = name + " (" + page.getValue() + ")";
            if (!browser.onPortal()) {
                findings.fail("%s: left the portal for %s", where, browser.describePage());
                continue;
            }
            browser.screenshot(name);
            findings.assertThat(browser.htmlLang()).as("%s: <html lang>", where).isEqualTo(language);
            var heading = browser.findAll("h1").stream().map(h -> h.getText()).collect(Collectors.joining(" "));
            if (language.equals("zh-CN")) {
                findings.assertThat(HAN.matcher(heading).find())
                        .as("%s: <h1> in Chinese, was \"%s\"", where, heading)
                        .isTrue();
                findings.assertThat(HAN.matcher(browser.driver.getTitle()).find())
                        .as("%s: <title> in Chinese, was \"%s\"", where, browser.driver.getTitle())
                        .isTrue();
            } else {
                findings.assertThat(HAN.matcher(heading).find())
                        .as("%s: <h1> in English, was \"%s\"", where, heading)
                        .isFalse();
            }
            findings.assertThat(heading).as("%s: an <h1>", where).isNotBlank();
            for (var form : browser.findAll("form")) {
                var method = form.getDomAttribute("method");
                if (method != null && method.equalsIgnoreCase("post")) {
                    var tokens =
                            form.findElements(org.openqa.selenium.By.cssSelector("input[type=hidden][name=_csrf]"));
                    findings.assertThat(tokens)
                            .as("%s: form#%s has a hidden _csrf field", where, form.getDomAttribute("id"))
                            .isNotEmpty();
                    if (tokens.size() > 1) {
                        duplicateCsrfFields.add(where + " form#" + form.getDomAttribute("id") + ": " + tokens.size()
                                + " fields, "
                                + tokens.stream()
                                        .map(token -> token.getDomAttribute("value"))
                                        .distinct()
                                        .count()
                                + " distinct value(s)");
                    }
                }
            }
            if (phone) {
                findings.assertThat(browser.horizontalOverflow())
                        .as("%s: CSS pixels wider than a %d px phone", where, Browser.PHONE_WIDTH)
                        .isZero();
            }
        }
    }

    private void axe(String name, String path, Map<String, List<String>> violations) {
        browser.go(path);
        var found = browser.seriousAccessibilityViolations();
        if (!found.isEmpty()) {
            violations.put(name + " (" + path + ")", found);
        }
    }

    private static String submitByApi(String token, String type) throws Exception {
        var submitted = api.call("POST", "/api/v1/requests", token, "{\"type\":\"" + type + "\"}");
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        return api.json(submitted).get("id").asText();
    }

    /**
     * A signed receipt: {"format":"rights-receipt/1","algorithm":"SHA256withRSA","payload":…,"signature":…,
     * "certificateUrl":…}, verified with the platform's public certificate; the payload names the request and the
     * systems, and nothing that identifies the person.
     */
    private static void verifyReceipt(byte[] body, String requestId, String type, KeycloakAccounts.Person person)
            throws Exception {
        var receipt = GatewayApi.JSON.readTree(body);
        assertThat(receipt.path("format").asText())
                .as(new String(body, StandardCharsets.UTF_8))
                .isEqualTo("rights-receipt/1");
        assertThat(receipt.path("algorithm").asText()).isEqualTo("SHA256withRSA");
        var payload = Base64.getDecoder().decode(receipt.get("payload").asText());
        var signature = Base64.getDecoder().decode(receipt.get("signature").asText());
        var certificateUrl = receipt.path("certificateUrl").asText();
        assertThat(certificateUrl).isEqualTo("/api/v1/receipts/certificate");
        var pem = api.call("GET", certificateUrl, null, null);
        assertThat(pem.statusCode())
                .as("GET %s without a login", certificateUrl)
                .isEqualTo(200);
        var certificate = CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.body().getBytes(StandardCharsets.US_ASCII)));
        var verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(payload);
        assertThat(verifier.verify(signature)).as("the receipt's signature").isTrue();
        var tampered = payload.clone();
        tampered[tampered.length / 2] ^= 1;
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(tampered);
        assertThat(verifier.verify(signature)).as("a changed payload fails").isFalse();

        var text = new String(payload, StandardCharsets.UTF_8);
        JsonNode signed = GatewayApi.JSON.readTree(payload);
        assertThat(signed.path("requestId").asText()).as(text).isEqualTo(requestId);
        assertThat(signed.path("type").asText()).as(text).isEqualTo(type);
        assertThat(signed.path("systems").isArray() && !signed.path("systems").isEmpty())
                .as("systems[] in %s", text)
                .isTrue();
        assertThat(text)
                .as("no personal data in the receipt")
                .doesNotContain(person.email())
                .doesNotContain(person.username());
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        var files = new HashMap<String, byte[]>();
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), in.readAllBytes());
            }
        }
        return files;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
