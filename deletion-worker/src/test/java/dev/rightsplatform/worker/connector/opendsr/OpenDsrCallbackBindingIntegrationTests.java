package dev.rightsplatform.worker.connector.opendsr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.worker.connector.CallbackReader.CallbackReport;
import dev.rightsplatform.worker.connector.ConnectorOutcome;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

/**
 * What a processor's signed status callback can settle, read by the connector as the worker's callback endpoint
 * hands it over (the task id of the path, the headers, the raw body), against a local fake processor: only the task
 * its signed subject_request_id (and status_callback_url, when present) names, and only when posted to that task's
 * URL. The whole worker's answer to the same (401, the other task unchanged) is in OpenDsrIntegrationTests.
 */
class OpenDsrCallbackBindingIntegrationTests {

    private static final CallbackUrls URLS = CallbackUrls.of(URI.create("https://worker.test/"), "vendor");

    private static final TestCertificate FORGER = TestCertificate.issue("forger.test");

    private final LocalProcessor processor = new LocalProcessor();

    private final OpenDsrCallbackReader reader = new OpenDsrCallbackReader(
            "vendor", this.processor.client(null, FORGER.certificate()), URLS, LocalProcessor.JSON);

    private final UUID task = UUID.randomUUID();

    private final UUID otherTask = UUID.randomUUID();

    @AfterEach
    void stop() {
        this.processor.close();
    }

    @Test
    void aGenuineCallbackSettlesTheTaskItsUrlNames() {
        LocalProcessor.Signed callback =
                this.processor.callback(URLS.forTask(this.task), this.task.toString(), "completed");

        CallbackReport report = read(this.task, callback);

        assertThat(report).isInstanceOf(CallbackReport.Settled.class);
        assertThat(((CallbackReport.Settled) report).taskId()).isEqualTo(this.task);
        assertThat(((CallbackReport.Settled) report).outcome()).isInstanceOf(ConnectorOutcome.Done.class);
    }

    @Test
    void theSameSignedBodyPostedToAnotherTasksUrlIsRefused() {
        LocalProcessor.Signed callback =
                this.processor.callback(URLS.forTask(this.task), this.task.toString(), "cancelled");

        CallbackReport replayed = read(this.otherTask, callback);

        assertThat(replayed).isInstanceOf(CallbackReport.Unauthenticated.class);
        assertThat(((CallbackReport.Unauthenticated) replayed).reason()).contains("about another request");
    }

    @Test
    void aSignedReportNamingOneRequestButTheOtherTasksUrlIsRefused() {
        // Consistent with the URL it went to, but about another request: still not a report on this task.
        LocalProcessor.Signed callback =
                this.processor.callback(URLS.forTask(this.otherTask), this.task.toString(), "completed");

        assertThat(read(this.otherTask, callback)).isInstanceOf(CallbackReport.Unauthenticated.class);
    }

    @Test
    void aSignedReportMadeForAnotherCallbackUrlIsRefused() {
        LocalProcessor.Signed callback = this.processor.callback(
                "https://elsewhere.test/callbacks/opendsr/vendor/" + this.task, this.task.toString(), "completed");

        CallbackReport report = read(this.task, callback);

        assertThat(report).isInstanceOf(CallbackReport.Unauthenticated.class);
        assertThat(((CallbackReport.Unauthenticated) report).reason()).contains("another callback URL");
    }

    @Test
    void aSignedReportWithTheTaskIdInAnotherSpellingIsRefused() {
        // UUID.fromString would read both the same; the worker issued the lowercase form and takes only that.
        String upper = this.task.toString().toUpperCase();
        LocalProcessor.Signed callback = this.processor.callback(URLS.forTask(this.task), upper, "completed");

        assertThat(read(this.task, callback)).isInstanceOf(CallbackReport.Unauthenticated.class);
    }

    @Test
    void aSignedStatusReportWithoutStatusCallbackUrlIsReadForTheTaskItNames() {
        // A processor's signed status answer has no status_callback_url; about this task, it says nothing false.
        LocalProcessor.Signed answer = this.processor.sign(Map.of(
                "controller_id",
                "rights-platform",
                "subject_request_id",
                this.task.toString(),
                "request_status",
                "in_progress"));

        assertThat(read(this.task, answer)).isEqualTo(new CallbackReport.Progress(this.task));
        assertThat(read(this.otherTask, answer)).isInstanceOf(CallbackReport.Unauthenticated.class);
    }

    @Test
    void aBodySignedByAnotherKeyIsRefusedBeforeItIsRead() {
        byte[] body = this.processor
                .callback(URLS.forTask(this.task), this.task.toString(), "completed")
                .body();
        LocalProcessor.Signed forged = new LocalProcessor.Signed(body, FORGER.sign(body));

        assertThat(read(this.task, forged)).isInstanceOf(CallbackReport.Unauthenticated.class);
    }

    private CallbackReport read(UUID pathTaskId, LocalProcessor.Signed callback) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(OpenDsrClient.SIGNATURE_HEADER, callback.signature());
        return this.reader.read(pathTaskId, headers, callback.body()).block(Duration.ofSeconds(10));
    }
}
