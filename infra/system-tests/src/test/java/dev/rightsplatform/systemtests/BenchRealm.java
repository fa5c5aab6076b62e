package dev.rightsplatform.systemtests;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.representations.idm.RealmRepresentation;

/**
 * A throwaway copy of realm {@code rights} for a benchmark that needs thousands of people with tokens: created in one
 * call with every person in it, their passwords stored as a one-iteration PBKDF2 hash (the realm's password policy
 * says the same, so Keycloak neither re-hashes them at login nor spends a second of CPU per person), and deleted
 * whole at the end. The realm of the tests and the demo users are left alone.
 */
final class BenchRealm implements AutoCloseable {

    static final String NAME = "rights-bench";
    private static final String PASSWORD = "bench-only-password";

    private final DevSettings settings;
    private final Keycloak admin;
    private final ObjectMapper json =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> usernames = new ArrayList<>();

    private BenchRealm(DevSettings settings) {
        this.settings = settings;
        this.admin = KeycloakBuilder.builder()
                .serverUrl(settings.keycloakUrl)
                .realm("master")
                .clientId("admin-cli")
                .username(settings.secret("KC_BOOTSTRAP_ADMIN_USERNAME"))
                .password(settings.secret("KC_BOOTSTRAP_ADMIN_PASSWORD"))
                .build();
    }

    /** The realm with {@code people} data subjects, bench-1 … bench-N (a leftover copy of an earlier run goes first). */
    static BenchRealm create(DevSettings settings, int people) throws Exception {
        var realm = new BenchRealm(settings);
        realm.deleteIfPresent();
        var definition = (ObjectNode)
                realm.json.readTree(Files.readString(settings.root.resolve("infra/keycloak/rights-realm.json")));
        definition.put("realm", NAME);
        definition.put("bruteForceProtected", false);
        // every token is fetched before the burst, and submitting ten thousand takes longer than the usual 5 minutes
        definition.put("accessTokenLifespan", 3600);
        definition.put("passwordPolicy", "hashAlgorithm(pbkdf2-sha256) and hashIterations(1)");
        var users = definition.putArray("users");
        var credential = oneIterationCredential();
        for (int i = 1; i <= people; i++) {
            var username = "bench-" + i;
            realm.usernames.add(username);
            addPerson(users, username, credential);
        }
        realm.admin.realms().create(realm.json.treeToValue(definition, RealmRepresentation.class));
        return realm;
    }

    private static void addPerson(ArrayNode users, String username, ObjectNode credential) {
        var user = users.addObject();
        user.put("username", username);
        user.put("email", username + "@bench.example");
        user.put("emailVerified", true);
        user.put("firstName", "Bench"); // the realm's user profile asks for both names: without them, no token
        user.put("lastName", "Person");
        user.put("enabled", true);
        user.putObject("attributes").putArray("locale").add("en");
        user.putArray("credentials").add(credential);
        user.putArray("realmRoles").add("data-subject");
    }

    /** PBKDF2-HMAC-SHA256 of the shared password, one iteration, 256 bits: Keycloak's stored credential format. */
    private static ObjectNode oneIterationCredential() throws GeneralSecurityException {
        var salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        var hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(PASSWORD.toCharArray(), salt, 1, 256))
                .getEncoded();
        var mapper = new ObjectMapper();
        var credential = mapper.createObjectNode();
        credential.put("type", "password");
        credential.put(
                "secretData",
                mapper.createObjectNode()
                        .put("value", Base64.getEncoder().encodeToString(hash))
                        .put("salt", Base64.getEncoder().encodeToString(salt))
                        .set("additionalParameters", mapper.createObjectNode())
                        .toString());
        credential.put(
                "credentialData",
                mapper.createObjectNode()
                        .put("hashIterations", 1)
                        .put("algorithm", "pbkdf2-sha256")
                        .set("additionalParameters", mapper.createObjectNode())
                        .toString());
        return credential;
    }

    /** Every person's access token (password grant of rights-dev), {@code parallel} requests at a time. */
    List<String> tokens(int parallel) throws Exception {
        var queue = new ConcurrentLinkedQueue<>(usernames);
        var tokens = new ConcurrentLinkedQueue<String>();
        var pool = Executors.newFixedThreadPool(parallel);
        try {
            var workers = new ArrayList<Future<?>>();
            for (int i = 0; i < parallel; i++) {
                workers.add(pool.submit(() -> {
                    for (var username = queue.poll(); username != null; username = queue.poll()) {
                        tokens.add(token(username));
                    }
                    return null;
                }));
            }
            for (var worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return List.copyOf(tokens);
    }

    private String token(String username) throws IOException, InterruptedException {
        var form = "grant_type=password&client_id=rights-dev&scope=openid&username=" + username + "&password="
                + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
        var request = HttpRequest.newBuilder(
                        URI.create(settings.keycloakUrl + "/realms/" + NAME + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        var response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "token request for " + username + " failed: HTTP " + response.statusCode() + " " + response.body());
        }
        return json.readTree(response.body()).get("access_token").asText();
    }

    private void deleteIfPresent() {
        if (admin.realms().findAll().stream().anyMatch(realm -> NAME.equals(realm.getRealm()))) {
            admin.realm(NAME).remove();
        }
    }

    @Override
    public void close() {
        try {
            deleteIfPresent();
        } finally {
            admin.close();
        }
    }
}
