package dev.rightsplatform.rights.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real Keycloak (127.0.0.1:8180, realm rights) for the tests that look accounts up: makes sure client
 * rights-service exists as infra/keycloak/rights-realm.json declares it (a Keycloak imported from an older realm file
 * lacks it), and creates throwaway people, so the demo users are left alone. Uses Keycloak's bootstrap administrator
 * from infra/local/dev-secrets.env.
 */
public final class KeycloakDirectory {

    public static final String URL = "http://127.0.0.1:8180";
    public static final String CLIENT_SECRET = secrets().get("RIGHTS_DIRECTORY_CLIENT_SECRET");

    private static final JsonMapper json = JsonMapper.builder().build();
    private static final HttpClient http = HttpClient.newHttpClient();

    private KeycloakDirectory() {}

    /** A person made for one test: account id, username, e-mail address. */
    public record Person(String id, String username, String email) {}

    /** Client rights-service with its service account allowed to view and query users, as in the realm file. */
    public static synchronized void ensureClient() {
        var admin = adminToken();
        var found = call(admin, "GET", "/clients?clientId=rights-service", null);
        if (found.isEmpty()) {
            var client = Map.of(
                    "clientId", "rights-service",
                    "enabled", true,
                    "publicClient", false,
                    "clientAuthenticatorType", "client-secret",
                    "secret", CLIENT_SECRET,
                    "standardFlowEnabled", false,
                    "directAccessGrantsEnabled", false,
                    "serviceAccountsEnabled", true);
            call(admin, "POST", "/clients", json.writeValueAsString(client));
            found = call(admin, "GET", "/clients?clientId=rights-service", null);
        }
        var clientId = found.get(0).path("id").asString();
        var serviceUser = call(admin, "GET", "/clients/" + clientId + "/service-account-user", null);
        var management = call(admin, "GET", "/clients?clientId=realm-management", null)
                .get(0)
                .path("id")
                .asString();
        var roles = List.of(
                call(admin, "GET", "/clients/" + management + "/roles/view-users", null),
                call(admin, "GET", "/clients/" + management + "/roles/query-users", null));
        call(
                admin,
                "POST",
                "/users/" + serviceUser.path("id").asString() + "/role-mappings/clients/" + management,
                json.writeValueAsString(roles));
    }

    /** A new enabled person with realm role data-subject. */
    public static Person newPerson(String locale) {
        var admin = adminToken();
        var username = "it-" + UUID.randomUUID().toString().substring(0, 8);
        var user = Map.of(
                "username",
                username,
                "email",
                username + "@example.com",
                "emailVerified",
                true,
                "enabled",
                true,
                "attributes",
                Map.of("locale", List.of(locale)));
        call(admin, "POST", "/users", json.writeValueAsString(user));
        var id = call(admin, "GET", "/users?exact=true&username=" + username, null)
                .get(0)
                .path("id")
                .asString();
        var role = call(admin, "GET", "/roles/data-subject", null);
        call(admin, "POST", "/users/" + id + "/role-mappings/realm", json.writeValueAsString(List.of(role)));
        return new Person(id, username, username + "@example.com");
    }

    public static void delete(Person person) {
        call(adminToken(), "DELETE", "/users/" + person.id(), null);
    }

    private static String adminToken() {
        var secrets = secrets();
        var form = "grant_type=password&client_id=admin-cli&username="
                + URLEncoder.encode(secrets.get("KC_BOOTSTRAP_ADMIN_USERNAME"), StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(secrets.get("KC_BOOTSTRAP_ADMIN_PASSWORD"), StandardCharsets.UTF_8);
        var request = HttpRequest.newBuilder(URI.create(URL + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        return json.readTree(send(request)).path("access_token").asString();
    }

    private static JsonNode call(String token, String method, String path, String body) {
        var request = HttpRequest.newBuilder(URI.create(URL + "/admin/realms/rights" + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        var text = send(request);
        return text.isBlank() ? json.nullNode() : json.readTree(text);
    }

    private static String send(HttpRequest request) {
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300 && response.statusCode() != 409) {
                throw new IllegalStateException("Keycloak answered " + response.statusCode() + " to " + request.method()
                        + " " + request.uri().getPath());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak at " + URL + " (infra/local/keycloak start): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> secrets() {
        try {
            var values = new HashMap<String, String>();
            for (var line : Files.readAllLines(Path.of("..", "infra", "local", "dev-secrets.env"))) {
                if (!line.isBlank() && !line.startsWith("#") && line.contains("=")) {
                    values.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
                }
            }
            return values;
        } catch (IOException e) {
            throw new IllegalStateException("infra/local/dev-secrets.env: " + e, e);
        }
    }
}
