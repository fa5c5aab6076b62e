package dev.rightsplatform.systemtests;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
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
    record Person(String id, String username, String email, String password) {}

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
                throw new IllegalStateException(
                        "Keycloak answered " + response.getStatus() + " deleting a test person");
            }
        }
    }

    Person newDataSubject(String locale) {
        var username = "systest-" + UUID.randomUUID().toString().substring(0, 8);
        return newDataSubject(locale, username, username + "@example.com", "System", "Test");
    }

    /** A person with the given username, address and names (tests that look for them where they must not be). */
    Person newDataSubject(String locale, String username, String email, String firstName, String lastName) {
        var password = UUID.randomUUID().toString();
        var user = new UserRepresentation();
        user.setUsername(username);
        user.setEmail(email);
        user.setEmailVerified(true);
        user.setFirstName(firstName);
        user.setLastName(lastName);
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
        var id = admin.realm(REALM)
                .users()
                .searchByUsername(username, true)
                .get(0)
                .getId();
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
        return Boolean.TRUE.equals(
                admin.realm(REALM).users().get(userId).toRepresentation().isEnabled());
    }

    /** A partner app made for one test: a confidential client with realm role partner, like partner-demo. */
    record Partner(String clientId, String secret) {}

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
        audience.setConfig(Map.of(
                "included.client.audience", "rights-api", "access.token.claim", "true", "id.token.claim", "false"));
        client.setProtocolMappers(List.of(audience));
        try (var response = admin.realm(REALM).clients().create(client)) {
            if (response.getStatus() != 201) {
                throw new IllegalStateException("could not create test partner: HTTP " + response.getStatus());
            }
        }
        var internalId =
                admin.realm(REALM).clients().findByClientId(clientId).get(0).getId();
        var serviceAccount = admin.realm(REALM).clients().get(internalId).getServiceAccountUser();
        var role = admin.realm(REALM).roles().get("partner").toRepresentation();
        admin.realm(REALM)
                .users()
                .get(serviceAccount.getId())
                .roles()
                .realmLevel()
                .add(List.of(role));
        return new Partner(clientId, secret);
    }

    /**
     * Client rights-service as infra/keycloak/rights-realm.json declares it: confidential, client credentials only, its
     * service account allowed to view and query users (agents look up a person or an agent). Idempotent; a Keycloak
     * imported from an older realm file gets it here.
     */
    void ensureDirectoryClient(String secret) {
        var clients = admin.realm(REALM).clients();
        if (clients.findByClientId("rights-service").isEmpty()) {
            var client = new org.keycloak.representations.idm.ClientRepresentation();
            client.setClientId("rights-service");
            client.setEnabled(true);
            client.setPublicClient(false);
            client.setClientAuthenticatorType("client-secret");
            client.setSecret(secret);
            client.setServiceAccountsEnabled(true);
            client.setStandardFlowEnabled(false);
            client.setDirectAccessGrantsEnabled(false);
            try (var response = clients.create(client)) {
                if (response.getStatus() != 201 && response.getStatus() != 409) {
                    throw new IllegalStateException(
                            "could not create client rights-service: HTTP " + response.getStatus());
                }
            }
        }
        var internalId = clients.findByClientId("rights-service").get(0).getId();
        var serviceAccount = clients.get(internalId).getServiceAccountUser();
        var management = clients.findByClientId("realm-management").get(0).getId();
        var roles = List.of(
                clients.get(management).roles().get("view-users").toRepresentation(),
                clients.get(management).roles().get("query-users").toRepresentation());
        admin.realm(REALM)
                .users()
                .get(serviceAccount.getId())
                .roles()
                .clientLevel(management)
                .add(roles);
    }

    /** The portal's client (infra/keycloak/rights-realm.json): code flow with PKCE, through the gateway. */
    static final String PORTAL_CLIENT = "rights-portal";

    private static final String POST_LOGOUT_REDIRECTS = "post.logout.redirect.uris";

    /**
     * Lets the portal's client send people back to a gateway on this origin (the realm allows only port 8080), and
     * makes sure the client is confidential with the portal's secret: the realm file says so once it is imported
     * afresh, but a Keycloak that imported an older file still has it public. Both are idempotent.
     */
    void allowPortalOn(String origin, String clientSecret) {
        var clients = admin.realm(REALM).clients();
        var client = portalClient();
        var pattern = origin + "/*";
        var redirects = new ArrayList<>(client.getRedirectUris() == null ? List.of() : client.getRedirectUris());
        redirects.removeIf(uri -> leftOver(uri, pattern));
        if (!redirects.contains(pattern)) {
            redirects.add(pattern);
        }
        client.setRedirectUris(redirects);
        var attributes =
                new HashMap<>(client.getAttributes() == null ? Map.<String, String>of() : client.getAttributes());
        var logouts = new ArrayList<>(splitLogoutRedirects(attributes.get(POST_LOGOUT_REDIRECTS)));
        logouts.removeIf(uri -> leftOver(uri, pattern));
        if (!logouts.contains(pattern)) {
            logouts.add(pattern);
        }
        attributes.put(POST_LOGOUT_REDIRECTS, String.join("##", logouts));
        client.setAttributes(attributes);
        var secretDiffers = Boolean.TRUE.equals(client.isPublicClient())
                || !clientSecret.equals(clients.get(client.getId()).getSecret().getValue());
        if (secretDiffers) {
            client.setPublicClient(false);
            client.setClientAuthenticatorType("client-secret");
            client.setSecret(clientSecret);
        }
        clients.get(client.getId()).update(client);
    }

    /** Undoes {@link #allowPortalOn}'s redirect addresses (the client stays confidential, as the realm file has it). */
    void disallowPortalOn(String origin) {
        var client = portalClient();
        var pattern = origin + "/*";
        var redirects = new ArrayList<>(client.getRedirectUris() == null ? List.of() : client.getRedirectUris());
        redirects.remove(pattern);
        client.setRedirectUris(redirects);
        var attributes =
                new HashMap<>(client.getAttributes() == null ? Map.<String, String>of() : client.getAttributes());
        var logouts = new ArrayList<>(splitLogoutRedirects(attributes.get(POST_LOGOUT_REDIRECTS)));
        logouts.remove(pattern);
        attributes.put(POST_LOGOUT_REDIRECTS, String.join("##", logouts));
        client.setAttributes(attributes);
        admin.realm(REALM).clients().get(client.getId()).update(client);
    }

    /** The portal client's redirect addresses and post-logout addresses, for failure messages. */
    String portalRedirects() {
        var client = portalClient();
        return client.getRedirectUris() + " / post-logout "
                + (client.getAttributes() == null
                        ? null
                        : client.getAttributes().get(POST_LOGOUT_REDIRECTS)) + " / public " + client.isPublicClient();
    }

    private org.keycloak.representations.idm.ClientRepresentation portalClient() {
        var found = admin.realm(REALM).clients().findByClientId(PORTAL_CLIENT);
        if (found.isEmpty()) {
            throw new IllegalStateException("Keycloak realm " + REALM + " has no client " + PORTAL_CLIENT);
        }
        return found.get(0);
    }

    /**
     * An address a run that did not end properly left behind: a loopback gateway of the tests (any port but the local
     * platform's 8080) on which nothing listens any more.
     */
    private static boolean leftOver(String uri, String ours) {
        var loopback = java.util.regex.Pattern.compile("^http://127\\.0\\.0\\.1:(\\d+)/\\*$")
                .matcher(uri);
        if (uri.equals(ours) || !loopback.matches() || loopback.group(1).equals("8080")) {
            return false;
        }
        try (var socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", Integer.parseInt(loopback.group(1))), 300);
            return false;
        } catch (IOException nothingListens) {
            return true;
        }
    }

    private static List<String> splitLogoutRedirects(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(value.split("##"))
                .filter(uri -> !uri.isBlank())
                .toList();
    }

    /** A partner's token, by the client credentials grant. */
    String clientToken(String clientId, String secret) {
        return token(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    String accessToken(Person person) {
        return token(Map.of(
                "grant_type",
                "password",
                "client_id",
                "rights-dev",
                "username",
                person.username(),
                "password",
                person.password(),
                "scope",
                "openid"));
    }

    /** A token of the realm's demo support agent (infra/keycloak/rights-realm.json), as the agent console gets one. */
    String agentToken() {
        return token(Map.of(
                "grant_type",
                "password",
                "client_id",
                "rights-dev",
                "username",
                "agent",
                "password",
                "agent-demo",
                "scope",
                "openid"));
    }

    /** A token of the realm's demo privacy officer. */
    String officerToken() {
        return token(Map.of(
                "grant_type",
                "password",
                "client_id",
                "rights-dev",
                "username",
                "officer",
                "password",
                "officer-demo",
                "scope",
                "openid"));
    }

    private String token(Map<String, String> grant) {
        var form = grant.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        var request = HttpRequest.newBuilder(
                        URI.create(settings.keycloakUrl + "/realms/" + REALM + "/protocol/openid-connect/token"))
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
