package dev.rightsplatform.worker.support;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * Keycloak's bootstrap administrator (master realm, admin-cli), for what the worker's own client may not do: give
 * a throwaway account an agent's or an administrator's role, make a throwaway client with a service account, and
 * give the worker's client the realm-management view-clients role it needs to read accounts' client roles (a
 * Keycloak imported from an older realm file lacks it). Everything made here is removed by the test that made it.
 */
public final class KeycloakAdmin implements AutoCloseable {

    private static final String WORKER_SERVICE_ACCOUNT = "service-account-" + KeycloakAccounts.CLIENT_ID;

    private final Keycloak admin = KeycloakBuilder.builder()
            .serverUrl(KeycloakAccounts.SERVER_URL)
            .realm("master")
            .clientId("admin-cli")
            .username(DevSecrets.get("KC_BOOTSTRAP_ADMIN_USERNAME"))
            .password(DevSecrets.get("KC_BOOTSTRAP_ADMIN_PASSWORD"))
            .build();

    /** Gives the worker's service account realm-management view-clients, unless it has it already. */
    public void letTheWorkerReadClientRoles() {
        String workerId = realm().users()
                .searchByUsername(WORKER_SERVICE_ACCOUNT, true)
                .get(0)
                .getId();
        String managementId = clientId("realm-management");
        boolean has = realm().users().get(workerId).roles().clientLevel(managementId).listEffective().stream()
                .anyMatch(role -> "view-clients".equals(role.getName()));
        if (!has) {
            RoleRepresentation viewClients = realm().clients()
                    .get(managementId)
                    .roles()
                    .get("view-clients")
                    .toRepresentation();
            realm().users().get(workerId).roles().clientLevel(managementId).add(List.of(viewClients));
        }
    }

    /** An enabled account holding the realm role; returns its id. */
    public String userWithRealmRole(String role) {
        String id = user("privileged-");
        RoleRepresentation granted = realm().roles().get(role).toRepresentation();
        realm().users().get(id).roles().realmLevel().add(List.of(granted));
        return id;
    }

    /** An enabled account holding one role of the client (e.g. realm-management view-users); returns its id. */
    public String userWithClientRole(String client, String role) {
        String id = user("client-role-");
        String internal = clientId(client);
        RoleRepresentation granted =
                realm().clients().get(internal).roles().get(role).toRepresentation();
        realm().users().get(id).roles().clientLevel(internal).add(List.of(granted));
        return id;
    }

    /** A confidential client with a service account and no roles; returns the client's internal id. */
    public String serviceAccountClient() {
        return serviceAccountClient(
                "throwaway-" + UUID.randomUUID(), UUID.randomUUID().toString());
    }

    /**
     * A confidential client (secret given) whose service account holds the realm-management roles named, as the
     * worker's own client did before it needed view-clients; returns the client's internal id.
     */
    public String clientManagingUsers(String clientId, String secret, String... realmManagementRoles) {
        String internal = serviceAccountClient(clientId, secret);
        String managementId = clientId("realm-management");
        List<RoleRepresentation> roles = Arrays.stream(realmManagementRoles)
                .map(role ->
                        realm().clients().get(managementId).roles().get(role).toRepresentation())
                .toList();
        realm().users()
                .get(serviceAccountOf(internal))
                .roles()
                .clientLevel(managementId)
                .add(roles);
        return internal;
    }

    private String serviceAccountClient(String clientId, String secret) {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(clientId);
        client.setSecret(secret);
        client.setPublicClient(false);
        client.setServiceAccountsEnabled(true);
        client.setStandardFlowEnabled(false);
        try (Response response = realm().clients().create(client)) {
            if (response.getStatus() != 201) {
                throw new IllegalStateException(
                        "Keycloak did not create the test client: HTTP " + response.getStatus());
            }
            return CreatedResponseUtil.getCreatedId(response);
        }
    }

    /** The id of the client's service account user. */
    public String serviceAccountOf(String clientInternalId) {
        return realm().clients().get(clientInternalId).getServiceAccountUser().getId();
    }

    public void deleteClient(String clientInternalId) {
        try {
            realm().clients().get(clientInternalId).remove();
        } catch (NotFoundException ex) {
            // already gone
        }
    }

    public void deleteUser(String userId) {
        try (Response response = realm().users().delete(userId)) {
            // 204, or 404 when the test under way deleted it
        }
    }

    private String user(String prefix) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(prefix + UUID.randomUUID());
        user.setEnabled(true);
        try (Response response = realm().users().create(user)) {
            if (response.getStatus() != 201) {
                throw new IllegalStateException(
                        "Keycloak did not create the test account: HTTP " + response.getStatus());
            }
            return CreatedResponseUtil.getCreatedId(response);
        }
    }

    private String clientId(String clientId) {
        return realm().clients().findByClientId(clientId).get(0).getId();
    }

    private RealmResource realm() {
        return this.admin.realm(KeycloakAccounts.REALM);
    }

    @Override
    public void close() {
        this.admin.close();
    }
}
