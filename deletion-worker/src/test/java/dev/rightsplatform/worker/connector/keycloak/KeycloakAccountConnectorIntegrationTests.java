package dev.rightsplatform.worker.connector.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.worker.connector.Action;
import dev.rightsplatform.worker.connector.ConnectorOutcome;
import dev.rightsplatform.worker.connector.Proof;
import dev.rightsplatform.worker.connector.TaskRequest;
import dev.rightsplatform.worker.support.KeycloakAccounts;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Keycloak connector against the real Keycloak of the local platform (CI starts it first). These tests fail,
 * never skip, when Keycloak is not running: an untested account deletion is not an option.
 */
class KeycloakAccountConnectorIntegrationTests {

    private final KeycloakAccounts accounts = new KeycloakAccounts();

    private final KeycloakAccountConnector connector =
            new KeycloakAccountConnector("keycloak", properties(KeycloakAccounts.clientSecret()));

    @AfterEach
    void close() {
        this.connector.close();
        this.accounts.close();
    }

    @Test
    void erasesTheAccountAndAnAccountAlreadyGoneCountsAsDone() {
        String userId = this.accounts.create();
        assertThat(this.accounts.exists(userId)).isTrue();

        ConnectorOutcome first = erase(userId);

        assertThat(first).isEqualTo(new ConnectorOutcome.Done("account deleted", null, Proof.deleted(1), List.of()));
        assertThat(this.accounts.exists(userId)).isFalse();

        ConnectorOutcome again = erase(userId);

        assertThat(again)
                .isEqualTo(new ConnectorOutcome.Done("account already gone", null, Proof.deleted(0), List.of()));
    }

    @Test
    void disableTurnsTheAccountOffAndEndsItsSessionsAndEnableTurnsItBackOn() throws Exception {
        String userId = this.accounts.createWithPassword("cooling-off-pass");
        this.accounts.logIn(userId, "cooling-off-pass");
        assertThat(this.accounts.sessions(userId)).isPositive();

        ConnectorOutcome disabled = run(Action.DISABLE, userId);

        assertThat(disabled).isEqualTo(new ConnectorOutcome.Done("account disabled, sessions ended", null));
        assertThat(this.accounts.isEnabled(userId)).isFalse();
        assertThat(this.accounts.sessions(userId)).isZero();
        assertThat(run(Action.DISABLE, userId)).as("idempotent").isEqualTo(disabled);

        ConnectorOutcome enabled = run(Action.ENABLE, userId);

        assertThat(enabled).isEqualTo(new ConnectorOutcome.Done("account enabled", null));
        assertThat(this.accounts.isEnabled(userId)).isTrue();
        assertThat(run(Action.ENABLE, userId)).as("idempotent").isEqualTo(enabled);
        assertThat(this.accounts.exists(userId)).isTrue();
        erase(userId);
    }

    @Test
    void disablingAnAccountThatIsGoneIsDoneAndEnablingItFails() {
        String missing = UUID.randomUUID().toString();

        assertThat(run(Action.DISABLE, missing)).isEqualTo(new ConnectorOutcome.Done("account already gone", null));
        assertThat(run(Action.ENABLE, missing))
                .isEqualTo(new ConnectorOutcome.Rejected("the account no longer exists"));
    }

    @Test
    void aPrecheckIsNotSomethingKeycloakCanAnswer() {
        assertThat(run(Action.PRECHECK, UUID.randomUUID().toString()))
                .isEqualTo(new ConnectorOutcome.Rejected("system keycloak (type keycloak) does not support PRECHECK"));
    }

    @Test
    void aWrongClientSecretIsARefusalThatNamesNoSecret() {
        try (KeycloakAccountConnector wrong = new KeycloakAccountConnector("keycloak", properties("wrong-secret"))) {
            ConnectorOutcome outcome =
                    wrong.erase(request(UUID.randomUUID().toString())).block(Duration.ofSeconds(30));

            assertThat(outcome).isEqualTo(new ConnectorOutcome.Rejected("keycloak answered HTTP 401"));
        }
    }

    private ConnectorOutcome run(Action action, String userId) {
        return this.connector.carryOut(request(action, userId)).block(Duration.ofSeconds(30));
    }

    private ConnectorOutcome erase(String userId) {
        return this.connector.erase(request(userId)).block(Duration.ofSeconds(30));
    }

    private static TaskRequest request(String userId) {
        return request(Action.ERASE, userId);
    }

    private static TaskRequest request(Action action, String userId) {
        return new TaskRequest(UUID.randomUUID(), UUID.randomUUID(), "keycloak", action, userId, Instant.now(), null);
    }

    private static KeycloakProperties properties(String clientSecret) {
        return new KeycloakProperties(
                URI.create(KeycloakAccounts.SERVER_URL),
                KeycloakAccounts.REALM,
                KeycloakAccounts.CLIENT_ID,
                clientSecret,
                Duration.ofSeconds(5));
    }
}
