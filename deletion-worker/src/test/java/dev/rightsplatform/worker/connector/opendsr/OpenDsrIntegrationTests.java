package dev.rightsplatform.worker.connector.opendsr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.worker.execution.ExecutionStatus;
import dev.rightsplatform.worker.support.AbstractWorkerIntegrationTests;
import dev.rightsplatform.worker.support.FakeOpenDsrProcessor;
import dev.rightsplatform.worker.support.TestTask;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * An erasure submitted to a (fake) OpenDSR processor, the registry's system "vendor": what the worker sends, how it
 * follows the status every status-interval (300 ms here), and the signed callbacks it accepts or refuses: each task
 * has its own callback URL, and a report signed about one request settles no other task.
 */
class OpenDsrIntegrationTests extends AbstractWorkerIntegrationTests {

    private static final String CALLBACK_PATH = "/callbacks/opendsr/vendor/";

    @Test
    void theErasureIsSubmittedAsOpenDsrAndFollowedUntilCompleted() {
        TestTask task = TestTask.erase("vendor");
        String id = task.taskId().toString();

        send(task);
        JsonNode request = submitted(task);

        assertThat(request.path("regulation").asString()).isEqualTo("pipl");
        assertThat(request.path("subject_request_id").asString()).isEqualTo(id);
        assertThat(request.path("subject_request_type").asString()).isEqualTo("erasure");
        assertThat(request.path("submitted_time").asString())
                .isEqualTo(task.issuedAt().toString());
        JsonNode identity = request.path("subject_identities").get(0);
        assertThat(identity.path("identity_type").asString()).isEqualTo("controller_customer_id");
        assertThat(identity.path("identity_value").asString()).isEqualTo(task.userId());
        assertThat(identity.path("identity_format").asString()).isEqualTo("raw");
        assertThat(request.path("status_callback_urls").get(0).asString()).isEqualTo(callbackUrl(id));
        int queriesBefore = processor.statusQueries();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> processor.statusQueries() >= queriesBefore + 2);
        this.results.drain();
        assertThat(this.results.resultsFor(task.taskId()))
                .as("pending: no result yet")
                .isEmpty();

        processor.setStatus(id, "completed");
        JsonNode result = awaitResult(task);

        assertThat(result.path("outcome").asString()).isEqualTo("DONE");
        assertThat(result.path("systemReference").asString()).isEqualTo(id);
        assertThat(result.path("detail").asString()).isEqualTo("vendor completed the erasure");
        assertThat(result.path("attempts").asInt())
                .as("status checks are not attempts")
                .isEqualTo(1);
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

        HttpResponse<String> progress = processor.callback(callbackUrl(id), id, "in_progress", false);
        HttpResponse<String> completed = processor.callback(callbackUrl(id), id, "completed", false);

