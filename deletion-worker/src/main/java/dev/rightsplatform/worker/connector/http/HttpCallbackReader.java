package dev.rightsplatform.worker.connector.http;

import dev.rightsplatform.worker.connector.CallbackReader;
import dev.rightsplatform.worker.connector.ConnectorOutcome;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Reads the report an http system posts to {@code /callbacks/<systemId>/<taskId>} after answering "accepted". It is
 * signed with the system's secret (X-Rights-Timestamp, X-Rights-Signature v2, see {@link WebhookSigner}) over the
 * system id, the task id of the path, the timestamp and the body, so it settles only the task it was made for; its
 * timestamp must be within worker.callbacks.max-age of now, so a captured callback cannot be replayed later. Body:
 * {@code {"status":"done"|"failed","reference","deleted","anonymised","retained","retention","detail"}}.
 */
final class HttpCallbackReader implements CallbackReader {

    private final String systemId;

    private final WebhookSigner signer;

    private final Duration maxAge;

    private final Clock clock;

    private final HttpAnswers answers;

    HttpCallbackReader(String systemId, WebhookSigner signer, Duration maxAge, Clock clock, HttpAnswers answers) {
        this.systemId = systemId;
        this.signer = signer;
        this.maxAge = maxAge;
        this.clock = clock;
        this.answers = answers;
    }

    @Override
    public boolean taskIdInPath() {
        return true;
    }

    @Override
    public Mono<CallbackReport> read(@Nullable UUID pathTaskId, HttpHeaders headers, byte[] body) {
        return Mono.fromSupplier(() -> readNow(pathTaskId, headers, body));
    }

    private CallbackReport readNow(@Nullable UUID taskId, HttpHeaders headers, byte[] body) {
        String timestamp = headers.getFirst(HttpWebhookConnector.TIMESTAMP_HEADER);
        String signature = headers.getFirst(HttpWebhookConnector.SIGNATURE_HEADER);
        if (timestamp == null || signature == null) {
            return new CallbackReport.Unauthenticated("the callback is not signed ("
                    + HttpWebhookConnector.TIMESTAMP_HEADER + ", " + HttpWebhookConnector.SIGNATURE_HEADER + ")");
        }
        if (taskId == null) {
            return new CallbackReport.Unreadable("the callback names no task");
        }
        if (!isFresh(timestamp)) {
            return new CallbackReport.Unauthenticated(
                    "the callback's timestamp is not within " + this.maxAge + " of now");
        }
        if (WebhookSigner.isVersion1(signature)) {
            return new CallbackReport.Unauthenticated("the callback is signed v1 (timestamp and body only); callbacks"
                    + " must be signed v2, over the system id, the task id, the timestamp and the body");
        }
        if (!this.signer.verifiesCallback(this.systemId, taskId, timestamp, signature, body)) {
            // Also what a genuine callback replayed onto another task's (or system's) URL meets.
            return new CallbackReport.Unauthenticated("the callback's signature does not match");
        }
        JsonNode report = this.answers.read(body);
        if (!report.isObject()) {
            return new CallbackReport.Unreadable("the body is not a JSON object");
        }
        String status = HttpAnswers.text(report, "status", 20);
        String detail = HttpAnswers.text(report, "detail", HttpAnswers.MAX_WORDS);
        if ("done".equals(status)) {
            return new CallbackReport.Settled(
                    taskId,
                    this.answers.done(
                            this.systemId + " reported done" + (detail != null ? ": " + detail : ""), report));
        }
        if ("failed".equals(status)) {
            return new CallbackReport.Settled(
                    taskId,
                    new ConnectorOutcome.Rejected(
                            this.systemId + " reported failure" + (detail != null ? ": " + detail : "")));
        }
        return new CallbackReport.Unreadable("status must be \"done\" or \"failed\"");
    }

    private boolean isFresh(String timestamp) {
        try {
            long age = Math.abs(this.clock.instant().getEpochSecond() - Long.parseLong(timestamp));
            return age <= this.maxAge.toSeconds();
        } catch (NumberFormatException ex) {
            return false;
        }
    }
}
