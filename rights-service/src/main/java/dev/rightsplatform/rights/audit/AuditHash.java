package dev.rightsplatform.rights.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The hash that chains audit entries: SHA-256 over the previous hash and every field of the entry. The database
 * computes the same when it appends ({@code audit_append}, from {@link #content}); verification recomputes it here.
 */
final class AuditHash {

    static final String GENESIS = "0".repeat(64);

    private AuditHash() {}

    static String of(String prevHash, UUID requestId, Instant occurredAt, String actor, String action, String detail) {
        return sha256(prevHash + "\n" + content(requestId, occurredAt, actor, action, detail));
    }

    /** What an entry's hash covers after the previous hash and its line break. */
    static String content(UUID requestId, Instant occurredAt, String actor, String action, String detail) {
        return String.join("\n", String.valueOf(requestId), occurredAt.toString(), actor, action, detail);
    }

    static String sha256(String text) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
