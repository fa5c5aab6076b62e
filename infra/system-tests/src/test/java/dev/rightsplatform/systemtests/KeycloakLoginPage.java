package dev.rightsplatform.systemtests;

import java.time.Duration;
import org.openqa.selenium.By;

/**
 * Keycloak's real login page (realm {@code rights}, theme keycloak.v2), as a person meets it after the portal sends
 * them there: {@code #username}, {@code #password}, {@code #kc-login}.
 */
final class KeycloakLoginPage {

    /** What Keycloak shows next to the form when it refuses the credentials (unknown, wrong or disabled). */
    private static final String ERROR =
            "[id^='input-error'], .kc-feedback-text, #kc-error-message, .pf-v5-c-alert.pf-m-danger,"
                    + " .pf-v5-c-alert.pf-m-warning, .alert-error";

    private final Browser browser;
    private final String keycloakUrl;

    KeycloakLoginPage(Browser browser, String keycloakUrl) {
        this.browser = browser;
        this.keycloakUrl = keycloakUrl;
    }

    /** Waits until the browser is on Keycloak's login form (after a redirect from the portal). */
    KeycloakLoginPage awaitShown() {
        browser.await(
                "Keycloak's login page",
                d -> d.getCurrentUrl().startsWith(keycloakUrl)
                        && !d.findElements(By.id("username")).isEmpty()
                        && !d.findElements(By.id("kc-login")).isEmpty());
        return this;
    }

    boolean shown() {
        return browser.driver.getCurrentUrl().startsWith(keycloakUrl)
                && browser.present("#username")
                && browser.present("#kc-login");
    }

    /** The page's language (Keycloak follows the portal's ui_locales, or the person's own locale). */
    String lang() {
        return browser.htmlLang();
    }

    /** Fills in the form and submits it; does not wait for where Keycloak sends the browser. */
    void submit(String username, String password) {
        awaitShown();
        var user = browser.find("#username");
        user.clear();
        user.sendKeys(username);
        var secret = browser.find("#password");
        secret.clear();
        secret.sendKeys(password);
        browser.find("#kc-login").click();
    }

    /** Signs in and waits until Keycloak has sent the browser back to the portal. */
    void signIn(KeycloakAccounts.Person person) {
        submit(person.username(), person.password());
        browser.await(
                "back on the portal after signing in as " + person.username() + " (Keycloak said: " + errorText() + ")",
                Duration.ofSeconds(30),
                d -> browser.onPortal());
    }

    /** Submits the form and waits for Keycloak to refuse it: the form again, with an error. Returns the error. */
    String signInRefused(String username, String password) {
        submit(username, password);
        browser.await(
                "Keycloak refusing " + username + ": the login form again with an error",
                Duration.ofSeconds(20),
                d -> !browser.onPortal() && shown() && browser.present(ERROR));
        return errorText();
    }

    String errorText() {
        try {
            return browser.findAll(ERROR).stream()
                    .map(element -> element.getText().trim())
                    .filter(text -> !text.isEmpty())
                    .findFirst()
                    .orElse("");
        } catch (RuntimeException e) {
            return "";
        }
    }
}
