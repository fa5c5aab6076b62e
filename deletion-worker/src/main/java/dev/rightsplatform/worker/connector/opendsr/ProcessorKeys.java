package dev.rightsplatform.worker.connector.opendsr;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The processor's signing key: discovery names the URL of its X.509 certificate (processor_certificate), whose
 * public key verifies SHA256withRSA signatures. Fetched once and cached; fetched again when a signature does not
 * verify (the processor may have rotated its key), but at most once a minute, so bad callbacks cannot make the
 * worker hammer the processor.
 */
final class ProcessorKeys {

    static final Duration REFETCH_AT_MOST_EVERY = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(ProcessorKeys.class);

    private final String systemId;

    private final URI discovery;

    private final WebClient webClient;

    private final Duration timeout;

    private final JsonMapper json;

    private final AtomicLong lastFetchNanos = new AtomicLong(System.nanoTime() - REFETCH_AT_MOST_EVERY.toNanos());

    private volatile @Nullable Mono<PublicKey> key;

    ProcessorKeys(String systemId, URI discovery, WebClient webClient, Duration timeout, JsonMapper json) {
        this.systemId = systemId;
        this.discovery = discovery;
        this.webClient = webClient;
        this.timeout = timeout;
        this.json = json;
    }

    Mono<Boolean> verifies(byte[] body, @Nullable String signature) {
        byte[] signatureBytes = decode(signature);
        if (signatureBytes == null) {
            return Mono.just(false);
        }
        return current().map(key -> check(key, body, signatureBytes))
            .flatMap(valid -> valid ? Mono.just(true)
                    : refetched().map(key -> check(key, body, signatureBytes)).defaultIfEmpty(false))
            .onErrorResume(ex -> {
                log.warn("Cannot verify a signature of {}: its certificate is unavailable ({})", this.systemId,
                        ex.getClass().getSimpleName());
                return Mono.just(false);
            });
    }

    private Mono<PublicKey> current() {
        Mono<PublicKey> cached = this.key;
        if (cached != null) {
            return cached;
        }
        this.lastFetchNanos.set(System.nanoTime());
        return fetch();
    }

    /** A fresh key, unless one was fetched within the last minute. */
    private Mono<PublicKey> refetched() {
        long last = this.lastFetchNanos.get();
        long now = System.nanoTime();
        if (now - last < REFETCH_AT_MOST_EVERY.toNanos() || !this.lastFetchNanos.compareAndSet(last, now)) {
            return Mono.empty();
        }
        return fetch();
    }

    private Mono<PublicKey> fetch() {
        // Keep a key once fetched; forget a failure, so that the next call tries again.
        Mono<PublicKey> fetched = getBody(this.discovery)
            .map(this::certificateUrl)
            .flatMap(this::getBody)
            .map(ProcessorKeys::publicKeyIn)
            .doOnError(ex -> this.key = null)
            .cache();
        this.key = fetched;
        return fetched;
    }

    private Mono<byte[]> getBody(URI url) {
        return this.webClient.get()
            .uri(url)
            .accept(MediaType.APPLICATION_JSON, MediaType.ALL)
            .retrieve()
            .bodyToMono(byte[].class)
            .timeout(this.timeout);
    }

    private URI certificateUrl(byte[] discoveryBody) {
        JsonNode certificate = this.json.readTree(discoveryBody).path("processor_certificate");
        if (!certificate.isString()) {
            throw new IllegalStateException("discovery of " + this.systemId + " names no processor_certificate");
        }
        return this.discovery.resolve(certificate.stringValue());
    }

    private static PublicKey publicKeyIn(byte[] pem) {
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem));
            certificate.checkValidity();
            return certificate.getPublicKey();
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("not a valid X.509 certificate (" + ex.getClass().getSimpleName() + ")");
        }
    }

    private static boolean check(PublicKey key, byte[] body, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update(body);
            return verifier.verify(signature);
        }
        catch (GeneralSecurityException ex) {
            return false;
        }
    }

    private static byte @Nullable [] decode(@Nullable String signature) {
        if (signature == null || signature.isBlank()) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(signature.strip());
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }
}
