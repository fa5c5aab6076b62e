package dev.rightsplatform.worker.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.rightsplatform.worker.execution.ExecutionStatus;
import dev.rightsplatform.worker.execution.TaskExecution;
import dev.rightsplatform.worker.messaging.ConfirmedPublisher;
import dev.rightsplatform.worker.messaging.PublishFailedException;
import dev.rightsplatform.worker.messaging.Topology;
import dev.rightsplatform.worker.support.AbstractWorkerIntegrationTests;
import dev.rightsplatform.worker.support.FakeSystem;
import dev.rightsplatform.worker.support.FakeSystem.Reply;
import dev.rightsplatform.worker.support.FakeSystems;
import dev.rightsplatform.worker.support.ResultInbox;
import dev.rightsplatform.worker.support.TestTask;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** A task travels from rights.tasks through a real (fake) system to a TaskResult on rights.task-results. */
class ErasureIntegrationTests extends AbstractWorkerIntegrationTests {

    private final FakeSystem crm = fakes.system(FakeSystems.CRM);

    @Autowired
    private ConfirmedPublisher publisher;

    @Test
    void aSignedCallToTheSystemEndsInADoneResult() {
        TestTask task = TestTask.erase("crm");
        this.crm.replyWith(Reply.ok("crm-4711"));

        send(task);
        Message message = this.results.awaitOne(task.taskId());

        JsonNode result = ResultInbox.body(message);
        assertThat(result.path("outcome").asString()).isEqualTo("DONE");
        assertThat(result.path("taskId").asString()).isEqualTo(task.taskId().toString());
        assertThat(result.path("requestId").asString())
                .isEqualTo(task.requestId().toString());
        assertThat(result.path("systemId").asString()).isEqualTo("crm");
        assertThat(result.path("action").asString()).isEqualTo("ERASE");
        assertThat(result.path("systemReference").asString()).isEqualTo("crm-4711");
        assertThat(result.path("attempts").asInt()).isEqualTo(1);
        assertThat(message.getMessageProperties().getMessageId()).isEqualTo(task.taskId() + ":result");
        assertThat(message.getMessageProperties().getType()).isEqualTo("TaskResult");
        assertThat(message.getMessageProperties().getContentType()).isEqualTo("application/json");
        assertThat(message.getMessageProperties().getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
        assertThat(message.getMessageProperties().getReceivedRoutingKey()).isEqualTo("result.crm");

        List<FakeSystem.Call> calls = this.crm.callsFor(task.taskId());
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).signatureValid())
                .as("signature verified by the fake system")
                .isTrue();
        assertThat(Long.parseLong(calls.get(0).timestamp()))
                .isBetween(Instant.now().getEpochSecond() - 60, Instant.now().getEpochSecond() + 1);
        assertThat(calls.get(0).body().path("subject").path("userId").asString())
                .isEqualTo(task.userId());
    }

    @Test
    void theLedgerKeepsProofButNoPersonalData() {
        TestTask task = TestTask.erase("crm");

        send(task);
        awaitResult(task);

        TaskExecution row = execution(task.taskId());
        assertThat(row.status()).isEqualTo(ExecutionStatus.DONE);
        assertThat(row.requestId()).isEqualTo(task.requestId());
        assertThat(row.completedAt()).isNotNull();
        assertThat(row.dueAt()).isNotNull();
        String wholeRow = this.db
                .sql("SELECT row_to_json(t)::text AS row FROM task_execution t")
                .map(r -> r.get("row", String.class))
                .one()
                .block(Duration.ofSeconds(10));
        assertThat(wholeRow).contains(task.taskId().toString()).doesNotContain(task.userId());
    }

    @Test
    void aRedeliveredTaskIsNotCarriedOutAgainButItsResultIsRepublished() {
        TestTask task = TestTask.erase("crm");
        send(task);
        awaitResult(task);

        send(task);
        List<Message> both = this.results.await(task.taskId(), 2, Duration.ofSeconds(20));

        assertThat(this.crm.callsFor(task.taskId())).hasSize(1);
        assertThat(new String(both.get(1).getBody(), StandardCharsets.UTF_8))
                .isEqualTo(new String(both.get(0).getBody(), StandardCharsets.UTF_8));
        assertThat(execution(task.taskId()).attempts()).isEqualTo(1);
    }

    @Test
    void aDuplicateArrivingWhileTheFirstRunsWaitsAndDoesNotCallTheSystemTwice() {
        TestTask task = TestTask.erase("crm");
        this.crm.replyWith(Reply.ok("crm-slow").after(Duration.ofMillis(600)));

        send(task);
        send(task);
        List<Message> both = this.results.await(task.taskId(), 2, Duration.ofSeconds(20));

        assertThat(this.crm.callsFor(task.taskId())).hasSize(1);
        assertThat(both)
                .allSatisfy(message -> assertThat(ResultInbox.body(message)
                                .path("systemReference")
                                .asString())
                        .isEqualTo("crm-slow"));
    }

    @Test
    void aTaskWaitsOutADatabaseOutageAndIsNeitherLostNorSpunOn() throws InterruptedException {
        TestTask task = TestTask.erase("crm");
        this.db
                .sql("ALTER TABLE task_execution RENAME TO task_execution_away")
                .then()
                .block(Duration.ofSeconds(10));
        try {
            send(task);
            // for a whole second: no result, and no call without a ledger to record it
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> {
                this.results.drain();
                return this.results.resultsFor(task.taskId()).isEmpty()
                        && this.crm.callsFor(task.taskId()).isEmpty();
            });
        } finally {
            this.db
                    .sql("ALTER TABLE task_execution_away RENAME TO task_execution")
                    .then()
                    .block(Duration.ofSeconds(10));
        }

        assertThat(awaitResult(task).path("outcome").asString()).isEqualTo("DONE");
        assertThat(this.crm.callsFor(task.taskId())).hasSize(1);
    }

    @Test
    void aTaskForASystemOutsideTheRegistryReachesNoQueueSoItsPublisherKeepsIt() {
        TestTask task = TestTask.erase("nowhere");
        MessageProperties properties = new MessageProperties();
        properties.setMessageId(task.taskId().toString());
        Message message = new Message(this.json.writeValueAsBytes(task.json()), properties);

        // What rights-service's outbox sees: the publish is returned unroutable, so the task stays in its outbox.
        assertThatThrownBy(() -> this.publisher
                        .publish(Topology.TASKS_EXCHANGE, task.routingKey(), message)
                        .block(Duration.ofSeconds(10)))
                .isInstanceOf(PublishFailedException.class)
                .hasMessageContaining("no queue took the message");
    }

    @Test
    void aTaskAddressedToAnotherSystemThanItsQueueIsParked() {
        TestTask task = TestTask.erase("picky");

        send(
                "task.erase.crm",
                this.json.writeValueAsBytes(task.json()),
                task.taskId().toString());

        Message parked = this.rabbit.receive(Topology.PARKED_QUEUE, 20_000);
        assertThat(parked).isNotNull();
        assertThat(String.valueOf(parked.getMessageProperties().getHeaders().get("x-rights-parked-reason")))
                .isEqualTo("systemId is 'picky' but the task came through the queue of 'crm'");
        assertThat(fakes.system(FakeSystems.PICKY).calls()).isEmpty();
        assertThat(this.crm.calls()).isEmpty();
    }

    @Test
    void anUnreadableMessageIsParkedWithItsReasonNotLost() {
        send("task.erase.crm", "{\"taskId\":\"not-a-uuid\"}".getBytes(StandardCharsets.UTF_8), "garbage-1");

        Message parked = this.rabbit.receive(Topology.PARKED_QUEUE, 20_000);

        assertThat(parked).isNotNull();
        assertThat(parked.getMessageProperties().getMessageId()).isEqualTo("garbage-1");
        assertThat(String.valueOf(parked.getMessageProperties().getHeaders().get("x-rights-parked-reason")))
                .contains("taskId");
        assertThat(this.crm.calls()).isEmpty();
    }

    @Test
    void aTaskWithAnActionThisWorkerDoesNotKnowIsParked() {
        TestTask task = TestTask.erase("crm");
        var body = task.json();
        body.put("action", "ARCHIVE");

        send(task.routingKey(), this.json.writeValueAsBytes(body), task.taskId().toString());

        Message parked = this.rabbit.receive(Topology.PARKED_QUEUE, 20_000);
        assertThat(parked).isNotNull();
        assertThat(parked.getMessageProperties().getMessageId())
                .isEqualTo(task.taskId().toString());
        assertThat(new String(parked.getBody(), StandardCharsets.UTF_8)).contains("ARCHIVE");
        assertThat(this.crm.calls()).isEmpty();
    }
}
