package dev.rightsplatform.worker.connector.opendsr;

import dev.rightsplatform.worker.connector.CallbackReader;
import dev.rightsplatform.worker.connector.ConnectorOutcome;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an OpenDSR status callback posted to {@code /callbacks/opendsr/<systemId>/<taskId>}: the X-OpenDSR-Signature
 * over the raw body is verified with this processor's certificate key before the body is parsed, and the signed
 * body must be about the task of the path: its subject_request_id is that task id, and its status_callback_url, when
 * it carries one, is the URL the worker gave for that task. A genuine report posted to another task's URL is refused
 * as unauthenticated. completed settles the task DONE, cancelled FAILED; other statuses are progress only.
 */
final class OpenDsrCallbackReader implements CallbackReader {

    private final String systemId;

    private final OpenDsrClient client;

    private final CallbackUrls urls;

    private final JsonMapper json;

    OpenDsrCallbackReader(String systemId, OpenDsrClient client, CallbackUrls urls, JsonMapper json) {
        this.systemId = systemId;
        this.client = client;
        this.urls = urls;
        this.json = json;
    }

    /** False: OpenDSR reports on a route of its own, /callbacks/opendsr/{systemId}/{taskId}, not the http one. */
    @Override
    public boolean taskIdInPath() {
        return false;
    }

    @Override
    public Mono<CallbackReport> read(@Nullable UUID pathTaskId, HttpHeaders headers, byte[] body) {
        if (pathTaskId == null) {
            return Mono.just(new CallbackReport.Unreadable("the callback URL names no task"));
        }
        return this.client
                .verifies(body, headers.getFirst(OpenDsrClient.SIGNATURE_HEADER))
                .map(valid -> valid
                        ? parse(pathTaskId, body)
                        : new CallbackReport.Unauthenticated("the callback does not" + " carry a valid "
                                + OpenDsrClient.SIGNATURE_HEADER + " of " + this.systemId));
    }

    private CallbackReport parse(UUID taskId, byte[] body) {
        JsonNode report;
        try {
            report = this.json.readTree(body);
        } catch (JacksonException ex) {
            return new CallbackReport.Unreadable("the body is not JSON");
        }
        JsonNode id = report.path("subject_request_id");
        JsonNode status = report.path("request_status");
        if (!id.isString() || !status.isString()) {
            return new CallbackReport.Unreadable("subject_request_id and request_status are required");
        }
        // Signed by the processor, but about another request: a genuine report replayed onto this task's URL.
        if (!taskId.toString().equals(id.stringValue())) {
            return new CallbackReport.Unauthenticated(
                    "the signed report is about another request than the task this" + " callback URL names");
        }
        JsonNode url = report.get("status_callback_url");
        if (url != null && !(url.isString() && this.urls.forTask(taskId).equals(url.stringValue()))) {
            return new CallbackReport.Unauthenticated("the signed report was made for another callback URL");
        }
        return switch (status.stringValue()) {
            case "completed" ->
                new CallbackReport.Settled(
                        taskId, new ConnectorOutcome.Done(this.systemId + " completed the erasure", id.stringValue()));
            case "cancelled" ->
                new CallbackReport.Settled(
                        taskId, new ConnectorOutcome.Rejected(this.systemId + " cancelled the request"));
            default -> new CallbackReport.Progress(taskId);
        };
    }
}
