package dev.rightsplatform.worker.connector.http;

import dev.rightsplatform.worker.connector.Action;
import dev.rightsplatform.worker.connector.ConnectorOutcome;
import dev.rightsplatform.worker.connector.TaskRequest;
import dev.rightsplatform.worker.connector.collection.PartUploader;
import io.netty.channel.ChannelOption;
import io.netty.handler.timeout.ReadTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * COLLECT from an http system: a signed POST to its collect-url, whose 200 answer is the part document, piped as it
 * arrives into the upload to rights-service (never read whole: a part can be hundreds of megabytes). Only a
 * synchronous answer will do: 202 "accepted" is not supported for COLLECT. 408, 429, 5xx, timeouts and connection
 * failures are retried; other statuses are refusals whose bodies are never read.
 */
final class HttpCollector {

    private final String systemId;

    private final URI collectUrl;

    private final SignedRequests requests;

    private final PartUploader uploader;

    private final Duration timeout;

    private final WebClient webClient;

    /**
     * @param timeout the system's timeout: the longest wait for its answer, and for each read of the part; the
     *        whole COLLECT is bounded by the uploader's timeout
     */
    HttpCollector(String systemId, URI collectUrl, SignedRequests requests, PartUploader uploader, Duration timeout) {
        this.systemId = systemId;
        this.collectUrl = collectUrl;
        this.requests = requests;
        this.uploader = uploader;
        this.timeout = timeout;
        HttpClient httpClient = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(timeout.toMillis(), Integer.MAX_VALUE))
                .responseTimeout(timeout)
                .disableRetry(true);
        this.webClient = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(httpClient))
                .build();
    }

    /** The longest one COLLECT may take: fetch and upload together. */
    Duration timeout() {
        return this.uploader.timeout();
    }

    Mono<ConnectorOutcome> collect(TaskRequest request) {
        return this.uploader
                .collect(
                        request,
                        upload -> this.requests
                                .post(
                                        this.webClient,
                                        this.collectUrl,
                                        Action.COLLECT,
                                        request,
                                        MediaType.APPLICATION_JSON)
                                .exchangeToMono(response -> partOf(response, upload)))
                .timeout(this.uploader.timeout())
                .onErrorResume(failure -> Mono.just(outcomeOf(failure)));
    }

    private Mono<ConnectorOutcome> partOf(ClientResponse response, PartUploader.Upload upload) {
        int status = response.statusCode().value();
        if (status == 200) {
            return upload.send(response.bodyToFlux(DataBuffer.class));
        }
        String answered = this.systemId + " answered HTTP " + status;
        ConnectorOutcome outcome;
        if (status == 202) {
            outcome = new ConnectorOutcome.Rejected(answered + " to COLLECT, but COLLECT must be answered at once"
                    + " with the part (accepted is not supported)");
        } else if (response.statusCode().is2xxSuccessful()) {
            outcome = new ConnectorOutcome.Rejected(answered + " to COLLECT; only 200 with the part will do");
        } else {
            outcome = HttpWebhookConnector.isRetryable(status)
                    ? new ConnectorOutcome.Retryable(answered)
                    : new ConnectorOutcome.Rejected(answered);
        }
        return response.releaseBody().thenReturn(outcome);
    }

    /** Failures on the system's side (upload failures are outcomes already); only types, never messages. */
    private ConnectorOutcome outcomeOf(Throwable failure) {
        if (failure instanceof TimeoutException) {
            return new ConnectorOutcome.Retryable("COLLECT from " + this.systemId + " did not finish within "
                    + this.uploader.timeout() + " (worker.collections.timeout)");
        }
        Throwable root = rootCause(failure);
        if (root instanceof ReadTimeoutException) {
            return new ConnectorOutcome.Retryable("no data from " + this.systemId + " within " + this.timeout);
        }
        return new ConnectorOutcome.Retryable("collecting from " + this.systemId + " failed ("
                + root.getClass().getSimpleName() + ")");
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