        assertThat(progress.statusCode()).isEqualTo(200);
        assertThat(completed.statusCode()).isEqualTo(200);
        assertThat(awaitResult(task).path("outcome").asString()).isEqualTo("DONE");
        assertThat(processor.certificateFetches())
                .as("the certificate is cached")
                .isEqualTo(certificatesBefore);
    }

    @Test
    void aCallbackWithABadSignatureIsRefusedBeforeItIsRead() throws Exception {
        TestTask task = TestTask.erase("vendor");
        String id = task.taskId().toString();
        send(task);
        submitted(task);

        HttpResponse<String> forged = processor.callback(callbackUrl(id), id, "completed", true);

        assertUnauthenticated(forged);
        assertStillOpen(task);
    }

    @Test
    void aSignedCallbackAboutOneRequestPostedToAnotherTasksUrlIsRefusedAndThatTaskIsUnchanged() throws Exception {
        TestTask signedFor = TestTask.erase("vendor");
        TestTask other = TestTask.erase("vendor");
        String id = signedFor.taskId().toString();
        String otherId = other.taskId().toString();
        send(signedFor);
        send(other);
        submitted(signedFor);
        submitted(other);
        processor.setStatus(id, "in_progress");
        processor.setStatus(otherId, "in_progress");

        // Genuinely signed by the processor, about signedFor, posted to other's URL (which it also names).
        HttpResponse<String> replayed = processor.callback(callbackUrl(otherId), id, "cancelled", false);

        assertUnauthenticated(replayed);
        assertStillOpen(other);
        assertStillOpen(signedFor); // nor applied to the task it is about
        // the processor's report on signedFor, where it belongs, settles it
        HttpResponse<String> genuine = processor.callback(callbackUrl(id), id, "completed", false);
        assertThat(genuine.statusCode()).isEqualTo(200);
        assertThat(genuine.body()).contains("recorded");
        assertThat(awaitResult(signedFor).path("outcome").asString()).isEqualTo("DONE");
        assertStillOpen(other);
    }

    @Test
    void theSameSignedBodyIsRefusedOnAnotherTasksUrlAndGenuineOnItsOwn() throws Exception {
        TestTask signedFor = TestTask.erase("vendor");
        TestTask other = TestTask.erase("vendor");
        String id = signedFor.taskId().toString();
        send(signedFor);
        send(other);
        submitted(signedFor);
        submitted(other);
        processor.setStatus(other.taskId().toString(), "in_progress");
        processor.setStatus(id, "cancelled");
        // Byte for byte what the processor signed about signedFor: its status answer, with its X-OpenDSR-Signature.
        HttpResponse<byte[]> signed = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(processor.baseUrl() + "/opendsr/v2/requests/" + id))
                                .header("Authorization", "Bearer " + FakeOpenDsrProcessor.API_KEY)
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        String signature = signed.headers().firstValue("X-OpenDSR-Signature").orElseThrow();

        HttpResponse<String> replayed = post(callbackUrl(other.taskId().toString()), signed.body(), signature);
        HttpResponse<String> ownUrl = post(callbackUrl(id), signed.body(), signature);

        assertUnauthenticated(replayed);
        assertStillOpen(other);
        assertThat(ownUrl.statusCode()).as("the same bytes where they belong").isEqualTo(200);
        assertThat(awaitResult(signedFor).path("outcome").asString()).isEqualTo("FAILED");
        assertStillOpen(other);
    }

    @Test
    void aSignedCallbackMadeForAnotherUrlIsRefused() throws Exception {
        TestTask task = TestTask.erase("vendor");
        String id = task.taskId().toString();
        send(task);
        submitted(task);
        processor.setStatus(id, "in_progress");

        // Reaches this task's path, but its signed status_callback_url is not the URL the worker gave.
        HttpResponse<String> elsewhere =
                processor.callback(callbackUrl(id) + "?for=another-controller", id, "completed", false);

        assertUnauthenticated(elsewhere);
        assertStillOpen(task);
    }

    @Test
    void theFormerCallbackAddressWithoutATaskTakesNoReport() throws Exception {
        TestTask task = TestTask.erase("vendor");
        String id = task.taskId().toString();
        send(task);
        submitted(task);
        processor.setStatus(id, "in_progress");

        HttpResponse<String> former =
                processor.callback(workerUrl() + "/callbacks/opendsr/vendor", id, "completed", false);

        assertThat(former.statusCode()).isEqualTo(404);
        assertStillOpen(task);
    }

    private static String callbackUrl(String taskId) {
        return workerUrl() + CALLBACK_PATH + taskId;
    }

    private static HttpResponse<String> post(String url, byte[] body, String signature) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Content-Type", "application/json")
                                .header("X-OpenDSR-Signature", signature)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    /** Not settled, no result published: waiting, or being asked for its status right now. */
    private void assertStillOpen(TestTask task) {
        assertThat(execution(task.taskId()).status()).isIn(ExecutionStatus.WAITING, ExecutionStatus.RUNNING);
        this.results.drain();
        assertThat(this.results.resultsFor(task.taskId())).isEmpty();
    }

    private void assertUnauthenticated(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(this.json.readTree(response.body()).path("type").asString())
                .isEqualTo("/problems/callback-unauthenticated");
    }

    /** Waits until the processor has the request and the worker waits for it; returns what was submitted. */
    private JsonNode submitted(TestTask task) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> processor.request(task.taskId().toString()) != null
                        && execution(task.taskId()).status() == ExecutionStatus.WAITING);
        return processor.request(task.taskId().toString());
    }
}
