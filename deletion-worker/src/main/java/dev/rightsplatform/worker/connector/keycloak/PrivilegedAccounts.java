package dev.rightsplatform.worker.connector.keycloak;

import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * Tells whether an account is one the worker must never disable or erase: a service account, a holder of a
 * privileged realm role (agent, officer, worker, administrator), or a holder of any role of a privileged client
 * (realm-management, the admin API). Roles are read effective, so a role that comes through a group or a composite
 * counts as well. Deleting such an account by a deregistration would lock people out of the platform or break it;
 * an agent decides instead.
 * <p>
 * Blocking (admin client), like the connector's other calls. When Keycloak will not show the roles (the worker's
 * client lacks realm-management view-clients), the check fails with {@link UncheckableException}: an account the
 * worker cannot check is treated as one it must not touch.
 */
final class PrivilegedAccounts {

    static final String SERVICE_ACCOUNT_PREFIX = "service-account-";

    private final List<String> realmRoles;

    private final List<String> clients;

    /** clientId → Keycloak's internal id, which the role-mapping calls need; ids never change for a client. */
    private final Map<String, String> clientIds = new ConcurrentHashMap<>();

    PrivilegedAccounts(List<String> realmRoles, List<String> clients) {
        this.realmRoles = List.copyOf(realmRoles);
        this.clients = List.copyOf(clients);
    }

    /** Why the account is privileged (role names only, never personal data), or empty when it is an ordinary one. */
    Optional<String> privilege(RealmResource realm, UserResource user, UserRepresentation account) {
        String username = account.getUsername();
        if (account.getServiceAccountClientId() != null
                || (username != null && username.startsWith(SERVICE_ACCOUNT_PREFIX))) {
            return Optional.of("a service account");
        }
        Optional<String> realmRole = user.roles().realmLevel().listEffective().stream()
                .map(RoleRepresentation::getName)
                .filter(this.realmRoles::contains)
                .sorted()
                .findFirst();
        if (realmRole.isPresent()) {
            return Optional.of("realm role " + realmRole.get());
        }
        for (String client : this.clients) {
            Optional<String> clientRole = effectiveRoles(realm, user, client).stream()
                    .map(RoleRepresentation::getName)
                    .sorted()
                    .findFirst();
            if (clientRole.isPresent()) {
                return Optional.of(client + " role " + clientRole.get());
            }
        }
        return Optional.empty();
    }

    private List<RoleRepresentation> effectiveRoles(RealmResource realm, UserResource user, String client) {
        String id = this.clientIds.computeIfAbsent(client, name -> internalId(realm, name));
        try {
            return user.roles().clientLevel(id).listEffective();
        } catch (ForbiddenException ex) {
            throw new UncheckableException(client, 403);
        } catch (NotFoundException ex) {
            // The client was deleted (and perhaps made again with another id): look it up afresh next time.
            this.clientIds.remove(client);
            throw new UncheckableException(client, 404);
        }
    }

    private static String internalId(RealmResource realm, String client) {
        List<ClientRepresentation> found;
        try {
            found = realm.clients().findByClientId(client);
        } catch (ForbiddenException ex) {
            throw new UncheckableException(client, 403);
        }
        // Listing without view-clients answers an empty list rather than 403.
        return found.stream()
                .filter(candidate -> client.equals(candidate.getClientId()))
                .map(ClientRepresentation::getId)
                .findFirst()
                .orElseThrow(() -> new UncheckableException(client, 404));
    }

    /** Keycloak would not show the account's roles of a privileged client; status is what it answered. */
    static final class UncheckableException extends RuntimeException {

        UncheckableException(String client, int status) {
            super(
                    "cannot tell whether the account holds a role of " + client + ": Keycloak answered HTTP " + status
                            + (status == 403
                                    ? " (the worker's client needs realm-management view-clients)"
                                    : " (no such client visible: the worker's client needs realm-management view-clients,"
                                            + " or worker.keycloak.privileged-clients names a client that does not exist)"),
                    null,
                    false,
                    false);
        }
    }
}
