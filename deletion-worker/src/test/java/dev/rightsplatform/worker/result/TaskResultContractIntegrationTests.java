package dev.rightsplatform.worker.result;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import dev.rightsplatform.worker.support.AbstractWorkerIntegrationTests;
import dev.rightsplatform.worker.support.AsyncApiSchemas;
import dev.rightsplatform.worker.support.FakeSystem.Reply;
import dev.rightsplatform.worker.support.FakeSystems;
import dev.rightsplatform.worker.support.TestTask;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** What the worker publishes, and what the tests send it, validate against the schemas in infra/asyncapi.yaml. */
class TaskResultContractIntegrationTests extends AbstractWorkerIntegrationTests {

    private final Schema taskResult = AsyncApiSchemas.schema("TaskResult");

    private final Schema taskCommand = AsyncApiSchemas.schema("TaskCommand");

    @Test
    void aDoneResultMatchesTheContract() {
        fakes.system(FakeSystems.CRM).replyWith(Reply.ok("crm-1"));
        TestTask task = TestTask.erase("crm");

        send(task);

        assertThat(errorsIn(this.taskResult, awaitResult(task))).isEmpty();
    }

    @Test
    void aFailedResultWithoutReferenceMatchesTheContract() {
        fakes.system(FakeSystems.PICKY).replyWith(Reply.status(422));
        TestTask task = TestTask.erase("picky");

        send(task);
        JsonNode result = awaitResult(task);

        assertThat(result.path("systemReference").isNull()).isTrue();
        assertThat(errorsIn(this.taskResult, result)).isEmpty();
    }

    @Test
    void aResultAfterRetriesMatchesTheContract() {
        fakes.system(FakeSystems.FLAKY).replyWith(Reply.status(500));
        TestTask task = TestTask.erase("flaky");

        send(task);

        assertThat(errorsIn(this.taskResult, awaitResult(task))).isEmpty();
    }

    @Test
    void aDoneResultWithProofAndLegalHoldsMatchesTheContract() {
        fakes.system(FakeSystems.CRM).replyWith(Reply.json(200, """
                {"reference":"crm-2","deleted":4,"anonymised":1,"retained":2,
                 "retention":[{"category":"invoices","basis":"PRC Accounting Archives Measures Art. 14",
                               "until":"2035-12-31"}]}
                """));
        TestTask task = TestTask.erase("crm");

        send(task);
        JsonNode result = awaitResult(task);

        assertThat(result.path("proof").path("deleted").asInt()).isEqualTo(4);
        assertThat(result.path("retention").get(0).path("until").asString()).isEqualTo("2035-12-31");
        assertThat(errorsIn(this.taskResult, result)).isEmpty();
    }

    @Test
    void aBlockedResultMatchesTheContract() {
        fakes.system(FakeSystems.CRM).answerPrecheck(Reply.json(200, "{\"canClose\":false,\"reason\":\"open order\"}"));
        TestTask task = TestTask.erase("crm").withAction("PRECHECK");

        send(task);
        JsonNode result = awaitResult(task);

        assertThat(result.path("outcome").asString()).isEqualTo("BLOCKED");
        assertThat(errorsIn(this.taskResult, result)).isEmpty();
    }

    @Test
    void aCollectResultWithWhatWasUploadedMatchesTheContract() {
        TestTask task = TestTask.collect("archive");

        send(task);
        JsonNode result = awaitResult(task);

        assertThat(result.path("collected").path("sha256").asString()).hasSize(64);
        assertThat(errorsIn(this.taskResult, result)).isEmpty();
    }

    @Test
    void theTasksTheseTestsSendMatchTheContract() {
        for (TestTask sent : new TestTask[] {
            TestTask.erase("crm"), TestTask.collect("archive"), TestTask.withdraw("archive", "marketing")
        }) {
            JsonNode task = this.json.valueToTree(sent.json());

            assertThat(errorsIn(this.taskCommand, task)).as(task.toString()).isEmpty();
        }
    }

    @Test
    void theValidatorCatchesACollectedOfTheWrongShape() {
        ObjectNode result = this.json
                .createObjectNode()
                .put("taskId", "3f1c2a54-8a8e-4a4e-9a55-0d2b9a1d7c10")
                .put("requestId", "3f1c2a54-8a8e-4a4e-9a55-0d2b9a1d7c11")
                .put("systemId", "archive")
                .put("action", "COLLECT")
                .put("outcome", "DONE")
                .put("attempts", 1)
                .put("completedAt", "2026-11-28T21:00:00Z");
        result.putObject("collected").put("records", -1).put("bytes", 10).put("sha256", "not-hex");

        assertThat(errorsIn(this.taskResult, result))
                .extracting(Error::getInstanceLocation)
                .extracting(Object::toString)
                .contains("/collected/records", "/collected/sha256");
    }

    @Test
    void theValidatorCatchesWhatTheContractForbids() {
        ObjectNode wrong = this.json
                .createObjectNode()
                .put("taskId", "not-a-uuid")
                .put("requestId", "3f1c2a54-8a8e-4a4e-9a55-0d2b9a1d7c10")
                .put("systemId", "crm")
                .put("action", "ERASE")
                .put("outcome", "MAYBE")
                .put("completedAt", "yesterday")
                .put("userId", "someone");

        assertThat(errorsIn(this.taskResult, wrong))
                .extracting(Error::getInstanceLocation)
                .extracting(Object::toString)
                .contains("/taskId", "/outcome", "/completedAt");
        assertThat(errorsIn(this.taskResult, wrong))
                .extracting(Error::getKeyword)
                .contains("additionalProperties");
    }

    private static List<Error> errorsIn(Schema schema, JsonNode message) {
        return schema.validate(message);
    }
}
