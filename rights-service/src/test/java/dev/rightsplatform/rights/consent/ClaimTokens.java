package dev.rightsplatform.rights.consent;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.rightsplatform.testsupport.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Data-subject tokens with claims TestTokens does not set: the client they were issued to ({@code azp}) and the
 * person's {@code jurisdiction}. Signed with TestTokens' own key (read by reflection: test-support offers no way to
 * add claims), so the service's real validation runs on them.
 */
final class ClaimTokens {

    private ClaimTokens() {
    }

    static String subject(String subjectId, Map<String, Object> extraClaims) {
        var now = Instant.now();
        var claims = new JWTClaimsSet.Builder()
                .issuer(TestTokens.ISSUER)
                .subject(subjectId)
                .audience(List.of(TestTokens.AUDIENCE, "account"))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .jwtID(UUID.randomUUID().toString())
                .claim("email", subjectId + "@example.com")
                .claim("locale", "en")
                .claim("realm_access", Map.of("roles", List.of("data-subject")));
        extraClaims.forEach(claims::claim);
        try {
            var key = signingKey();
            var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey signingKey() {
        try {
            var field = TestTokens.class.getDeclaredField("key");
            field.setAccessible(true);
            return (RSAKey) field.get(TestTokens.get());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("TestTokens no longer keeps its signing key in field 'key'", e);
        }
    }
}
