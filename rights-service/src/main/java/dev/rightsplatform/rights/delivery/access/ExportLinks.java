package dev.rightsplatform.rights.delivery.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Short-lived download links (table {@code export_link}). A link's token is 256 random bits; only its SHA-256 is
 * stored, so the table alone opens nothing. A link works only for the person it was issued to, and only until it
 * expires — and never beyond the archive's own expiry.
 */
@Component
class ExportLinks {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DatabaseClient db;

    ExportLinks(DatabaseClient db) {
        this.db = db;
    }

    /** Issues a link; emits its token, which is shown once and never stored. */
    Mono<String> issue(UUID requestId, String subjectId, Instant now, Instant expiresAt) {
        var bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        var token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return db.sql("""
                        insert into export_link (token_hash, request_id, subject_id, created_at, expires_at)
                        values (:hash, :requestId, :subjectId, :now, :expiresAt)""")
                .bind("hash", hash(token))
                .bind("requestId", requestId)
                .bind("subjectId", subjectId)
                .bind("now", now)
                .bind("expiresAt", expiresAt)
                .then()
                .thenReturn(token);
    }

    Mono<Link> find(@Nullable String token) {
        if (token == null || !token.matches("^[A-Za-z0-9_-]{43}$")) {
            return Mono.empty();
        }
        return db.sql("select request_id, subject_id, expires_at from export_link where token_hash = :hash")
                .bind("hash", hash(token))
                .map(row -> new Link(
                        row.get("request_id", UUID.class),
                        row.get("subject_id", String.class),
                        row.get("expires_at", Instant.class)))
                .one();
    }

    private static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    record Link(UUID requestId, String subjectId, Instant expiresAt) {}
}
