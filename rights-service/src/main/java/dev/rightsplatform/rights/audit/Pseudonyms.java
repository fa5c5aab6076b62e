package dev.rightsplatform.rights.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Keyed pseudonyms for people in the audit trail: stable for one person (so their entries can be found), useless to
 * anyone without the key.
 */
@Component
public class Pseudonyms {

    private final SecretKeySpec key;

    Pseudonyms(AuditProperties properties) {
        this.key = new SecretKeySpec(properties.pseudonymKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String subject(String subjectId) {
        return "subject:" + keyedHash(subjectId).substring(0, 32);
    }

    /** The keyed hash (HMAC-SHA256, hex) of any value: for one-time codes and e-mail addresses kept only as hashes. */
    public String keyedHash(String value) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
