package dev.rightsplatform.worker.connector.opendsr;

import java.net.URI;
import java.time.Duration;

import io.netty.channel.ChannelOption;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * HTTP to one OpenDSR processor: bearer-authenticated calls under its base URL, and the check of the signature
 * its answers carry (X-OpenDSR-Signature, by the key of its processor certificate) before anything reads them.
 */
final class OpenDsrClient {

    static final String SIGNATURE_HEADER = "X-OpenDSR-Signature";

    /** An answer: its status, raw body, and whether the body carries the processor's valid signature. */
    record Answer(int status, byte[] body, boolean signed) {

        boolean isSuccess() {
            return this.status >= 200 && this.status < 300;
        }
    }

    private final URI base;

    private final Duration timeout;

    private final WebClient webClient;

    private final ProcessorKeys keys;

    OpenDsrClient(String systemId, URI base, String apiKey, Duration timeout, JsonMapper json) {
        this.base = base;
        this.timeout = timeout;
        HttpClient httpClient = HttpClient.create()
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(timeout.toMillis(), Integer.MAX_VALUE));
        this.webClient = WebClient.builder()
            .clientConnector(new ReactorClientHttpConnector(httpClient))
            .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey)
            .build();
        this.keys = new ProcessorKeys(systemId, URI.create(base + "/discovery"), this.webClient, timeout, json);
    }

    Mono<Answer> post(String path, byte[] body) {
        return exchange(this.webClient.post()
            .uri(URI.create(this.base + path))
            .contentType(MediaType.APPLICATION_JSON)
            .accept(MediaType.APPLICATION_JSON)
            .bodyValue(body));
    }

    Mono<Answer> get(String path) {
        return exchange(this.webClient.get().uri(URI.create(this.base + path)).accept(MediaType.APPLICATION_JSON));
    }

    /** Whether signature (base64) is the processor's signature of body; a missing one never is. */
    Mono<Boolean> verifies(byte[] body, @Nullable String signature) {
        return this.keys.verifies(body, signature);
    }

    private Mono<Answer> exchange(WebClient.RequestHeadersSpec<?> request) {
        return request.exchangeToMono(this::read).timeout(this.timeout);
    }

    private Mono<Answer> read(ClientResponse response) {
        int status = response.statusCode().value();
        if (!response.statusCode().is2xxSuccessful()) {
            // Error bodies may echo what was sent (the identity); they are not read.
            return response.releaseBody().thenReturn(new Answer(status, new byte[0], false));
        }
        String signature = response.headers().asHttpHeaders().getFirst(SIGNATURE_HEADER);
        return response.bodyToMono(byte[].class)
            .defaultIfEmpty(new byte[0])
            .flatMap(body -> verifies(body, signature).map(valid -> new Answer(status, body, valid)));
    }

    Duration timeout() {
        return this.timeout;
    }
}
