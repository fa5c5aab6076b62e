package dev.rightsplatform.worker.connector.opendsr;

import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finds and fetches the processor's signing certificate (PEM). It is certificate-url when that is configured, else
 * the processor_certificate its discovery names, accepted only on base-url's origin or over https on base-url's
 * host (OpenDSR: "the domain MUST match that of the discovery"); any other place is refused, so a discovery answer
 * cannot choose whose key the worker trusts nor where it connects. A certificate is public: it is fetched without
 * any credential (the API key goes to base-url's origin only), and a redirect is not followed but refused.
 */
final class ProcessorCertificate {

    /** Why there is no certificate to verify with; the message names no personal data. */
    static final class Unavailable extends IllegalStateException {

        Unavailable(String message) {
            super(message);
        }
    }

    private final String systemId;

    private final URI base;

    private final URI discoveryUrl;

    private final @Nullable URI configured;

    private final Supplier<Mono<byte[]>> discovery;

    private final WebClient anonymous;

    private final Duration timeout;

    private final JsonMapper json;

    /**
     * @param discovery the processor's discovery document, fetched with the API key from base-url's origin
     * @param anonymous a client that adds no credential and follows no redirect
     */
    ProcessorCertificate(
            String systemId,
            URI base,
            @Nullable URI configured,
            Supplier<Mono<byte[]>> discovery,
            WebClient anonymous,
            Duration timeout,
            JsonMapper json) {
        this.systemId = systemId;
        this.base = base;
        this.discoveryUrl = URI.create(base + "/discovery");
        this.configured = configured;
        this.discovery = discovery;
        this.anonymous = anonymous;
        this.timeout = timeout;
        this.json = json;
    }

    /** Whether the worker may fetch the certificate of a processor at base from url without being told to. */
    static boolean acceptable(URI url, URI base) {
        if (url.getRawUserInfo() != null || url.getHost() == null) {
            return false;
        }
        return OpenDsrClient.sameOrigin(url, base)
                || ("https".equalsIgnoreCase(url.getScheme()) && url.getHost().equalsIgnoreCase(base.getHost()));
    }

    Mono<byte[]> pem() {
        URI fixed = this.configured;
        Mono<URI> location =
                (fixed != null) ? Mono.just(fixed) : this.discovery.get().map(this::namedByDiscovery);
        return location.flatMap(this::fetch);
    }

    private URI namedByDiscovery(byte[] discoveryBody) {
        JsonNode named = this.json.readTree(discoveryBody).path("processor_certificate");
        if (!named.isString()) {
            throw new Unavailable("discovery of " + this.systemId + " names no processor_certificate");
        }
        URI url;
        try {
            url = this.discoveryUrl.resolve(named.stringValue());
        } catch (IllegalArgumentException ex) {
            throw new Unavailable("discovery of " + this.systemId + " names a processor_certificate that is no URL");
        }
        if (!acceptable(url, this.base)) {
            throw new Unavailable("discovery of " + this.systemId + " names a processor_certificate off base-url's"
                    + " host, or over plain http off its origin (" + OpenDsrClient.origin(url) + "); it is not fetched."
                    + " Set certificate-url to trust another place");
        }
        return url;
    }

    private Mono<byte[]> fetch(URI url) {
        return this.anonymous
                .get()
                .uri(url)
                .accept(MediaType.ALL)
                .exchangeToMono(response -> response.statusCode().is2xxSuccessful()
                        ? response.bodyToMono(byte[].class)
                                .switchIfEmpty(Mono.error(
                                        new Unavailable("the certificate of " + this.systemId + " is empty")))
                        : response.releaseBody()
                                .then(Mono.error(new Unavailable(
                                        "fetching the certificate of " + this.systemId + " answered HTTP "
                                                + response.statusCode().value()))))
                .timeout(this.timeout);
    }
}
