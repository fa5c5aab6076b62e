package dev.rightsplatform.worker.connector;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings of one downstream system, {@code worker.systems.<systemId>.*}. Which of them are required depends
 * on the type; the {@link ConnectorType} checks them.
 *
 * @param type the connector type: {@code http} or {@code keycloak}
 * @param url where an {@code http} system receives its calls
 * @param secret the HMAC key shared with an {@code http} system; only ever from the environment
 * @param timeout the longest one call may take before it counts as failed and is retried
 */
public record SystemSettings(@Nullable String type, @Nullable URI url, @Nullable String secret,
        @DefaultValue("10s") Duration timeout) {

    @Override
    public String toString() {
        return "SystemSettings[type=" + type + ", url=" + url + ", secret=" + (secret == null ? "unset" : "***")
                + ", timeout=" + timeout + "]";
    }
}
