package dev.rightsplatform.worker.connector.http;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * The keys of a system of type http, {@code platform.systems.<systemId>.*}.
 *
 * @param url where the system receives ERASE calls
 * @param secret the HMAC key shared with the system, for calls and callbacks; only ever from the environment
 * @param precheckUrl where the system answers PRECHECK calls; required when precheck is true
 * @param collectUrl where the system answers COLLECT calls with the part document; required when its request-types
 *        include ACCESS or EXPORT
 * @param withdrawUrl where the system receives WITHDRAW calls; required when its request-types include
 *        WITHDRAW_CONSENT or it lists purposes
 */
record HttpSettings(
        @Nullable URI url,
        @Nullable String secret,
        @Nullable URI precheckUrl,
        @Nullable URI collectUrl,
        @Nullable URI withdrawUrl) {

    @Override
    public String toString() {
        return "HttpSettings[url=" + url + ", secret=" + (secret == null ? "unset" : "***") + ", precheckUrl="
                + precheckUrl + ", collectUrl=" + collectUrl + ", withdrawUrl=" + withdrawUrl + "]";
    }
}
