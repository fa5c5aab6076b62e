package dev.rightsplatform.worker.connector.keycloak;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.rightsplatform.worker.connector.ConnectorOutcome;
import dev.rightsplatform.worker.connector.ErasureRequest;
import dev.rightsplatform.worker.support.KeycloakAccounts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Keycloak connector against the real Keycloak of the local platform (CI starts it first). These tests fail,
 * never skip, when Keycloak is not running: an untested account deletion is not an option.
 */
class KeycloakAccountConnectorIntegrationTests {

    private final KeycloakAccounts accounts = new KeycloakAccounts();

    private final KeycloakAccountConnector connector = new KeycloakAccountConnector("keycloak",
            properties(KeycloakAccounts.clientSecret()));

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

        assertThat(first).isEqualTo(new ConnectorOutcome.Done("account deleted", null));
        assertThat(this.accounts.exists(userId)).isFalse();

        ConnectorOutcome again = erase(userId);

        assertThat(again).isEqualTo(new ConnectorOutcome.Done("account already gone", null));
    }

    @Test
    void aWrongClientSecretIsARefusalThatNamesNoSecret() {
        try (KeycloakAccountConnector wrong = new KeycloakAccountConnector("keycloak", properties("wrong-secret"))) {
            ConnectorOutcome outcome = wrong.erase(request(UUID.randomUUID().toString())).block(Duration.ofSeconds(30));

            assertThat(outcome).isEqualTo(new ConnectorOutcome.Rejected("keycloak answered HTTP 401"));
        }
    }

    private ConnectorOutcome erase(String userId) {
        return this.connector.erase(request(userId)).block(Duration.ofSeconds(30));
    }

    private static ErasureRequest request(String userId) {
        return new ErasureRequest(UUID.randomUUID(), UUID.randomUUID(), "keycloak", userId);
    }

    private static KeycloakProperties properties(String clientSecret) {
        return new KeycloakProperties(URI.create(KeycloakAccounts.SERVER_URL), KeycloakAccounts.REALM,
                KeycloakAccounts.CLIENT_ID, clientSecret, Duration.ofSeconds(5));
    }
}
