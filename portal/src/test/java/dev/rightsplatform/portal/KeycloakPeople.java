package dev.rightsplatform.portal;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Fresh people in the local Keycloak's {@code rights} realm (admin/admin of the development secrets), each with the
 * data-subject role, deleted again by the test that made them.
 */
final class KeycloakPeople {

    static final String KEYCLOAK = "http://127.0.0.1:8180";
    private static final HttpClient http = HttpClient.newHttpClient();

    record Person(String id, String username, String password) {}

    static Person create(String locale) {
        return create(locale, "data-subject");
    }

    /** A person with one realm role: {@code data-subject}, {@code support-agent} or {@code privacy-officer}. */
    static Person create(String locale, String realmRole) {
        var username = "portal-" + UUID.randomUUID().toString().substring(0, 8);
        var password = "pw-" + UUID.randomUUID();
        var body = """
                {"username":"%s","enabled":true,"email":"%s@example.test","emailVerified":true,"firstName":"Test",
                 "lastName":"Person","attributes":{"locale":["%s"]},
                 "credentials":[{"type":"password","value":"%s","temporary":false}]}""".formatted(username, username, locale, password);
        var created = send(HttpRequest.newBuilder(URI.create(KEYCLOAK + "/admin/realms/rights/users"))
                .header("Authorization", "Bearer " + adminToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("cannot create a person: " + created.statusCode() + " " + created.body());
        }
        var location = created.headers().firstValue("Location").orElseThrow();
        var id = location.substring(location.lastIndexOf('/') + 1);
        var role = send(HttpRequest.newBuilder(URI.create(KEYCLOAK + "/admin/realms/rights/roles/" + realmRole))
                        .header("Authorization", "Bearer " + adminToken())
                        .GET()
                        .build())
                .body();
        send(HttpRequest.newBuilder(URI.create(KEYCLOAK + "/admin/realms/rights/users/" + id + "/role-mappings/realm"))
                .header("Authorization", "Bearer " + adminToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[" + role + "]"))
                .build());
        return new Person(id, username, password);
    }

    static void delete(Person person) {
        send(HttpRequest.newBuilder(URI.create(KEYCLOAK + "/admin/realms/rights/users/" + person.id()))
                .header("Authorization", "Bearer " + adminToken())
                .DELETE()
                .build());
    }

    private static String adminToken() {
        var form = "grant_type=password&client_id=admin-cli&username="
                + enc(System.getenv().getOrDefault("KC_BOOTSTRAP_ADMIN_USERNAME", "admin")) + "&password="
                + enc(System.getenv().getOrDefault("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin"));
        var answer = send(HttpRequest.newBuilder(URI.create(KEYCLOAK + "/realms/master/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build())
                .body();
        var matcher = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(answer);
        if (!matcher.find()) {
            throw new IllegalStateException("no admin token from Keycloak: " + answer);
        }
        return matcher.group(1);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
