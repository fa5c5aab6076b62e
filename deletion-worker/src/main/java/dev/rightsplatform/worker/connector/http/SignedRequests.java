package dev.rightsplatform.worker.connector.http;

import dev.rightsplatform.worker.connector.Action;
import dev.rightsplatform.worker.connector.TaskRequest;
import java.net.URI;
import java.time.Clock;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the signed POST every call to an http system is: the body {@link WebhookCall}, with X-Rights-Timestamp and
 * X-Rights-Signature over the raw bytes sent.
 */
final class SignedRequests {

    static final String TIMESTAMP_HEADER = "X-Rights-Timestamp";

    static final String SIGNATURE_HEADER = "X-Rights-Signature";

    private final WebhookSigner signer;

    private final JsonMapper json;

    private final Clock clock;

    SignedRequests(WebhookSigner signer, JsonMapper json, Clock clock) {
        this.signer = signer;
        this.json = json;
        this.clock = clock;
    }

    WebClient.RequestHeadersSpec<?> post(
            WebClient client, URI target, Action action, TaskRequest request, MediaType accept) {
        byte[] body = this.json.writeValueAsBytes(new WebhookCall(
                request.taskId(),
                request.requestId(),
                action.name(),
                new WebhookCall.Subject(request.userId()),
                action == Action.WITHDRAW ? request.purpose() : null));
        long timestamp = this.clock.instant().getEpochSecond();
        return client.post()
                .uri(target)
                .contentType(MediaType.APPLICATION_JSON)
                .accept(accept)
                .header(TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(SIGNATURE_HEADER, this.signer.sign(timestamp, body))
                .bodyValue(body);
    }
}
