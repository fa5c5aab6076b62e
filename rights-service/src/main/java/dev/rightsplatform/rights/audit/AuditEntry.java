package dev.rightsplatform.rights.audit;

import java.time.Instant;
import java.util.UUID;

/** One step in a request's history, as stored and as shown. Holds no personal data. */
public record AuditEntry(
        long seq,
        UUID requestId,
        Instant occurredAt,
        String actor,
        String action,
        String detail,
        String prevHash,
        String hash) {}
