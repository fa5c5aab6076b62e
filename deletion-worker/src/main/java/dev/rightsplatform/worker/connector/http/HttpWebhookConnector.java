package dev.rightsplatform.worker.connector.http;

import dev.rightsplatform.worker.connector.Action;
import dev.rightsplatform.worker.connector.CallbackReader;
import dev.rightsplatform.worker.connector.Connector;
import dev.rightsplatform.worker.connector.ConnectorOutcome;
import dev.rightsplatform.worker.connector.TaskRequest;
import io.netty.channel.ChannelOption;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;

/**
 * Calls a downstream system's signed webhook. 2xx means done (or, with {@code {"status":"accepted"}}, that the
 * system reports later on the callback endpoint); 408, 429, 5xx, timeouts and connection failures are worth
 * retrying; any other answer is a refusal that retrying cannot fix. Refusals' bodies are never read: they may echo
 * personal data, and reasons end up in logs.
 */
final class HttpWebhookConnector implements Connector {

    static final String TIMESTAMP_HEADER = SignedRequests.TIMESTAMP_HEADER;

    static final String SIGNATURE_HEADER = SignedRequests.SIGNATURE_HEADER;

    private final String systemId;

    private final HttpEndpoints endpoints;

    private final SignedRequests requests;

    private final Duration timeout;

    private final HttpAnswers answers;

    private final CallbackReader callbacks;

    private final @Nullable HttpCollector collector;

    private final WebClient webClient;

    /** collector: how the system answers COLLECT; null when it has no collect-url. */
    HttpWebhookConnector(
            String systemId,
            HttpEndpoints endpoints,
            SignedRequests requests,
            Duration timeout,
            HttpAnswers answers,
            CallbackReader callbacks,
            @Nullable HttpCollector collector) {
        this.systemId = systemId;
        this.endpoints = endpoints;
        this.requests = requests;
        this.timeout = timeout;
        this.answers = answers;
        this.callbacks = callbacks;
        this.collector = collector;
        // Only the connect timeout here: call() bounds the whole exchange, and cancelling closes the connection.
        HttpClient httpClient = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(timeout.toMillis(), Integer.MAX_VALUE));
        this.webClient = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(httpClient))
                .build();
    }

    @Override
    public String type() {
        return "http";
    }

    @Override
    public Mono<ConnectorOutcome> erase(TaskRequest request) {
        return call(
                this.endpoints.erase(),
                Action.ERASE,
                request,
                (answered, answer) ->
                        this.answers.isAccepted(answer) ? accepted(answer) : this.answers.done(answered, answer));
    }

    /** The call carries the purpose; 2xx is done, {"status":"accepted"} means the system reports on its callback. */
    @Override
    public Mono<ConnectorOutcome> withdraw(TaskRequest request) {
        URI withdrawUrl = this.endpoints.withdraw();
        if (withdrawUrl == null) {
            return Mono.just(missing("withdraw-url", Action.WITHDRAW));
        }
        return call(
                withdrawUrl,
                Action.WITHDRAW,
                request,
                (answered, answer) -> this.answers.isAccepted(answer)
                        ? accepted(answer)
                        : new ConnectorOutcome.Done(
                                answered, HttpAnswers.text(answer, "reference", HttpAnswers.MAX_REFERENCE)));
    }

    @Override
    public Mono<ConnectorOutcome> collect(TaskRequest request) {
        HttpCollector collecting = this.collector;
        return (collecting != null) ? collecting.collect(request) : Mono.just(missing("collect-url", Action.COLLECT));
    }

    private ConnectorOutcome accepted(JsonNode answer) {
        return new ConnectorOutcome.Waiting(
                HttpAnswers.text(answer, "reference", HttpAnswers.MAX_REFERENCE),
                this.systemId + " accepted the task and reports later",
                null);
    }

    private ConnectorOutcome missing(String key, Action action) {
        return new ConnectorOutcome.Rejected(
                "system " + this.systemId + " (type http) has no " + key + ", so it does not support " + action);
    }

    /** {"canClose":true} is done; {"canClose":false,"reason":"..."} is blocked, with the system's reason. */
    @Override
    public Mono<ConnectorOutcome> precheck(TaskRequest request) {
        URI precheckUrl = this.endpoints.precheck();
        if (precheckUrl == null) {
            return Mono.just(missing("precheck-url", Action.PRECHECK));
        }
        return call(precheckUrl, Action.PRECHECK, request, (answered, answer) -> {
            JsonNode canClose = answer.path("canClose");
            if (!canClose.isBoolean()) {
                return new ConnectorOutcome.Rejected(answered + " without a boolean canClose");
            }
            if (canClose.booleanValue()) {
                return new ConnectorOutcome.Done(this.systemId + ": the account may be closed", null);
            }
            String reason = HttpAnswers.text(answer, "reason", HttpAnswers.MAX_WORDS);
            return new ConnectorOutcome.Blocked(
                    reason != null ? reason : this.systemId + ": the account cannot be closed yet");
        });
    }

    @Override
    public Optional<CallbackReader> callbacks() {
        return Optional.of(this.callbacks);
    }

    private Mono<ConnectorOutcome> call(
            URI target, Action action, TaskRequest request, BiFunction<String, JsonNode, ConnectorOutcome> onSuccess) {
        return Mono.defer(() -> this.requests
                        .post(this.webClient, target, action, request, MediaType.APPLICATION_JSON)
                        .exchangeToMono(response -> outcomeOf(response, onSuccess)))
                .timeout(this.timeout)
                .onErrorResume(ex -> Mono.just(outcomeOf(ex)));
    }

    private Mono<ConnectorOutcome> outcomeOf(
            ClientResponse response, BiFunction<String, JsonNode, ConnectorOutcome> onSuccess) {
        int status = response.statusCode().value();
        String answered = this.systemId + " answered HTTP " + status;
        if (response.statusCode().is2xxSuccessful()) {
            return response.bodyToMono(byte[].class)
                    .defaultIfEmpty(new byte[0])
                    .map(body -> onSuccess.apply(answered, this.answers.read(body)));
        }
        ConnectorOutcome outcome = isRetryable(status)
                ? new ConnectorOutcome.Retryable(answered)
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

    /** The system's timeout, or the longer COLLECT timeout when the system can collect. */
    @Override
    public Duration timeout() {
        HttpCollector collecting = this.collector;
        return (collecting != null && collecting.timeout().compareTo(this.timeout) > 0)
                ? collecting.timeout()
                : this.timeout;
    }

    @Override
    public String toString() {
        return "HttpWebhookConnector[" + this.systemId + " -> " + this.endpoints.erase() + "]";
    }
}
