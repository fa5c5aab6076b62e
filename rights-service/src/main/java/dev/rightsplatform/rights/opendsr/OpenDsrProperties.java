package dev.rightsplatform.rights.opendsr;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The partner API's settings.
 *
 * @param processorDomain       sent as {@code X-OpenDSR-Processor-Domain}
 * @param publicBaseUrl         the gateway's public URL, for {@code processor_certificate} and {@code results_url}
 * @param keystore              the processor's signing key
 * @param regulations           which jurisdiction's deadline rules apply to each OpenDSR regulation
 * @param callbacks             how status callbacks are sent
 */
@ConfigurationProperties("rights.opendsr")
record OpenDsrProperties(
        String processorDomain,
        String publicBaseUrl,
        Keystore keystore,
        Map<String, String> regulations,
        Callbacks callbacks) {

    OpenDsrProperties {
        if (processorDomain == null || processorDomain.isBlank()) {
            processorDomain = "rights-platform.local";
        }
        if (publicBaseUrl == null || publicBaseUrl.isBlank()) {
            publicBaseUrl = "http://127.0.0.1:8080";
        }
        publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
        if (regulations == null || regulations.isEmpty()) {
            regulations = Map.of("gdpr", "IE", "uk-gdpr", "GB", "ccpa", "US-CA", "pipl", "CN", "lgpd", "BR");
        }
        regulations = Map.copyOf(regulations);
        callbacks = callbacks == null ? new Callbacks(null, null, null, null, null, false, false) : callbacks;
        if (keystore == null) {
            throw new IllegalStateException(
                    "rights.opendsr.keystore.path and .password are required: the processor key "
                            + "that signs OpenDSR responses and callbacks (infra/local/prepare makes a development one)");
        }
    }

    /**
     * @param path     a PKCS#12 file
     * @param password its password (and the key's)
     * @param alias    the key's alias; the only key in the file when absent
     */
    record Keystore(Path path, String password, @Nullable String alias) {

        Keystore {
            if (path == null || password == null || password.isBlank()) {
                throw new IllegalStateException("rights.opendsr.keystore.path and .password are required");
            }
        }
    }

    /**
     * @param maxAttempts            attempts per callback before it is logged as failed
     * @param initialDelay           delay after the first failure, doubled each time up to maxDelay
     * @param maxDelay               longest delay between attempts
     * @param timeout                longest call
     * @param interval               how often due callbacks are looked for
     * @param allowPrivateAddresses  allow loopback, private and link-local targets (local development and tests only)
     * @param allowHttp              allow http:// targets (local development and tests only); https otherwise
     */
    record Callbacks(
            Integer maxAttempts,
            Duration initialDelay,
            Duration maxDelay,
            Duration timeout,
            Duration interval,
            boolean allowPrivateAddresses,
            boolean allowHttp) {

        Callbacks {
            maxAttempts = maxAttempts == null ? 10 : maxAttempts;
            initialDelay = initialDelay == null ? Duration.ofSeconds(10) : initialDelay;
            maxDelay = maxDelay == null ? Duration.ofHours(1) : maxDelay;
            timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
            interval = interval == null ? Duration.ofSeconds(1) : interval;
        }
    }
}
