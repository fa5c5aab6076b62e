package dev.rightsplatform.gateway.ratelimit;

import dev.rightsplatform.testsupport.TestTokens;
import java.util.Map;

/**
 * Tokens shaped like Keycloak's with the client ({@code azp}) chosen by the test, signed by test-support's
 * {@link TestTokens} (whose JWKS the gateway under test trusts): the rate limits key partners by client id.
 */
final class TokenIssuer implements AutoCloseable {

    static final String ISSUER = TestTokens.ISSUER;

    private final TestTokens tokens = TestTokens.get();

    String jwkSetUri() {
        return tokens.jwkSetUri();
    }

    /** A person signed in through the portal's client. */
    String person(String subject) {
        return personVia(subject, "rights-portal");
    }

    /** A person's token issued to the given client, without the partner role. */
    String personVia(String subject, String clientId) {
        return tokens.withClaims(subject, Map.of("azp", clientId), "data-subject");
    }

    /** A partner app's client-credentials token: the service account's subject, the client in azp. */
    String partner(String clientId, String serviceAccountSubject) {
        return tokens.withClaims(serviceAccountSubject, Map.of("azp", clientId), "partner");
    }

    /** The JWKS server belongs to test-support and lives as long as the test JVM. */
    @Override
    public void close() {}
}
