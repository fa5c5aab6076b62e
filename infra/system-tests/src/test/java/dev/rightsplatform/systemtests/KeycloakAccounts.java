package dev.rightsplatform.systemtests;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * People in Keycloak realm {@code rights} for the tests: throwaway data subjects created through the admin API (so the
 * demo users are left alone), and their tokens obtained as a script would, by the password grant of client rights-dev.
 */
final class KeycloakAccounts implements AutoCloseable {

    static final String REALM = "rights";

    /** A person created for one test. */
    record Person(String id, String username, String email, String password) {
    }

    private final DevSettings settings;
    private final Keycloak admin;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    KeycloakAccounts(DevSettings settings) {
        this.settings = settings;
        this.admin = KeycloakBuilder.builder()
                .serverUrl(settings.keycloakUrl)
                .realm("master")
                .clientId("admin-cli")
                .username(settings.secret("KC_BOOTSTRAP_ADMIN_USERNAME"))
                .password(settings.secret("KC_BOOTSTRAP_ADMIN_PASSWORD"))
                .build();
    }

    /** Removes a person made by {@link #newDataSubject}, when no deregistration did (the benchmark's throwaway people). */
    void delete(Person person) {
        try (var response = admin.realm(REALM).users().delete(person.id())) {
            if (response.getStatus() != 204 && response.getStatus() != 404) {
                throw new IllegalStateException("Keycloak answered " + response.getStatus() + " deleting a test person");
            }
        }
    }

    Person newDataSubject(String locale) {
        var username = "systest-" + UUID.randomUUID().toString().substring(0, 8);
        var password = UUID.randomUUID().toString();
        var user = new UserRepresentation();
        user.setUsername(username);
        user.setEmail(username + "@example.com");
        user.setEmailVerified(true);
        user.setFirstName("System");
        user.setLastName("Test");
        user.setEnabled(true);
        user.setAttributes(Map.of("locale", List.of(locale)));
        var credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(password);
        credential.setTemporary(false);
        user.setCredentials(List.of(credential));
        try (var response = admin.realm(REALM).users().create(user)) {
            if (response.getStatus() != 201) {
                throw new IllegalStateException("could not create test user: HTTP " + response.getStatus());
            }
        }
        var id = admin.realm(REALM).users().searchByUsername(username, true).get(0).getId();
        var role = admin.realm(REALM).roles().get("data-subject").toRepresentation();
        admin.realm(REALM).users().get(id).roles().realmLevel().add(List.of(role));
        return new Person(id, username, user.getEmail(), password);
    }

    boolean exists(String userId) {
        try {
            admin.realm(REALM).users().get(userId).toRepresentation();
            return true;
        } catch (jakarta.ws.rs.NotFoundException gone) {
            return false;
        }
    }

    boolean isEnabled(String userId) {
        return Boolean.TRUE.equals(admin.realm(REALM).users().get(userId).toRepresentation().isEnabled());
    }

    /** A partner app made for one test: a confidential client with realm role partner, like partner-demo. */
    record Partner(String clientId, String secret) {
    }

    Partner newPartner() {
        var clientId = "systest-partner-" + UUID.randomUUID().toString().substring(0, 8);
        var secret = UUID.randomUUID().toString();
        var client = new org.keycloak.representations.idm.ClientRepresentation();
        client.setClientId(clientId);
        client.setEnabled(true);
        client.setPublicClient(false);
        client.setSecret(secret);
        client.setServiceAccountsEnabled(true);
        client.setStandardFlowEnabled(false);
        client.setDirectAccessGrantsEnabled(false);
        var audience = new org.keycloak.representations.idm.ProtocolMapperRepresentation();
        audience.setName("audience rights-api");
        audience.setProtocol("openid-connect");
        audience.setProtocolMapper("oidc-audience-mapper");
        audience.setConfig(Map.of("included.client.audience", "rights-api", "access.token.claim", "true",
                "id.token.claim", "false"));
        client.setProtocolMappers(List.of(audience));
        try (var response = admin.realm(REALM).clients().create(client)) {
            if (response.getStatus() != 201) {
                throw new IllegalStateException("could not create test partner: HTTP " + response.getStatus());
            }
        }
        var internalId = admin.realm(REALM).clients().findByClientId(clientId).get(0).getId();
        var serviceAccount = admin.realm(REALM).clients().get(internalId).getServiceAccountUser();
        var role = admin.realm(REALM).roles().get("partner").toRepresentation();
        admin.realm(REALM).users().get(serviceAccount.getId()).roles().realmLevel().add(List.of(role));
        return new Partner(clientId, secret);
    }

    /** A partner's token, by the client credentials grant. */
    String clientToken(String clientId, String secret) {
        return token(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    String accessToken(Person person) {
        return token(Map.of("grant_type", "password", "client_id", "rights-dev", "username", person.username(),
                "password", person.password(), "scope", "openid"));
    }

    /** A token of the realm's demo support agent (infra/keycloak/rights-realm.json), as the agent console gets one. */
    String agentToken() {
        return token(Map.of("grant_type", "password", "client_id", "rights-dev", "username", "agent",
                "password", "agent-demo", "scope", "openid"));
    }

    /** A token of the realm's demo privacy officer. */
    String officerToken() {
        return token(Map.of("grant_type", "password", "client_id", "rights-dev", "username", "officer",
                "password", "officer-demo", "scope", "openid"));
    }

    private String token(Map<String, String> grant) {
        var form = grant
                .entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        var request = HttpRequest.newBuilder(URI.create(settings.keycloakUrl + "/realms/" + REALM + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("token request failed: HTTP " + response.statusCode());
            }
            return json.readTree(response.body()).get("access_token").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
