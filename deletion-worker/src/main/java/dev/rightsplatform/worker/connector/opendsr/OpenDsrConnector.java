package dev.rightsplatform.worker.connector.opendsr;

import dev.rightsplatform.worker.connector.CallbackReader;
import dev.rightsplatform.worker.connector.Connector;
import dev.rightsplatform.worker.connector.ConnectorOutcome;
import dev.rightsplatform.worker.connector.TaskRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.function.client.WebClientException;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Submits an erasure to an OpenDSR processor (POST /requests, subject_request_id = taskId, so a repeat is the same
 * request) and follows it: the worker asks GET /requests/{id} every status-interval until the processor says
 * completed (DONE) or cancelled (FAILED), and the processor's signed callbacks (to a URL of the task's own) can settle
 * it sooner. Every answer read must carry the processor's signature, and a status answer must name the request asked
 * for.
 */
final class OpenDsrConnector implements Connector {

    private final String systemId;

    private final OpenDsrClient client;

    private final String regulation;

    private final CallbackUrls callbackUrls;

    private final Duration statusInterval;

    private final JsonMapper json;

    private final OpenDsrCallbackReader callbacks;

    OpenDsrConnector(
            String systemId,
            OpenDsrClient client,
            String regulation,
            CallbackUrls callbackUrls,
            Duration statusInterval,
            JsonMapper json) {
        this.systemId = systemId;
        this.client = client;
        this.regulation = regulation;
        this.callbackUrls = callbackUrls;
        this.statusInterval = statusInterval;
        this.json = json;
        this.callbacks = new OpenDsrCallbackReader(systemId, client, callbackUrls, json);
    }

    @Override
    public String type() {
        return "opendsr";
    }

    @Override
    public Mono<ConnectorOutcome> erase(TaskRequest request) {
        String id = request.taskId().toString(); // lowercase, as OpenDSR requires
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("regulation", this.regulation);
        body.put("subject_request_id", id);
        body.put("subject_request_type", "erasure");
        body.put(
                "subject_identities",
                List.of(Map.of(
                        "identity_type",
                        "controller_customer_id",
                        "identity_value",
                        request.userId(),
                        "identity_format",
                        "raw")));
        // The task's issue time stands in for the person's request time: stable, so a repeat is the same body.
        body.put("submitted_time", request.issuedAt().toString());
        // The task's own URL: a report posted there must be about this task (see OpenDsrCallbackReader).
        body.put("status_callback_urls", List.of(this.callbackUrls.forTask(request.taskId())));
        return Mono.defer(() -> this.client.post("/requests", this.json.writeValueAsBytes(body)))
                .map(answer -> {
                    ConnectorOutcome refused = refusal(answer, "submitting");
                    return (refused != null)
                            ? refused
                            : new ConnectorOutcome.Waiting(
                                    id, this.systemId + " accepted the erasure", this.statusInterval);
                })
                .onErrorResume(ex -> Mono.just(outcomeOf(ex)));
    }

    @Override
    public Mono<ConnectorOutcome> checkStatus(TaskRequest request, String systemReference) {
        return Mono.defer(() -> this.client.get("/requests/" + systemReference))
                .map(answer -> {
                    ConnectorOutcome refused = refusal(answer, "asking for the status");
                    return (refused != null) ? refused : answeredStatus(systemReference, answer.body());
                })
                .onErrorResume(ex -> Mono.just(outcomeOf(ex)));
    }

    ConnectorOutcome statusOutcome(String reference, String status) {
        return switch (status) {
            case "completed" -> new ConnectorOutcome.Done(this.systemId + " completed the erasure", reference);
            case "cancelled" -> new ConnectorOutcome.Rejected(this.systemId + " cancelled the request");
            default ->
                new ConnectorOutcome.Waiting(reference, this.systemId + " reports " + status, this.statusInterval);
        };
    }

    /** The outcome of a signed status answer, which must be about the request asked for. */
    private ConnectorOutcome answeredStatus(String reference, byte[] body) {
        JsonNode answer = this.json.readTree(body);
        JsonNode id = answer.path("subject_request_id");
        if (!id.isString() || !reference.equals(id.stringValue())) {
            // Signed, but not about this request (a replayed answer): never settle a task with it.
            return new ConnectorOutcome.Retryable(
                    this.systemId + "'s status answer is not about the request asked" + " for");
        }
        JsonNode status = answer.path("request_status");
        return statusOutcome(reference, status.isString() ? status.stringValue() : "no request_status");
    }

    /** Why an answer cannot be used, or null when it can: HTTP status first, then the signature. */
    private @Nullable ConnectorOutcome refusal(OpenDsrClient.Answer answer, String doing) {
        int status = answer.status();
        String answered = this.systemId + " answered HTTP " + status + " when " + doing;
        if (status == 408 || status == 429 || status >= 500) {
            return new ConnectorOutcome.Retryable(answered);
        }
        if (!answer.isSuccess()) {
            return new ConnectorOutcome.Rejected(answered);
        }
        if (!answer.signed()) {
            // Perhaps a key rotation not yet visible, perhaps not the processor at all: never act on it.
            return new ConnectorOutcome.Retryable(this.systemId + "'s answer when " + doing + " does not carry a valid "
                    + OpenDsrClient.SIGNATURE_HEADER);
        }
        return null;
    }

    private ConnectorOutcome outcomeOf(Throwable failure) {
        if (failure instanceof TimeoutException) {
            return new ConnectorOutcome.Retryable("no answer from " + this.systemId + " within " + timeout());
        }
        if (failure instanceof JacksonException) {
            return new ConnectorOutcome.Retryable(this.systemId + " answered with unreadable JSON");
        }
        String kind = (failure instanceof WebClientException) ? "could not reach " : "call to ";
        return new ConnectorOutcome.Retryable(
                kind + this.systemId + " failed (" + failure.getClass().getSimpleName() + ")");
    }

    @Override
    public Optional<CallbackReader> callbacks() {
        return Optional.of(this.callbacks);
    }

    @Override
    public Optional<Duration> statusInterval() {
        return Optional.of(this.statusInterval);
    }

    @Override
    public Duration timeout() {
        return this.client.timeout().multipliedBy(2); // a call may first fetch the processor's certificate
    }

    @Override
    public String toString() {
        return "OpenDsrConnector[" + this.systemId + "]";
    }
}
