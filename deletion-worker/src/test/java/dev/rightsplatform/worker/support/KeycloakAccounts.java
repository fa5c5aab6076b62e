package dev.rightsplatform.worker.support;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * Throwaway accounts in the real Keycloak (127.0.0.1:8180, realm rights), made with the worker's own client
 * (its service account may manage users). No skipping: if Keycloak is not there, the tests using this fail.
 */
public final class KeycloakAccounts implements AutoCloseable {

    public static final String SERVER_URL = "http://127.0.0.1:8180";

    public static final String REALM = "rights";

    public static final String CLIENT_ID = "deletion-worker";

    private static volatile boolean workerReadsClientRoles;

    private final Keycloak admin = KeycloakBuilder.builder()
            .serverUrl(SERVER_URL)
            .realm(REALM)
            .grantType(OAuth2Constants.CLIENT_CREDENTIALS)
            .clientId(CLIENT_ID)
            .clientSecret(clientSecret())
            .build();

    public KeycloakAccounts() {
        letTheWorkerReadClientRoles();
    }

    /** Every DISABLE and ERASE reads the account's roles first, which needs view-clients (see KeycloakAdmin). */
    public static synchronized void letTheWorkerReadClientRoles() {
        if (!workerReadsClientRoles) {
            try (KeycloakAdmin keycloak = new KeycloakAdmin()) {
                keycloak.letTheWorkerReadClientRoles();
            }
            workerReadsClientRoles = true;
        }
    }

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
                throw new IllegalStateException(
                        "Keycloak did not create the test account: HTTP " + response.getStatus());
            }
            return CreatedResponseUtil.getCreatedId(response);
        }
    }

    /** An enabled account that can log in with the password through the rights-dev client (password grant). */
    public String createWithPassword(String password) {
        String username = "cool-off-" + UUID.randomUUID();
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEmail(username + "@example.test");
        user.setEmailVerified(true);
        user.setFirstName("Cooling");
        user.setLastName("Off");
        user.setEnabled(true);
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(password);
        credential.setTemporary(false);
        user.setCredentials(List.of(credential));
        try (Response response = this.admin.realm(REALM).users().create(user)) {
            if (response.getStatus() != 201) {
                throw new IllegalStateException(
                        "Keycloak did not create the test account: HTTP " + response.getStatus());
            }
            return CreatedResponseUtil.getCreatedId(response);
        }
    }

    /** Logs the account in (a password grant), which opens a session in Keycloak. */
    public void logIn(String userId, String password) throws Exception {
        String username =
                this.admin.realm(REALM).users().get(userId).toRepresentation().getUsername();
        String form = "grant_type=password&client_id=rights-dev&username="
                + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create(SERVER_URL + "/realms/" + REALM + "/protocol/openid-connect/token"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(form))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the test account could not log in: HTTP " + response.statusCode());
        }
    }

    public int sessions(String userId) {
        return this.admin.realm(REALM).users().get(userId).getUserSessions().size();
    }

    public boolean isEnabled(String userId) {
        return Boolean.TRUE.equals(
                this.admin.realm(REALM).users().get(userId).toRepresentation().isEnabled());
    }

    public boolean exists(String userId) {
        try {
            this.admin.realm(REALM).users().get(userId).toRepresentation();
            return true;
        } catch (NotFoundException ex) {
            return false;
        }
    }

    @Override
    public void close() {
        this.admin.close();
    }
}
