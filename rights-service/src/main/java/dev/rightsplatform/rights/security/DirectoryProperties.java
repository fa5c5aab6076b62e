package dev.rightsplatform.rights.security;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How rights-service reads accounts from Keycloak's admin API, {@code rights.directory.*}: a confidential client with
 * the client-credentials grant whose service account may only view and query users (realm-management view-users,
 * query-users). Used when an agent acts on a person's behalf (to find the account by username or e-mail) or assigns a
 * request to another agent. Without a secret those two answer 503 and everything else works.
 *
 * @param serverUrl    Keycloak's base URL
 * @param realm        the realm of the people and agents
 * @param clientId     rights-service's own client
 * @param clientSecret that client's secret; only ever from the environment ({@code RIGHTS_DIRECTORY_CLIENT_SECRET})
 * @param timeout      the longest one call (token or look-up) may take
 */
@ConfigurationProperties("rights.directory")
public record DirectoryProperties(
        @DefaultValue("http://127.0.0.1:8180") URI serverUrl,
        @DefaultValue("rights") String realm,
        @DefaultValue("rights-service") String clientId,
        @Nullable String clientSecret,
        @DefaultValue("5s") Duration timeout) {

    boolean configured() {
        return clientSecret != null && !clientSecret.isBlank();
    }

    @Override
    public String toString() {
        return "DirectoryProperties[serverUrl=" + serverUrl + ", realm=" + realm + ", clientId=" + clientId
                + ", clientSecret=" + (configured() ? "***" : "unset") + ", timeout=" + timeout + "]";
    }
}
