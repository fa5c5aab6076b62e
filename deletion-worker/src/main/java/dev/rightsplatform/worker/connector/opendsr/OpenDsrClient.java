package dev.rightsplatform.worker.connector.opendsr;

import io.netty.channel.ChannelOption;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP to one OpenDSR processor: calls under its base URL carrying the API key, and the check of the signature its
 * answers carry (X-OpenDSR-Signature, by the key of its processor certificate) before anything reads them. The API
 * key is added to each call only after checking that it goes to base-url's origin (scheme, host and port), and no
 * redirect is ever followed, so the key reaches no other host; the certificate is fetched without it.
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

    private final String apiKey;

    private final Duration timeout;

    private final WebClient webClient;

    private final ProcessorKeys keys;

    OpenDsrClient(
            String systemId, URI base, String apiKey, @Nullable URI certificateUrl, Duration timeout, JsonMapper json) {
        this(systemId, base, apiKey, certificateUrl, timeout, json, HttpClient.create());
    }

    /** With the given Reactor Netty client (tests give one that trusts their TLS servers). */
    OpenDsrClient(
            String systemId,
            URI base,
            String apiKey,
            @Nullable URI certificateUrl,
            Duration timeout,
            JsonMapper json,
            HttpClient httpClient) {
        this.base = base;
        this.apiKey = apiKey;
        this.timeout = timeout;
        HttpClient configured = httpClient.followRedirect(false).option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                Math.min(timeout.toMillis(), Integer.MAX_VALUE));
        // No default headers: the one credential is added per call, after the origin check.
        this.webClient = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(configured))
                .build();
        ProcessorCertificate certificate = new ProcessorCertificate(
                systemId, base, certificateUrl, this::discovery, this.webClient, timeout, json);
        this.keys = new ProcessorKeys(systemId, certificate::pem);
    }

    Mono<Answer> post(String path, byte[] body) {
        return call(HttpMethod.POST, path)
                .flatMap(request -> exchange(request.contentType(MediaType.APPLICATION_JSON)
                        .accept(MediaType.APPLICATION_JSON)
                        .bodyValue(body)));
    }

    Mono<Answer> get(String path) {
        return call(HttpMethod.GET, path).flatMap(request -> exchange(request.accept(MediaType.APPLICATION_JSON)));
    }

    /** Whether signature (base64) is the processor's signature of body; a missing one never is. */
    Mono<Boolean> verifies(byte[] body, @Nullable String signature) {
        return this.keys.verifies(body, signature);
    }

    /** The discovery document (not signed: it is what names the certificate). */
    private Mono<byte[]> discovery() {
        return call(HttpMethod.GET, "/discovery")
                .flatMap(request -> request.accept(MediaType.APPLICATION_JSON)
                        .exchangeToMono(response -> response.statusCode().is2xxSuccessful()
                                ? response.bodyToMono(byte[].class).defaultIfEmpty(new byte[0])
                                : response.releaseBody()
                                        .then(Mono.error(new ProcessorCertificate.Unavailable("discovery answered HTTP "
                                                + response.statusCode().value()))))
                        .timeout(this.timeout));
    }

    /** A request under base-url with the API key, or an error if path would take it to another origin. */
    private Mono<WebClient.RequestBodySpec> call(HttpMethod method, String path) {
        return Mono.fromCallable(() -> {
            URI url = URI.create(this.base + path);
            if (!sameOrigin(url, this.base) || url.getRawUserInfo() != null) {
                throw new IllegalArgumentException("a call would leave base-url's origin");
            }
            return this.webClient.method(method).uri(url).headers(headers -> headers.setBearerAuth(this.apiKey));
        });
    }

    private Mono<Answer> exchange(WebClient.RequestHeadersSpec<?> request) {
        return request.exchangeToMono(this::read).timeout(this.timeout);
    }

    private Mono<Answer> read(ClientResponse response) {
        int status = response.statusCode().value();
        if (!response.statusCode().is2xxSuccessful()) {
            // Error bodies may echo what was sent (the identity); they are not read. Nor is a redirect followed.
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

    /** Same scheme, host and port (the default port of the scheme when none is given). */
    static boolean sameOrigin(URI a, URI b) {
        return origin(a).equals(origin(b));
    }

    /** scheme://host:port, lowercase, the port always written. */
    static String origin(URI url) {
        String scheme = (url.getScheme() != null) ? url.getScheme().toLowerCase(Locale.ROOT) : "";
        int port = url.getPort();
        if (port == -1) {
            port = "https".equals(scheme) ? 443 : "http".equals(scheme) ? 80 : -1;
        }
        String host = (url.getHost() != null) ? url.getHost().toLowerCase(Locale.ROOT) : "";
        return scheme + "://" + host + ":" + port;
    }
}
