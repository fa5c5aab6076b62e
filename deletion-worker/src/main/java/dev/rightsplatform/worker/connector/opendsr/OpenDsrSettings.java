package dev.rightsplatform.worker.connector.opendsr;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The keys of a system of type opendsr, {@code platform.systems.<systemId>.*}.
 *
 * @param baseUrl the processor's API, ending in its major version, e.g. https://dsr.vendor.example/opendsr/v2
 * @param apiKey the bearer token the processor gave the platform; only ever from the environment
 * @param callbackBaseUrl the worker's public base URL; the processor posts status changes to
 * {callbackBaseUrl}/callbacks/opendsr/{systemId}
 * @param regulation the regulation requests are made under: gdpr, ccpa, pipl, lgpd or uk-gdpr
 * @param statusInterval how often the worker asks for the status of a request the processor has not finished
 * @param certificateUrl where the processor's signing certificate is, when it is not where discovery may name it
 * (base-url's origin, or https on base-url's host); https, or on base-url's origin. Unset: discovery says
 */
record OpenDsrSettings(
        @Nullable URI baseUrl,
        @Nullable String apiKey,
        @Nullable URI callbackBaseUrl,
        @DefaultValue("gdpr") String regulation,
        @DefaultValue("1m") Duration statusInterval,
        @Nullable URI certificateUrl) {

    @Override
    public String toString() {
        return "OpenDsrSettings[baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "unset" : "***")
                + ", callbackBaseUrl=" + callbackBaseUrl + ", regulation=" + regulation + ", statusInterval="
                + statusInterval + ", certificateUrl=" + certificateUrl + "]";
    }
}
