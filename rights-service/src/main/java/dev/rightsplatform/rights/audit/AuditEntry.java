package dev.rightsplatform.rights.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * One step in a request's history, as stored and as shown. Holds no personal data. {@code chain} names the hash chain
 * it belongs to ({@code request:<id>}, {@code actor:<actor>} or {@code legacy}), {@code pos} its place there (from 1).
 */
public record AuditEntry(
        long seq,
        UUID requestId,
        Instant occurredAt,
        String actor,
        String action,
        String detail,
        String prevHash,
        String hash,
        String chain,
        long pos) {

    /** The single chain every entry was appended to before chains per request (V14): verified as it was. */
    static final String LEGACY_CHAIN = "legacy";

    /** The chain an entry about {@code requestId} (or, without a request, by {@code actor}) is appended to. */
    static String chainOf(UUID requestId, String actor) {
        return requestId != null ? "request:" + requestId : "actor:" + actor;
    }

    static AuditEntry from(io.r2dbc.spi.Readable row) {
        return new AuditEntry(
                row.get("seq", Long.class),
                row.get("request_id", UUID.class),
                row.get("occurred_at", Instant.class),
                row.get("actor", String.class),
                row.get("action", String.class),
                row.get("detail", String.class),
                row.get("prev_hash", String.class),
                row.get("hash", String.class),
                row.get("chain", String.class),
                row.get("pos", Long.class));
    }
}
