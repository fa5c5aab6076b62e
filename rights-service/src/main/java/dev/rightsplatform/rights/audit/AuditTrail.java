package dev.rightsplatform.rights.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends to and reads the audit trail. Appends join the caller's transaction and are serialised by an advisory
 * lock, because each entry's hash depends on the one before it.
 */
@Component
public class AuditTrail {

    /** Arbitrary but fixed: the advisory lock that serialises appends to the one chain. */
    private static final long CHAIN_LOCK = 0x5249474854L;

    private final DatabaseClient db;
    private final JsonMapper json;
    private final Clock clock;

    AuditTrail(DatabaseClient db, JsonMapper json, Clock clock) {
        this.db = db;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Records {@code action} by {@code actor}; {@code detail} must hold no personal data. {@code requestId} is null for
     * what concerns no request (a consent grant).
     */
    public Mono<Void> append(UUID requestId, String actor, String action, Map<String, ?> detail) {
        // micro-second precision is what PostgreSQL keeps; hashing the same value keeps the chain verifiable
        var occurredAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        var canonicalDetail = json.writeValueAsString(new TreeMap<>(detail));
        return db.sql("select pg_advisory_xact_lock(:lock)")
                .bind("lock", CHAIN_LOCK)
                .then()
                .then(db.sql("select hash from audit_entry order by seq desc limit 1")
                        .map(row -> row.get("hash", String.class))
                        .one()
                        .defaultIfEmpty(AuditHash.GENESIS))
                .flatMap(prevHash -> db.sql("""
                                insert into audit_entry (request_id, occurred_at, actor, action, detail, prev_hash, hash)
                                values (:requestId, :occurredAt, :actor, :action, :detail, :prevHash, :hash)""")
                        .bind("requestId", Parameter.fromOrEmpty(requestId, UUID.class))
                        .bind("occurredAt", occurredAt)
                        .bind("actor", actor)
                        .bind("action", action)
                        .bind("detail", canonicalDetail)
                        .bind("prevHash", prevHash)
                        .bind("hash", AuditHash.of(prevHash, requestId, occurredAt, actor, action, canonicalDetail))
                        .then());
    }

    public Flux<AuditEntry> entriesOf(UUID requestId) {
        return db.sql("select * from audit_entry where request_id = :requestId order by seq")
                .bind("requestId", requestId)
                .map(row -> new AuditEntry(
                        row.get("seq", Long.class),
                        row.get("request_id", UUID.class),
                        row.get("occurred_at", Instant.class),
                        row.get("actor", String.class),
                        row.get("action", String.class),
                        row.get("detail", String.class),
                        row.get("prev_hash", String.class),
                        row.get("hash", String.class)))
                .all();
    }
}
