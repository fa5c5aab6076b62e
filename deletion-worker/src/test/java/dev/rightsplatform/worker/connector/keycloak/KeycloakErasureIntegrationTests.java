package dev.rightsplatform.worker.connector.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.worker.support.AbstractWorkerIntegrationTests;
import dev.rightsplatform.worker.support.AsyncApiSchemas;
import dev.rightsplatform.worker.support.KeycloakAccounts;
import dev.rightsplatform.worker.support.KeycloakAdmin;
import dev.rightsplatform.worker.support.TestTask;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The whole worker erases a Keycloak account: system "keycloak" of application.yml, type keycloak. */
class KeycloakErasureIntegrationTests extends AbstractWorkerIntegrationTests {

    @Test
    void aTaskForTheKeycloakSystemDeletesTheAccount() {
        try (KeycloakAccounts accounts = new KeycloakAccounts()) {
            String userId = accounts.create();
            TestTask task = TestTask.erase("keycloak").forUser(userId);

            send(task);
            JsonNode result = awaitResult(task);

            assertThat(result.path("outcome").asString()).isEqualTo("DONE");
            assertThat(result.path("detail").asString()).isEqualTo("account deleted");
            assertThat(accounts.exists(userId)).isFalse();
        }
    }

    @Test
    void anAgentsAccountIsNotErasedAndTheResultIsBlockedWithinTheContract() {
        try (KeycloakAccounts accounts = new KeycloakAccounts();
                KeycloakAdmin admin = new KeycloakAdmin()) {
            String agent = admin.userWithRealmRole("support-agent");
            try {
                TestTask task = TestTask.erase("keycloak").forUser(agent);

                send(task);
                JsonNode result = awaitResult(task);

                // BLOCKED makes rights-service put the request before an agent (NEEDS_ATTENTION)
                assertThat(result.path("outcome").asString()).isEqualTo("BLOCKED");
                assertThat(result.path("detail").asString())
                        .startsWith("privileged account (realm role support-agent): not erased");
                assertThat(AsyncApiSchemas.schema("TaskResult").validate(result))
                        .isEmpty();
                assertThat(accounts.exists(agent)).isTrue();
            } finally {
                admin.deleteUser(agent);
            }
        }
    }
}
