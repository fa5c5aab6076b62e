package dev.rightsplatform.worker.connector.http;

import java.net.URI;

import org.jspecify.annotations.Nullable;

/**
 * The keys of a system of type http, {@code platform.systems.<systemId>.*}.
 *
 * @param url where the system receives ERASE calls
 * @param secret the HMAC key shared with the system, for calls and callbacks; only ever from the environment
 * @param precheckUrl where the system answers PRECHECK calls; required when precheck is true
 */
record HttpSettings(@Nullable URI url, @Nullable String secret, @Nullable URI precheckUrl) {

    @Override
    public String toString() {
        return "HttpSettings[url=" + url + ", secret=" + (secret == null ? "unset" : "***") + ", precheckUrl="
                + precheckUrl + "]";
    }
}
