package dev.rightsplatform.worker.support;

import java.util.UUID;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * Throwaway accounts in the real Keycloak (127.0.0.1:8180, realm rights), made with the worker's own client
 * (its service account may manage users). No skipping: if Keycloak is not there, the tests using this fail.
 */
public final class KeycloakAccounts implements AutoCloseable {

    public static final String SERVER_URL = "http://127.0.0.1:8180";

    public static final String REALM = "rights";

    public static final String CLIENT_ID = "deletion-worker";

    private final Keycloak admin = KeycloakBuilder.builder()
        .serverUrl(SERVER_URL)
        .realm(REALM)
        .grantType(OAuth2Constants.CLIENT_CREDENTIALS)
        .clientId(CLIENT_ID)
        .clientSecret(clientSecret())
        .build();

    public static String clientSecret() {
        return DevSecrets.get("WORKER_KEYCLOAK_CLIENT_SECRET");
    }

    /** Creates an enabled account with a random name and returns its id (the subject the tasks carry). */
    public String create() {
        UserRepresentation user = new UserRepresentation();
        user.setUsername("erase-me-" + UUID.randomUUID());
        user.setEnabled(true);
        try (Response response = this.admin.realm(REALM).users().create(user)) {
            if (response.getStatus() != 201) {
                throw new IllegalStateException("Keycloak did not create the test account: HTTP " + response.getStatus());
            }
            return CreatedResponseUtil.getCreatedId(response);
        }
    }

    public boolean exists(String userId) {
        try {
            this.admin.realm(REALM).users().get(userId).toRepresentation();
            return true;
        }
        catch (NotFoundException ex) {
            return false;
        }
    }

    @Override
    public void close() {
        this.admin.close();
    }
}
