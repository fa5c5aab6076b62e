package dev.rightsplatform.worker.connector.collection;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import dev.rightsplatform.worker.execution.ExecutionStatus;
import dev.rightsplatform.worker.messaging.Topology;
import dev.rightsplatform.worker.support.AbstractWorkerIntegrationTests;
import dev.rightsplatform.worker.support.AsyncApiSchemas;
import dev.rightsplatform.worker.support.FakeSystem;
import dev.rightsplatform.worker.support.FakeSystem.Reply;
import dev.rightsplatform.worker.support.FakeSystems;
import dev.rightsplatform.worker.support.TestTask;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import tools.jackson.databind.JsonNode;

/**
 * WITHDRAW through the whole worker to the http system "archive": the purpose reaches the system in the signed call,
 * and a WITHDRAW without a valid purpose is parked without any call.
 */
class WithdrawIntegrationTests extends AbstractWorkerIntegrationTests {

    private final FakeSystem archive = fakes.system(FakeSystems.ARCHIVE);

    private final Schema taskResult = AsyncApiSchemas.schema("TaskResult");

    @Test
    void theWithdrawalReachesTheSystemWithItsPurpose() {
        this.archive.replyWith(Reply.json(200, "{\"reference\":\"archive-w-1\"}"));
        TestTask task = TestTask.withdraw("archive", "marketing");

        send(task);
        JsonNode result = awaitResult(task);

        assertThat(result.path("outcome").asString()).isEqualTo("DONE");
        assertThat(result.path("action").asString()).isEqualTo("WITHDRAW");
        assertThat(result.path("systemReference").asString()).isEqualTo("archive-w-1");
        assertThat(result.path("proof").isNull()).isTrue();
        assertThat(result.path("collected").isNull()).isTrue();
        assertThat(this.taskResult.validate(result)).isEmpty();
        assertThat(this.archive.callsFor(task.taskId())).singleElement().satisfies(call -> {
            assertThat(call.path()).isEqualTo("/archive/withdraw");
            assertThat(call.signatureValid()).isTrue();
            assertThat(call.body().propertyNames())
                    .containsExactly("taskId", "requestId", "action", "subject", "purpose");
            assertThat(call.body().path("action").asString()).isEqualTo("WITHDRAW");
            assertThat(call.body().path("purpose").asString()).isEqualTo("marketing");
        });
    }

    @Test
    void aWithdrawalTheSystemAcceptsIsSettledByItsSignedCallback() throws Exception {
        this.archive.replyWith(Reply.json(202, "{\"status\":\"accepted\",\"reference\":\"archive-w-2\"}"));
        TestTask task = TestTask.withdraw("archive", "marketing");
        send(task);
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> this.executions
                        .find(task.taskId())
                        .blockOptional(Duration.ofSeconds(5))
                        .map(row -> row.status() == ExecutionStatus.WAITING)
                        .orElse(false));

        byte[] report = "{\"status\":\"done\"}".getBytes(StandardCharsets.UTF_8);
        long now = Instant.now().getEpochSecond();
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(workerUrl() + "/callbacks/archive/" + task.taskId()))
                                .header("Content-Type", "application/json")
                                .header("X-Rights-Timestamp", Long.toString(now))
                                .header("X-Rights-Signature", this.archive.signCallback(task.taskId(), now, report))
                                .POST(HttpRequest.BodyPublishers.ofByteArray(report))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        JsonNode result = awaitResult(task);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(result.path("outcome").asString()).isEqualTo("DONE");
        assertThat(result.path("action").asString()).isEqualTo("WITHDRAW");
        assertThat(result.path("systemReference").asString()).isEqualTo("archive-w-2");
    }

    @Test
    void aWithdrawalTheSystemCannotTakeNowIsRetried() {
        this.archive.replyWith(Reply.status(503));
        TestTask task = TestTask.withdraw("archive", "analytics");

        send(task);
        JsonNode result = awaitResult(task);

        assertThat(result.path("outcome").asString()).isEqualTo("DONE");
        assertThat(result.path("attempts").asInt()).isEqualTo(2);
        assertThat(this.archive.callsFor(task.taskId()))
                .extracting(call -> call.body().path("purpose").asString())
                .containsExactly("analytics", "analytics");
    }

    @Test
    void otherCallsCarryNoPurpose() {
        TestTask task = TestTask.erase("archive").withPurpose("marketing");

        send(task);
        awaitResult(task);

        assertThat(this.archive.callsFor(task.taskId()))
                .singleElement()
                .satisfies(call -> assertThat(call.body().has("purpose")).isFalse());
    }

    @Test
    void aSystemWithoutWithdrawUrlDoesNotSupportWithdraw() {
        TestTask task = TestTask.withdraw("crm", "marketing");

        send(task);

        assertThat(awaitResult(task).path("detail").asString())
                .isEqualTo("system crm (type http) has no withdraw-url, so it does not support WITHDRAW");
    }

    @Test
    void aWithdrawWithoutPurposeIsParkedWithoutACall() {
        TestTask task = TestTask.withdraw("archive", "marketing").withPurpose(null);

        send(task);

        assertParked(task, "purpose (required for WITHDRAW) is missing");
    }

    @Test
    void aWithdrawWithAPurposeTheContractForbidsIsParked() {
        TestTask task = TestTask.withdraw("archive", "Marketing & more");

        send(task);

        assertParked(task, "purpose does not match ^[a-z0-9][a-z0-9-]{0,62}$");
    }

    private void assertParked(TestTask task, String reason) {
        Message parked = this.rabbit.receive(Topology.PARKED_QUEUE, 20_000);
        assertThat(parked).isNotNull();
        assertThat(parked.getMessageProperties().getMessageId())
                .isEqualTo(task.taskId().toString());
        assertThat(String.valueOf(parked.getMessageProperties().getHeaders().get("x-rights-parked-reason")))
                .isEqualTo(reason);
        assertThat(new String(parked.getBody(), StandardCharsets.UTF_8)).contains("WITHDRAW");
        assertThat(this.archive.calls()).isEmpty();
    }
}
