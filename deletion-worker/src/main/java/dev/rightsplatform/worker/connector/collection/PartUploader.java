package dev.rightsplatform.worker.connector.collection;

import dev.rightsplatform.worker.connector.ConnectorOutcome;
import dev.rightsplatform.worker.connector.TaskRequest;
import io.netty.channel.ChannelOption;
import java.net.URI;
import java.time.Duration;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Uploads the part document of a COLLECT to rights-service: {@code PUT {upload-url}/{taskId}}, the body streamed
 * (chunked) from the connector's source as it arrives, with the worker's bearer token. rights-service stores it by
 * taskId (a repeat replaces), so a retried COLLECT may upload again. Its answers: 200 with a receipt is done; 401
 * and 403 refuse the token; 400, 404, 409, 413, 422 (and any other 4xx) refuse the part; 408, 429, 5xx, timeouts and
 * connection failures are retried. Refusal bodies are never read.
 */
@Component
public class PartUploader {

    private static final Logger log = LoggerFactory.getLogger(PartUploader.class);

    private final CollectionProperties properties;

    private final ServiceTokens tokens;

    private final Receipts receipts;

    private final WebClient webClient;

    public PartUploader(CollectionProperties properties, ServiceTokens tokens, JsonMapper json) {
        this.properties = properties;
        this.tokens = tokens;
        this.receipts = new Receipts(json);
        // No retry inside the client: the body is a one-time stream, and the task's own retry starts it afresh.
        HttpClient httpClient = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                        Math.min(properties.timeout().toMillis(), Integer.MAX_VALUE))
                .disableRetry(true);
        this.webClient = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(httpClient))
                .build();
    }

    /** The longest one COLLECT may take, fetch and upload together. */
    public Duration timeout() {
        return this.properties.timeout();
    }

    /**
     * Fails the start when a system could COLLECT but the worker could not upload: no client secret.
     *
     * @param key the registry key that lets the system collect, e.g. platform.systems.crm.collect-url
     */
    public void requireCredentials(String key) {
        this.tokens.requireCredentials(key + " is set");
    }

    /**
     * Carries out a COLLECT: gets the token first (so no part is fetched that could not be uploaded), then lets
     * the connector fetch its part and hand it to {@link Upload#send}. Token failures become the outcome.
     */
    public Mono<ConnectorOutcome> collect(TaskRequest request, Function<Upload, Mono<ConnectorOutcome>> fetch) {
        return this.tokens
                .token()
                .flatMap(token -> fetch.apply(new Upload(request, token)))
                .onErrorResume(TokenUnavailableException.class, failure -> Mono.just(failure.outcome()));
    }

    /** One task's upload, with the token it goes with. */
    public final class Upload {

        private final TaskRequest request;

        private final String token;

        Upload(TaskRequest request, String token) {
            this.request = request;
            this.token = token;
        }

        /**
         * Streams the part to rights-service. Completes with the outcome of the upload; when the part itself fails
         * (the source broke off), fails with the source's own error, for the connector to judge.
         */
        public Mono<ConnectorOutcome> send(Flux<DataBuffer> part) {
            URI target = PartUploader.this.properties.uploadUrlOf(
                    this.request.taskId().toString());
            return PartUploader.this
                    .webClient
                    .put()
                    .uri(target)
                    .headers(headers -> headers.setBearerAuth(this.token))
                    .contentType(MediaType.APPLICATION_JSON)
                    .accept(MediaType.APPLICATION_JSON)
                    .body(BodyInserters.fromDataBuffers(part.onErrorMap(PartFailure::new)))
                    .exchangeToMono(this::outcomeOf)
                    .onErrorResume(failure -> {
                        PartFailure partFailure = PartFailure.in(failure);
                        return (partFailure != null)
                                ? Mono.error(partFailure.getCause())
                                : Mono.just(uploadFailed(failure));
                    });
        }

        private Mono<ConnectorOutcome> outcomeOf(ClientResponse response) {
            int status = response.statusCode().value();
            if (status == 200) {
                return response.bodyToMono(byte[].class)
                        .defaultIfEmpty(new byte[0])
                        .map(body -> PartUploader.this.receipts.outcomeOf(this.request.systemId(), body));
            }
            ConnectorOutcome outcome;
            if (status == 401 || status == 403) {
                PartUploader.this.tokens.forget();
                outcome = new ConnectorOutcome.Rejected("rights-service refused the worker's token (" + status + ")");
            } else if (status == 408 || status == 429 || status >= 500) {
                outcome = new ConnectorOutcome.Retryable("rights-service answered the upload with HTTP " + status);
            } else {
                outcome = new ConnectorOutcome.Rejected(
                        "rights-service refused the part of " + this.request.systemId() + " (HTTP " + status + ")");
            }
            return response.releaseBody().thenReturn(outcome);
        }

        private ConnectorOutcome uploadFailed(Throwable failure) {
            // Only the exception type: a message could quote the request.
            String type = PartFailure.rootCause(failure).getClass().getSimpleName();
            log.debug("Upload of task {} failed: {}", this.request.taskId(), type);
            return new ConnectorOutcome.Retryable("upload to rights-service failed (" + type + ")");
        }
    }
}
