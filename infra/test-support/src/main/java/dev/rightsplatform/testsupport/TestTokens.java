package dev.rightsplatform.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A tiny token issuer for module tests: a real JWKS endpoint over HTTP and RS256-signed tokens, so the service's real
 * token validation (signature, issuer, audience, expiry) runs without Keycloak. The system tests use Keycloak itself.
 */
public final class TestTokens {

    public static final String ISSUER = "https://issuer.test/realms/rights";
    public static final String AUDIENCE = "rights-api";

    private static final TestTokens INSTANCE = new TestTokens();

    private final RSAKey key;
    private final RSAKey foreignKey;
    private final HttpServer jwks;

    private TestTokens() {
        try {
            key = new RSAKeyGenerator(2048).keyID("test-key").generate();
            foreignKey = new RSAKeyGenerator(2048).keyID("test-key").generate();
            jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            var body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            jwks.createContext("/certs", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            jwks.start();
        } catch (JOSEException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static TestTokens get() {
        return INSTANCE;
    }

    public String jwkSetUri() {
        return "http://127.0.0.1:" + jwks.getAddress().getPort() + "/certs";
    }

    /** A valid token for a person with the data-subject role. */
    public String subject(String subjectId) {
        return token(claims(subjectId, List.of("data-subject")).build(), key);
    }

    public String withRoles(String subjectId, String... roles) {
        return token(claims(subjectId, List.of(roles)).build(), key);
    }

    /**
     * A valid token with further claims Keycloak sets and the plain tokens leave out, e.g. the client it was issued
     * to ({@code azp}) or the person's {@code jurisdiction}; they are added to (or replace) the usual claims.
     */
    public String withClaims(String subjectId, Map<String, Object> extraClaims, String... roles) {
        var claims = claims(subjectId, List.of(roles));
        extraClaims.forEach(claims::claim);
        return token(claims.build(), key);
    }

    public String expired(String subjectId) {
        var past = Instant.now().minus(Duration.ofHours(1));
        return token(
                claims(subjectId, List.of("data-subject"))
                        .issueTime(Date.from(past.minusSeconds(300)))
                        .expirationTime(Date.from(past))
                        .build(),
                key);
    }

    public String wrongAudience(String subjectId) {
        return token(
                claims(subjectId, List.of("data-subject")).audience("account").build(), key);
    }

    public String wrongIssuer(String subjectId) {
        return token(
                claims(subjectId, List.of("data-subject"))
                        .issuer("https://evil.test/realms/rights")
                        .build(),
                key);
    }

    /** Signed with a key the service does not trust, under the trusted key's id. */
    public String forged(String subjectId) {
        return token(claims(subjectId, List.of("data-subject")).build(), foreignKey);
    }

    private static JWTClaimsSet.Builder claims(String subjectId, List<String> roles) {
        var now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(subjectId)
                .audience(List.of(AUDIENCE, "account"))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .jwtID(UUID.randomUUID().toString())
                .claim("email", subjectId + "@example.com")
                .claim("locale", "en")
                .claim("realm_access", Map.of("roles", roles));
    }

    private static String token(JWTClaimsSet claims, RSAKey signingKey) {
        try {
            var jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(signingKey.getKeyID())
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
