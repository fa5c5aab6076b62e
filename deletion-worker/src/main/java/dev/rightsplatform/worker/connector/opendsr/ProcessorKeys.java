package dev.rightsplatform.worker.connector.opendsr;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * One processor's signing key: the public key of its X.509 certificate (see {@link ProcessorCertificate}), which
 * verifies SHA256withRSA signatures over raw bodies. Fetched once and cached; fetched again when a signature does not
 * verify (the processor may have rotated its key), but at most once a minute, so bad callbacks cannot make the
 * worker hammer the processor. Each system has its own: a signature verifies only with the key of its processor.
 */
final class ProcessorKeys {

    static final Duration REFETCH_AT_MOST_EVERY = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(ProcessorKeys.class);

    private final String systemId;

    private final Supplier<Mono<byte[]>> certificate;

    private final AtomicLong lastFetchNanos = new AtomicLong(System.nanoTime() - REFETCH_AT_MOST_EVERY.toNanos());

    private volatile @Nullable Mono<PublicKey> key;

    /** @param certificate fetches the processor's certificate (PEM or DER) */
    ProcessorKeys(String systemId, Supplier<Mono<byte[]>> certificate) {
        this.systemId = systemId;
        this.certificate = certificate;
    }

    Mono<Boolean> verifies(byte[] body, @Nullable String signature) {
        byte[] signatureBytes = decode(signature);
        if (signatureBytes == null) {
            return Mono.just(false);
        }
        return current()
                .map(key -> check(key, body, signatureBytes))
                .flatMap(valid -> valid
                        ? Mono.just(true)
                        : refetched()
                                .map(key -> check(key, body, signatureBytes))
                                .defaultIfEmpty(false))
                .onErrorResume(ex -> {
                    // Our own messages say what to fix and carry no personal data; others are named by type only.
                    log.warn(
                            "Cannot verify a signature of {}: its certificate is unavailable ({})",
                            this.systemId,
                            (ex instanceof ProcessorCertificate.Unavailable)
                                    ? ex.getMessage()
                                    : ex.getClass().getSimpleName());
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
        Mono<PublicKey> fetched = Mono.defer(this.certificate)
                .map(ProcessorKeys::publicKeyIn)
                .doOnError(ex -> this.key = null)
                .cache();
        this.key = fetched;
        return fetched;
    }

    private static PublicKey publicKeyIn(byte[] pem) {
        try {
            X509Certificate certificate = (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem));
            certificate.checkValidity();
            return certificate.getPublicKey();
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException(
                    "not a valid X.509 certificate (" + ex.getClass().getSimpleName() + ")");
        }
    }

    private static boolean check(PublicKey key, byte[] body, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update(body);
            return verifier.verify(signature);
        } catch (GeneralSecurityException ex) {
            return false;
        }
    }

    private static byte @Nullable [] decode(@Nullable String signature) {
        if (signature == null || signature.isBlank()) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(signature.strip());
        } catch (IllegalArgumentException ex) {
            return null;
        }
    }
}
