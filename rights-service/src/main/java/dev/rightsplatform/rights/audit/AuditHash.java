package dev.rightsplatform.rights.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/** The hash that chains audit entries: SHA-256 over the previous hash and every field of the entry. */
final class AuditHash {

    static final String GENESIS = "0".repeat(64);

    private AuditHash() {}

    static String of(String prevHash, UUID requestId, Instant occurredAt, String actor, String action, String detail) {
        var text = String.join("\n", prevHash, String.valueOf(requestId), occurredAt.toString(), actor, action, detail);
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
