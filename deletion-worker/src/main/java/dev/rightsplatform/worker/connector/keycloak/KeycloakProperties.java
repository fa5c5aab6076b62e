package dev.rightsplatform.worker.connector.keycloak;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the worker reaches Keycloak's admin API, {@code worker.keycloak.*}: a confidential client with the
 * client-credentials grant whose service account may manage users. Checked only when a system has type keycloak.
 *
 * @param serverUrl Keycloak's base URL
 * @param realm the realm whose accounts the worker erases (and where its client lives)
 * @param clientId the worker's confidential client
 * @param clientSecret that client's secret; only ever from the environment
 * @param timeout the longest one admin call (token or user deletion) may take
 */
@ConfigurationProperties("worker.keycloak")
public record KeycloakProperties(@DefaultValue("http://127.0.0.1:8180") URI serverUrl,
        @DefaultValue("rights") String realm, @DefaultValue("deletion-worker") String clientId,
        @Nullable String clientSecret, @DefaultValue("10s") Duration timeout) {

    @Override
    public String toString() {
        return "KeycloakProperties[serverUrl=" + serverUrl + ", realm=" + realm + ", clientId=" + clientId
                + ", clientSecret=" + (clientSecret == null ? "unset" : "***") + ", timeout=" + timeout + "]";
    }
}
