package dev.rightsplatform.worker.support;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a bearer token as rights-service would: a JWT signed (RS256) by a key of the realm's JWKS on the real
 * Keycloak, issued by realm rights, not expired, and issued to the client deletion-worker (azp).
 */
final class WorkerTokenCheck {

    static final String ISSUER = "http://127.0.0.1:8180/realms/rights";

    static final String CLIENT = "deletion-worker";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, PublicKey> keys = new ConcurrentHashMap<>();

    /** Why the token is not a valid token of the worker; null when it is. */
    String problemWith(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return "no bearer token";
        }
        String[] parts = authorization.substring("Bearer ".length()).split("\\.");
        if (parts.length != 3) {
            return "not a JWT";
        }
        try {
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            if (!"RS256".equals(header.path("alg").asString())) {
                return "alg is not RS256";
            }
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key(header.path("kid").asString()));
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                return "signature does not verify";
            }
            if (!ISSUER.equals(claims.path("iss").asString())) {
                return "issuer is " + claims.path("iss").asString();
            }
            if (claims.path("exp").asLong() <= Instant.now().getEpochSecond()) {
                return "expired";
            }
            if (!CLIENT.equals(claims.path("azp").asString())) {
                return "azp is " + claims.path("azp").asString();
            }
            return null;
        } catch (Exception ex) {
            return "unreadable (" + ex.getClass().getSimpleName() + ")";
        }
    }

    private PublicKey key(String kid) throws Exception {
        PublicKey known = this.keys.get(kid);
        if (known != null) {
            return known;
        }
        HttpResponse<String> jwks = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(ISSUER + "/protocol/openid-connect/certs"))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        for (JsonNode key : JSON.readTree(jwks.body()).path("keys")) {
            if ("RSA".equals(key.path("kty").asString())
                    && !"enc".equals(key.path("use").asString())) {
                BigInteger modulus = new BigInteger(
                        1, Base64.getUrlDecoder().decode(key.path("n").asString()));
                BigInteger exponent = new BigInteger(
                        1, Base64.getUrlDecoder().decode(key.path("e").asString()));
                this.keys.put(
                        key.path("kid").asString(),
                        KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent)));
            }
        }
        PublicKey found = this.keys.get(kid);
        if (found == null) {
            throw new IllegalStateException("no signing key " + kid + " in the realm's JWKS");
        }
        return found;
    }
}
