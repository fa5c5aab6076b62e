package dev.rightsplatform.worker.connector.keycloak;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
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
 * @param privilegedRealmRoles realm roles (held directly, through a group or a composite) whose holders are never
 *        disabled or erased: agents, officers, the worker, administrators
 * @param privilegedClients clients any of whose roles makes an account privileged (realm-management: the admin API)
 */
@ConfigurationProperties("worker.keycloak")
public record KeycloakProperties(
        @DefaultValue("http://127.0.0.1:8180") URI serverUrl,
        @DefaultValue("rights") String realm,
        @DefaultValue("deletion-worker") String clientId,
        @Nullable String clientSecret,
        @DefaultValue("10s") Duration timeout,

        @DefaultValue({"support-agent", "privacy-officer", "rights-worker", "admin"})
        List<String> privilegedRealmRoles,

        @DefaultValue("realm-management") List<String> privilegedClients) {

    static final List<String> DEFAULT_PRIVILEGED_REALM_ROLES =
            List.of("support-agent", "privacy-officer", "rights-worker", "admin");

    @ConstructorBinding
    public KeycloakProperties {
        privilegedRealmRoles = List.copyOf(privilegedRealmRoles);
        privilegedClients = List.copyOf(privilegedClients);
    }

    /** With the default privileged roles and clients. */
    public KeycloakProperties(
            URI serverUrl, String realm, String clientId, @Nullable String clientSecret, Duration timeout) {
        this(
                serverUrl,
                realm,
                clientId,
                clientSecret,
                timeout,
                DEFAULT_PRIVILEGED_REALM_ROLES,
                List.of("realm-management"));
    }

    @Override
    public String toString() {
        return "KeycloakProperties[serverUrl=" + serverUrl + ", realm=" + realm + ", clientId=" + clientId
                + ", clientSecret=" + (clientSecret == null ? "unset" : "***") + ", timeout=" + timeout
                + ", privilegedRealmRoles=" + privilegedRealmRoles + ", privilegedClients=" + privilegedClients + "]";
    }
}
