package dev.rightsplatform.worker.connector.opendsr;

import java.util.UUID;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;

import dev.rightsplatform.worker.connector.CallbackReader;
import dev.rightsplatform.worker.connector.ConnectorOutcome;

/**
 * Reads an OpenDSR status callback posted to {@code /callbacks/opendsr/<systemId>}: the X-OpenDSR-Signature over
 * the raw body is verified with the processor certificate's key before the body is parsed. completed settles the
 * task DONE, cancelled FAILED; other statuses are progress only.
 */
final class OpenDsrCallbackReader implements CallbackReader {

    private final String systemId;

    private final OpenDsrClient client;

    private final JsonMapper json;

    OpenDsrCallbackReader(String systemId, OpenDsrClient client, JsonMapper json) {
        this.systemId = systemId;
        this.client = client;
        this.json = json;
    }

    @Override
    public boolean taskIdInPath() {
        return false;
    }

    @Override
    public Mono<CallbackReport> read(@Nullable UUID pathTaskId, HttpHeaders headers, byte[] body) {
        return this.client.verifies(body, headers.getFirst(OpenDsrClient.SIGNATURE_HEADER))
            .map(valid -> valid ? parse(body) : new CallbackReport.Unauthenticated("the callback does not carry a"
                    + " valid " + OpenDsrClient.SIGNATURE_HEADER + " of " + this.systemId));
    }

    private CallbackReport parse(byte[] body) {
        JsonNode report;
        try {
            report = this.json.readTree(body);
        }
        catch (JacksonException ex) {
            return new CallbackReport.Unreadable("the body is not JSON");
        }
        JsonNode id = report.path("subject_request_id");
        JsonNode status = report.path("request_status");
        if (!id.isString() || !status.isString()) {
            return new CallbackReport.Unreadable("subject_request_id and request_status are required");
        }
        UUID taskId;
        try {
            taskId = UUID.fromString(id.stringValue());
        }
        catch (IllegalArgumentException ex) {
            return new CallbackReport.Unreadable("subject_request_id is not one the worker issued");
        }
        return switch (status.stringValue()) {
            case "completed" -> new CallbackReport.Settled(taskId,
                    new ConnectorOutcome.Done(this.systemId + " completed the erasure", id.stringValue()));
            case "cancelled" -> new CallbackReport.Settled(taskId,
                    new ConnectorOutcome.Rejected(this.systemId + " cancelled the request"));
            default -> new CallbackReport.Progress(taskId);
        };
    }
}
