package dev.rightsplatform.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rightsplatform.worker.messaging.Topology;
import dev.rightsplatform.worker.support.AbstractWorkerIntegrationTests;
import dev.rightsplatform.worker.support.FakeSystem.Reply;
import dev.rightsplatform.worker.support.FakeSystems;
import dev.rightsplatform.worker.support.TestTask;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;

/**
 * {@code /actuator/prometheus} on the worker's port shows, after some work, the calls per system, the tasks per
 * system and outcome, the attempts, the retries and the parked messages, beside the framework's metrics.
 */
class WorkerMetricsIntegrationTests extends AbstractWorkerIntegrationTests {

    @Test
    void prometheusShowsCallsOutcomesRetriesAndParkedTasks() throws Exception {
        fakes.system(FakeSystems.FLAKY).replyWith(Reply.status(503));
        TestTask recovers = TestTask.erase("flaky");
        send(recovers);
        awaitResult(recovers);
        fakes.system(FakeSystems.PICKY).alwaysReply(Reply.status(422));
        TestTask refused = TestTask.erase("picky");
        send(refused);
        awaitResult(refused);
        TestTask unreadable = TestTask.withdraw("archive", "Marketing & more");
        send(unreadable);
        Message parked = this.rabbit.receive(Topology.PARKED_QUEUE, 20_000);
        assertThat(parked).isNotNull();

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(scrape())
                        .containsPattern(
                                "worker_system_calls_seconds_count\\{action=\"erase\",application=\"deletion-worker\","
                                        + "error=\"none\",outcome=\"retryable\",system=\"flaky\"} [1-9]")
                        .containsPattern(
                                "worker_system_calls_seconds_count\\{action=\"erase\",.*outcome=\"done\",system=\"flaky\"} [1-9]")
                        .contains("worker_system_calls_seconds_bucket{")
                        .containsPattern(
                                "worker_tasks_finished_total\\{action=\"erase\",.*outcome=\"done\",system=\"flaky\"} [1-9]")
                        .containsPattern(
                                "worker_tasks_finished_total\\{action=\"erase\",.*outcome=\"failed\",system=\"picky\"} [1-9]")
                        .containsPattern(
                                "worker_task_attempts_sum\\{application=\"deletion-worker\",system=\"flaky\"} [1-9]")
                        .containsPattern(
                                "worker_task_retries_total\\{application=\"deletion-worker\",system=\"flaky\"} [1-9]")
                        .containsPattern("worker_tasks_parked_total\\{application=\"deletion-worker\"} [1-9]")
                        .containsPattern(
                                "worker_ledger_batch_rows_count\\{application=\"deletion-worker\",statement=\"claim\"} [1-9]")
                        .containsPattern(
                                "worker_ledger_batch_rows_count\\{application=\"deletion-worker\",statement=\"finish\"} [1-9]")
                        .contains("http_server_requests_seconds", "jvm_memory_used_bytes{", "rabbitmq_", "r2dbc_pool_")
                        // no long-task timer beside each observation (application.yml, management.metrics.observations)
                        .doesNotContain("_active_seconds"));
    }

    private static String scrape() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(workerUrl() + "/actuator/prometheus"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
