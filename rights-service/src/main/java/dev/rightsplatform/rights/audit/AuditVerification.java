package dev.rightsplatform.rights.audit;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Walks the whole audit chain in order and recomputes every hash: an edited entry breaks its own hash, a deleted or
 * reordered one breaks the next entry's link. Reports the first broken link.
 */
@Component
class AuditVerification {

    /** The outcome; {@code brokenAtSeq} and {@code problem} are null when the chain is intact. */
    record Report(
            boolean intact,
            long entriesChecked,
            @Nullable Long brokenAtSeq,
            @Nullable String problem) {}

    private record Walk(
            long checked,
            String lastHash,
            @Nullable Long brokenAt,
            @Nullable String problem) {}

    private final DatabaseClient db;

    AuditVerification(DatabaseClient db) {
        this.db = db;
    }

    Mono<Report> verify() {
        return db.sql("select * from audit_entry order by seq")
                .map(row -> new AuditEntry(
                        row.get("seq", Long.class),
                        row.get("request_id", UUID.class),
                        row.get("occurred_at", Instant.class),
                        row.get("actor", String.class),
                        row.get("action", String.class),
                        row.get("detail", String.class),
                        row.get("prev_hash", String.class),
                        row.get("hash", String.class)))
                .all()
                .scan(new Walk(0, AuditHash.GENESIS, null, null), AuditVerification::step)
                .takeUntil(walk -> walk.brokenAt() != null)
                .last()
                .map(walk -> new Report(walk.brokenAt() == null, walk.checked(), walk.brokenAt(), walk.problem()));
    }

    private static Walk step(Walk walk, AuditEntry entry) {
        if (!entry.prevHash().equals(walk.lastHash())) {
            return new Walk(
                    walk.checked() + 1,
                    walk.lastHash(),
                    entry.seq(),
                    "entry does not link to the one before it (an entry was removed or reordered)");
        }
        var expected = AuditHash.of(
                entry.prevHash(), entry.requestId(), entry.occurredAt(), entry.actor(), entry.action(), entry.detail());
        if (!expected.equals(entry.hash())) {
            return new Walk(
                    walk.checked() + 1, walk.lastHash(), entry.seq(), "entry's content does not match its hash");
        }
        return new Walk(walk.checked() + 1, entry.hash(), null, null);
    }
}
