package dev.rightsplatform.worker.connector.http;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import io.netty.channel.ChannelOption;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import dev.rightsplatform.worker.connector.Connector;
import dev.rightsplatform.worker.connector.ConnectorOutcome;
import dev.rightsplatform.worker.connector.ErasureRequest;

/**
 * Calls a downstream system's signed webhook. 2xx means done; 408, 429, 5xx, timeouts and connection failures
 * are worth retrying; any other answer is a refusal that retrying cannot fix.
 */
final class HttpWebhookConnector implements Connector {

    static final String TIMESTAMP_HEADER = "X-Rights-Timestamp";

    static final String SIGNATURE_HEADER = "X-Rights-Signature";

    private static final int MAX_REFERENCE_LENGTH = 200;

    private final String systemId;

    private final URI url;

    private final WebhookSigner signer;

    private final Duration timeout;

    private final JsonMapper json;

    private final Clock clock;

    private final WebClient webClient;

    HttpWebhookConnector(String systemId, URI url, WebhookSigner signer, Duration timeout, JsonMapper json,
            Clock clock) {
        this.systemId = systemId;
        this.url = url;
        this.signer = signer;
        this.timeout = timeout;
        this.json = json;
        this.clock = clock;
        // Only the connect timeout here: erase() bounds the whole exchange, and cancelling closes the connection.
        HttpClient httpClient = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(timeout.toMillis(), Integer.MAX_VALUE));
        this.webClient = WebClient.builder().clientConnector(new ReactorClientHttpConnector(httpClient)).build();
    }

    @Override
    public Mono<ConnectorOutcome> erase(ErasureRequest request) {
        return Mono.defer(() -> {
            byte[] body = this.json.writeValueAsBytes(new ErasureCall(request.taskId(), request.requestId(), "ERASE",
                    new ErasureCall.Subject(request.userId())));
            long timestamp = this.clock.instant().getEpochSecond();
            return this.webClient.post()
                .uri(this.url)
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .header(TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(SIGNATURE_HEADER, this.signer.sign(timestamp, body))
                .bodyValue(body)
                .exchangeToMono(this::outcomeOf);
        }).timeout(this.timeout).onErrorResume(ex -> Mono.just(outcomeOf(ex)));
    }

    private Mono<ConnectorOutcome> outcomeOf(ClientResponse response) {
        int status = response.statusCode().value();
        String answered = this.systemId + " answered HTTP " + status;
        if (response.statusCode().is2xxSuccessful()) {
            return response.bodyToMono(String.class)
                .defaultIfEmpty("")
                .map(body -> new ConnectorOutcome.Done(answered, referenceIn(body)));
        }
        // The body of a refusal is not read: it may echo personal data, and the reason ends up in logs.
        ConnectorOutcome outcome = isRetryable(status) ? new ConnectorOutcome.Retryable(answered)
                : new ConnectorOutcome.Rejected(answered);
        return response.releaseBody().thenReturn(outcome);
    }

    static boolean isRetryable(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    private ConnectorOutcome outcomeOf(Throwable failure) {
        if (failure instanceof TimeoutException) {
            return new ConnectorOutcome.Retryable("no answer from " + this.systemId + " within " + this.timeout);
        }
        if (failure instanceof WebClientRequestException) {
            return new ConnectorOutcome.Retryable("could not reach " + this.systemId + " ("
                    + rootCause(failure).getClass().getSimpleName() + ")");
        }
        // Only the exception type: a message could quote the request, and with it the subject.
        return new ConnectorOutcome.Retryable("call to " + this.systemId + " failed ("
                + rootCause(failure).getClass().getSimpleName() + ")");
    }

    private @Nullable String referenceIn(String body) {
        if (body.isBlank()) {
            return null;
        }
        try {
            JsonNode reference = this.json.readTree(body).path("reference");
            if (!reference.isString() || reference.stringValue().isBlank()) {
                return null;
            }
            String value = reference.stringValue();
            return value.length() <= MAX_REFERENCE_LENGTH ? value : value.substring(0, MAX_REFERENCE_LENGTH);
        }
        catch (JacksonException ex) {
            return null; // a 2xx without a JSON body is still done, just without a reference
        }
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    @Override
    public Duration timeout() {
        return this.timeout;
    }

    @Override
    public String toString() {
        return "HttpWebhookConnector[" + this.systemId + " -> " + this.url + "]";
    }
}
