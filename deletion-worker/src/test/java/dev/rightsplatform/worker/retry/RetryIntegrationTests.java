package dev.rightsplatform.worker.retry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.worker.execution.ExecutionStatus;
import dev.rightsplatform.worker.support.AbstractWorkerIntegrationTests;
import dev.rightsplatform.worker.support.FakeSystem;
import dev.rightsplatform.worker.support.FakeSystem.Reply;
import dev.rightsplatform.worker.support.FakeSystems;
import dev.rightsplatform.worker.support.ResultInbox;
import dev.rightsplatform.worker.support.TestTask;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import tools.jackson.databind.JsonNode;

/**
 * Retries through RabbitMQ delay queues, with the test settings (application-test.yml): 200ms, then 400ms, then
 * 800ms, at most 20% shorter each, and 4 attempts in all.
 */
class RetryIntegrationTests extends AbstractWorkerIntegrationTests {

    @Test
    void aSystemThatRecoversIsDoneAfterRetriesWithGrowingDelays() {
        FakeSystem flaky = fakes.system(FakeSystems.FLAKY).replyWith(Reply.status(503), Reply.status(503));
        TestTask task = TestTask.erase("flaky");

        send(task);
        JsonNode result = awaitResult(task);

        assertThat(result.path("outcome").asString()).isEqualTo("DONE");
        assertThat(result.path("attempts").asInt()).isEqualTo(3);
        List<FakeSystem.Call> calls = flaky.callsFor(task.taskId());
        assertThat(calls).hasSize(3);
        Duration firstWait =
                Duration.between(calls.get(0).receivedAt(), calls.get(1).receivedAt());
        Duration secondWait =
                Duration.between(calls.get(1).receivedAt(), calls.get(2).receivedAt());
        assertThat(firstWait)
                .as("waited at least the first delay less jitter")
                .isGreaterThanOrEqualTo(Duration.ofMillis(160));
        assertThat(secondWait)
                .as("waited at least the second delay less jitter")
                .isGreaterThanOrEqualTo(Duration.ofMillis(320));
        assertThat(secondWait).as("the second wait is longer than the first").isGreaterThan(firstWait);
    }

    @Test
    void aSystemThatKeepsFailingIsReportedFailedAfterMaxAttempts() {
        FakeSystem broken = fakes.system(FakeSystems.BROKEN).alwaysReply(Reply.status(503));
        TestTask task = TestTask.erase("broken");

        send(task);
        JsonNode result = awaitResult(task);

        assertThat(result.path("outcome").asString()).isEqualTo("FAILED");
        assertThat(result.path("attempts").asInt()).isEqualTo(4);
        assertThat(result.path("detail").asString())
                .isEqualTo("gave up after 4 attempts; last: broken answered HTTP 503");
        assertThat(broken.callsFor(task.taskId())).hasSize(4);
        assertThat(execution(task.taskId()).status()).isEqualTo(ExecutionStatus.FAILED);
        this.results.drain();
        assertThat(this.results.resultsFor(task.taskId()))
                .as("exactly one result")
                .hasSize(1);
    }

    @Test
    void aRefusalIsReportedFailedAtOnce() {
        FakeSystem picky = fakes.system(FakeSystems.PICKY).alwaysReply(Reply.status(422));
        TestTask task = TestTask.erase("picky");

        send(task);
        JsonNode result = awaitResult(task);

        assertThat(result.path("outcome").asString()).isEqualTo("FAILED");
        assertThat(result.path("attempts").asInt()).isEqualTo(1);
        assertThat(result.path("detail").asString()).isEqualTo("picky answered HTTP 422");
        assertThat(picky.callsFor(task.taskId())).hasSize(1);
    }

    @Test
    void aTimeoutIsRetried() {
        FakeSystem slow =
                fakes.system(FakeSystems.SLOW).replyWith(Reply.ok("too-late").after(Duration.ofSeconds(1)));
        TestTask task = TestTask.erase("slow");

        send(task);
        Message doneResult = this.results.awaitOne(task.taskId());

        JsonNode result = ResultInbox.body(doneResult);
        assertThat(result.path("outcome").asString()).isEqualTo("DONE");
        assertThat(result.path("attempts").asInt()).isEqualTo(2);
        assertThat(result.path("systemReference").asString()).isEqualTo("slow-ref");
        assertThat(slow.callsFor(task.taskId())).hasSize(2);
    }
}
