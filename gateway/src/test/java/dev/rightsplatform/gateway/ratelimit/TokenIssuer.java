package dev.rightsplatform.gateway.ratelimit;

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
 * Signs tokens shaped like Keycloak's, with the client ({@code azp}) chosen by the test, and serves its key as a real
 * JWKS. test-support's TestTokens mints persons' tokens only; the rate limits also key partners by client id.
 */
final class TokenIssuer implements AutoCloseable {

    static final String ISSUER = "https://issuer.test/realms/rights";

    private final RSAKey key;
    private final HttpServer jwks;

    TokenIssuer() {
        try {
            key = new RSAKeyGenerator(2048).keyID("rate-limit-test").generate();
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

    String jwkSetUri() {
        return "http://127.0.0.1:" + jwks.getAddress().getPort() + "/certs";
    }

    /** A person signed in through the portal's client. */
    String person(String subject) {
        return personVia(subject, "rights-portal");
    }

    /** A person's token issued to the given client, without the partner role. */
    String personVia(String subject, String clientId) {
        return sign(subject, clientId, List.of("data-subject"));
    }

    /** A partner app's client-credentials token: the service account's subject, the client in azp. */
    String partner(String clientId, String serviceAccountSubject) {
        return sign(serviceAccountSubject, clientId, List.of("partner"));
    }

    private String sign(String subject, String clientId, List<String> roles) {
        var now = Instant.now();
        var claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(subject)
                .audience(List.of("rights-api", "account"))
                .claim("azp", clientId)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .jwtID(UUID.randomUUID().toString())
                .claim("realm_access", Map.of("roles", roles))
                .build();
        try {
            var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        jwks.stop(0);
    }
}
