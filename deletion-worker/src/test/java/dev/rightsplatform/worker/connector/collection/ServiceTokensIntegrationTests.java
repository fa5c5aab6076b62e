package dev.rightsplatform.worker.connector.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rightsplatform.worker.connector.ConnectorOutcome;
import dev.rightsplatform.worker.connector.keycloak.KeycloakProperties;
import dev.rightsplatform.worker.support.DevSecrets;
import dev.rightsplatform.worker.support.KeycloakAccounts;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The worker's own tokens for rights-service, from the real Keycloak (127.0.0.1:8180, realm rights): client
 * credentials of client deletion-worker, kept between calls, fetched anew when forgotten, and failures told apart.
 */
class ServiceTokensIntegrationTests {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aTokenOfTheWorkersClientIsFetchedOnceAndKept() {
        ServiceTokens tokens = tokens(KeycloakAccounts.SERVER_URL, DevSecrets.get("WORKER_KEYCLOAK_CLIENT_SECRET"));

        String first = tokens.token().block(Duration.ofSeconds(20));
        String again = tokens.token().block(Duration.ofSeconds(20));

        assertThat(again).isEqualTo(first);
        JsonNode claims = this.json.readTree(Base64.getUrlDecoder().decode(first.split("\\.")[1]));
        assertThat(claims.path("azp").asString()).isEqualTo("deletion-worker");
        assertThat(claims.path("iss").asString()).isEqualTo(KeycloakAccounts.SERVER_URL + "/realms/rights");
    }

    @Test
    void aForgottenTokenIsReplaced() {
        ServiceTokens tokens = tokens(KeycloakAccounts.SERVER_URL, DevSecrets.get("WORKER_KEYCLOAK_CLIENT_SECRET"));
        String first = tokens.token().block(Duration.ofSeconds(20));

        tokens.forget();

        assertThat(tokens.token().block(Duration.ofSeconds(20))).isNotEqualTo(first);
    }

    @Test
    void aWrongSecretIsARefusal() {
        ServiceTokens tokens = tokens(KeycloakAccounts.SERVER_URL, "not-the-secret");

        assertThatThrownBy(() -> tokens.token().block(Duration.ofSeconds(20)))
                .isInstanceOfSatisfying(
                        TokenUnavailableException.class,
                        ex -> assertThat(ex.outcome())
                                .isEqualTo(new ConnectorOutcome.Rejected(
                                        "Keycloak refused the worker's client credentials (HTTP 401)")));
    }

    @Test
    void anUnreachableKeycloakIsWorthRetrying() {
        ServiceTokens tokens = tokens("http://127.0.0.1:1", "unused");

        assertThatThrownBy(() -> tokens.token().block(Duration.ofSeconds(20)))
                .isInstanceOfSatisfying(TokenUnavailableException.class, ex -> {
                    assertThat(ex.outcome()).isInstanceOf(ConnectorOutcome.Retryable.class);
                    assertThat(((ConnectorOutcome.Retryable) ex.outcome()).reason())
                            .startsWith("could not get a token from Keycloak (");
                });
    }

    private ServiceTokens tokens(String serverUrl, String secret) {
        return new ServiceTokens(
                new KeycloakProperties(
                        URI.create(serverUrl),
                        KeycloakAccounts.REALM,
                        KeycloakAccounts.CLIENT_ID,
                        secret,
                        Duration.ofSeconds(5)),
                this.json);
    }
}
