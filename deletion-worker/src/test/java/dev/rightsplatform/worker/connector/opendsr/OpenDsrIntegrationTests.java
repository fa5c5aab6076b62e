package dev.rightsplatform.worker.connector.opendsr;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.rightsplatform.worker.execution.ExecutionStatus;
import dev.rightsplatform.worker.support.TestTask;
import dev.rightsplatform.worker.support.WorkerIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An erasure submitted to a (fake) OpenDSR processor, the registry's system "vendor": what the worker sends, how it
 * follows the status every status-interval (300 ms here), and the signed callbacks it accepts or refuses.
 */
class OpenDsrIntegrationTests extends WorkerIntegrationTest {

    private static final String CALLBACK_PATH = "/callbacks/opendsr/vendor";

    @Test
    void theErasureIsSubmittedAsOpenDsrAndFollowedUntilCompleted() {
        TestTask task = TestTask.erase("vendor");
        String id = task.taskId().toString();

        send(task);
        JsonNode request = submitted(task);

        assertThat(request.path("regulation").asString()).isEqualTo("pipl");
        assertThat(request.path("subject_request_id").asString()).isEqualTo(id);
        assertThat(request.path("subject_request_type").asString()).isEqualTo("erasure");
        assertThat(request.path("submitted_time").asString()).isEqualTo(task.issuedAt().toString());
        JsonNode identity = request.path("subject_identities").get(0);
        assertThat(identity.path("identity_type").asString()).isEqualTo("controller_customer_id");
        assertThat(identity.path("identity_value").asString()).isEqualTo(task.userId());
        assertThat(identity.path("identity_format").asString()).isEqualTo("raw");
        assertThat(request.path("status_callback_urls").get(0).asString()).isEqualTo(workerUrl() + CALLBACK_PATH);
        int queriesBefore = processor.statusQueries();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> processor.statusQueries() >= queriesBefore + 2);
        this.results.drain();
        assertThat(this.results.resultsFor(task.taskId())).as("pending: no result yet").isEmpty();

        processor.setStatus(id, "completed");
        JsonNode result = awaitResult(task);

        assertThat(result.path("outcome").asString()).isEqualTo("DONE");
        assertThat(result.path("systemReference").asString()).isEqualTo(id);
        assertThat(result.path("detail").asString()).isEqualTo("vendor completed the erasure");
        assertThat(result.path("attempts").asInt()).as("status checks are not attempts").isEqualTo(1);
        assertThat(processor.unauthorisedCalls()).isEmpty();
    }

    @Test
    void aProcessorThatCancelsFailsTheTask() {
        TestTask task = TestTask.erase("vendor");
        send(task);
        submitted(task);

        processor.setStatus(task.taskId().toString(), "cancelled");

        JsonNode result = awaitResult(task);
        assertThat(result.path("outcome").asString()).isEqualTo("FAILED");
        assertThat(result.path("detail").asString()).isEqualTo("vendor cancelled the request");
    }

    @Test
    void aSignedCallbackSettlesTheTaskWithoutWaitingForTheNextCheck() throws Exception {
        TestTask task = TestTask.erase("vendor");
        String id = task.taskId().toString();
        send(task);
        submitted(task);
        processor.setStatus(id, "in_progress");
        int certificatesBefore = processor.certificateFetches();

        HttpResponse<String> progress = processor.callback(workerUrl() + CALLBACK_PATH, id, "in_progress", false);
        HttpResponse<String> completed = processor.callback(workerUrl() + CALLBACK_PATH, id, "completed", false);

        assertThat(progress.statusCode()).isEqualTo(200);
        assertThat(completed.statusCode()).isEqualTo(200);
        assertThat(awaitResult(task).path("outcome").asString()).isEqualTo("DONE");
        assertThat(processor.certificateFetches()).as("the certificate is cached").isEqualTo(certificatesBefore);
    }

    @Test
    void aCallbackWithABadSignatureIsRefusedBeforeItIsRead() throws Exception {
        TestTask task = TestTask.erase("vendor");
        String id = task.taskId().toString();
        send(task);
        submitted(task);

        HttpResponse<String> forged = processor.callback(workerUrl() + CALLBACK_PATH, id, "completed", true);

        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(this.json.readTree(forged.body()).path("type").asString())
            .isEqualTo("/problems/callback-unauthenticated");
        assertThat(execution(task.taskId()).status()).isEqualTo(ExecutionStatus.WAITING);
    }

    /** Waits until the processor has the request and the worker waits for it; returns what was submitted. */
    private JsonNode submitted(TestTask task) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> processor.request(task.taskId().toString()) != null
                && execution(task.taskId()).status() == ExecutionStatus.WAITING);
        return processor.request(task.taskId().toString());
    }
}
