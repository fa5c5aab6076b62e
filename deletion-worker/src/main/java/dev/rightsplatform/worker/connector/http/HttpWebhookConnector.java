package dev.rightsplatform.worker.connector.http;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;

import io.netty.channel.ChannelOption;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import dev.rightsplatform.worker.connector.Action;
import dev.rightsplatform.worker.connector.CallbackReader;
import dev.rightsplatform.worker.connector.Connector;
import dev.rightsplatform.worker.connector.ConnectorOutcome;
import dev.rightsplatform.worker.connector.TaskRequest;

/**
 * Calls a downstream system's signed webhook. 2xx means done (or, with {@code {"status":"accepted"}}, that the
 * system reports later on the callback endpoint); 408, 429, 5xx, timeouts and connection failures are worth
 * retrying; any other answer is a refusal that retrying cannot fix. Refusals' bodies are never read: they may echo
 * personal data, and reasons end up in logs.
 */
final class HttpWebhookConnector implements Connector {

    static final String TIMESTAMP_HEADER = "X-Rights-Timestamp";

    static final String SIGNATURE_HEADER = "X-Rights-Signature";

    private final String systemId;

    private final URI url;

    private final @Nullable URI precheckUrl;

    private final WebhookSigner signer;

    private final Duration timeout;

    private final JsonMapper json;

    private final Clock clock;

    private final HttpAnswers answers;

    private final CallbackReader callbacks;

    private final WebClient webClient;

    HttpWebhookConnector(String systemId, URI url, @Nullable URI precheckUrl, WebhookSigner signer, Duration timeout,
            JsonMapper json, Clock clock, HttpAnswers answers, CallbackReader callbacks) {
        this.systemId = systemId;
        this.url = url;
        this.precheckUrl = precheckUrl;
        this.signer = signer;
        this.timeout = timeout;
        this.json = json;
        this.clock = clock;
        this.answers = answers;
        this.callbacks = callbacks;
        // Only the connect timeout here: call() bounds the whole exchange, and cancelling closes the connection.
        HttpClient httpClient = HttpClient.create()
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(timeout.toMillis(), Integer.MAX_VALUE));
        this.webClient = WebClient.builder().clientConnector(new ReactorClientHttpConnector(httpClient)).build();
    }

    @Override
    public String type() {
        return "http";
    }

    @Override
    public Mono<ConnectorOutcome> erase(TaskRequest request) {
        return call(this.url, Action.ERASE, request, (answered, answer) -> this.answers.isAccepted(answer)
                ? new ConnectorOutcome.Waiting(HttpAnswers.text(answer, "reference", HttpAnswers.MAX_REFERENCE),
                        this.systemId + " accepted the task and reports later", null)
                : this.answers.done(answered, answer));
    }

    /** {"canClose":true} is done; {"canClose":false,"reason":"..."} is blocked, with the system's reason. */
    @Override
    public Mono<ConnectorOutcome> precheck(TaskRequest request) {
        if (this.precheckUrl == null) {
            return Mono.just(new ConnectorOutcome.Rejected("system " + this.systemId
                    + " (type http) has no precheck-url, so it does not support PRECHECK"));
        }
        return call(this.precheckUrl, Action.PRECHECK, request, (answered, answer) -> {
            JsonNode canClose = answer.path("canClose");
            if (!canClose.isBoolean()) {
                return new ConnectorOutcome.Rejected(answered + " without a boolean canClose");
            }
            if (canClose.booleanValue()) {
                return new ConnectorOutcome.Done(this.systemId + ": the account may be closed", null);
            }
            String reason = HttpAnswers.text(answer, "reason", HttpAnswers.MAX_WORDS);
            return new ConnectorOutcome.Blocked(reason != null ? reason
                    : this.systemId + ": the account cannot be closed yet");
        });
    }

    @Override
    public Optional<CallbackReader> callbacks() {
        return Optional.of(this.callbacks);
    }

    private Mono<ConnectorOutcome> call(URI target, Action action, TaskRequest request,
            BiFunction<String, JsonNode, ConnectorOutcome> onSuccess) {
        return Mono.defer(() -> {
            byte[] body = this.json.writeValueAsBytes(new WebhookCall(request.taskId(), request.requestId(),
                    action.name(), new WebhookCall.Subject(request.userId())));
            long timestamp = this.clock.instant().getEpochSecond();
            return this.webClient.post()
                .uri(target)
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .header(TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(SIGNATURE_HEADER, this.signer.sign(timestamp, body))
                .bodyValue(body)
                .exchangeToMono(response -> outcomeOf(response, onSuccess));
        }).timeout(this.timeout).onErrorResume(ex -> Mono.just(outcomeOf(ex)));
    }

    private Mono<ConnectorOutcome> outcomeOf(ClientResponse response,
            BiFunction<String, JsonNode, ConnectorOutcome> onSuccess) {
        int status = response.statusCode().value();
        String answered = this.systemId + " answered HTTP " + status;
        if (response.statusCode().is2xxSuccessful()) {
            return response.bodyToMono(byte[].class)
                .defaultIfEmpty(new byte[0])
                .map(body -> onSuccess.apply(answered, this.answers.read(body)));
        }
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
