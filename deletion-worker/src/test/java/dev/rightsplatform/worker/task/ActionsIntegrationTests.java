package dev.rightsplatform.worker.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.worker.execution.ExecutionStatus;
import dev.rightsplatform.worker.support.AbstractWorkerIntegrationTests;
import dev.rightsplatform.worker.support.FakeSystem;
import dev.rightsplatform.worker.support.FakeSystem.Reply;
import dev.rightsplatform.worker.support.FakeSystems;
import dev.rightsplatform.worker.support.KeycloakAccounts;
import dev.rightsplatform.worker.support.TestTask;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** PRECHECK, DISABLE and ENABLE through the whole worker, and an action a system cannot do. */
class ActionsIntegrationTests extends AbstractWorkerIntegrationTests {

    private final FakeSystem crm = fakes.system(FakeSystems.CRM);

    @Test
    void aPrecheckTheSystemAgreesToIsDone() {
        TestTask task = TestTask.erase("crm").withAction("PRECHECK");

        send(task);
        JsonNode result = awaitResult(task);

        assertThat(result.path("outcome").asString()).isEqualTo("DONE");
        assertThat(result.path("action").asString()).isEqualTo("PRECHECK");
        assertThat(result.path("detail").asString()).isEqualTo("crm: the account may be closed");
        assertThat(this.crm.callsFor(task.taskId()))
                .singleElement()
                .satisfies(call -> assertThat(call.path()).isEqualTo("/crm/precheck"));
    }

    @Test
    void aPrecheckTheSystemRefusesIsBlockedWithItsReason() {
        this.crm.answerPrecheck(Reply.json(200, "{\"canClose\":false,\"reason\":\"an order is still open\"}"));
        TestTask task = TestTask.erase("crm").withAction("PRECHECK");

        send(task);
        JsonNode result = awaitResult(task);

        assertThat(result.path("outcome").asString()).isEqualTo("BLOCKED");
        assertThat(result.path("detail").asString()).isEqualTo("an order is still open");
        assertThat(execution(task.taskId()).status()).isEqualTo(ExecutionStatus.BLOCKED);
    }

    @Test
    void anActionTheSystemCannotDoFailsWithoutACall() {
        TestTask task = TestTask.erase("crm").withAction("DISABLE");

        send(task);
        JsonNode result = awaitResult(task);

        assertThat(result.path("outcome").asString()).isEqualTo("FAILED");
        assertThat(result.path("detail").asString()).isEqualTo("system crm (type http) does not support DISABLE");
        assertThat(result.path("attempts").asInt()).isEqualTo(1);
        assertThat(this.crm.calls()).isEmpty();
    }

    @Test
    void coolingOffDisablesTheAccountAndACancellationEnablesItAgain() throws Exception {
        try (KeycloakAccounts accounts = new KeycloakAccounts()) {
            String userId = accounts.createWithPassword("cooling-off-pass");
            accounts.logIn(userId, "cooling-off-pass");
            TestTask disable = TestTask.erase("keycloak").forUser(userId).withAction("DISABLE");

            send(disable);
            JsonNode disabled = awaitResult(disable);

            assertThat(disabled.path("outcome").asString()).isEqualTo("DONE");
            assertThat(accounts.isEnabled(userId)).isFalse();
            assertThat(accounts.sessions(userId)).isZero();

            TestTask enable = TestTask.erase("keycloak").forUser(userId).withAction("ENABLE");
            send(enable);
            JsonNode enabled = awaitResult(enable);

            assertThat(enabled.path("outcome").asString()).isEqualTo("DONE");
            assertThat(accounts.isEnabled(userId)).isTrue();

            TestTask erase = TestTask.erase("keycloak").forUser(userId);
            send(erase);
            assertThat(awaitResult(erase).path("proof").path("deleted").asInt()).isEqualTo(1);
            assertThat(accounts.exists(userId)).isFalse();
        }
    }
}
