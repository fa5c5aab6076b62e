package dev.rightsplatform.rights.audit;

import java.time.Clock;
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
 * Appends to and reads the audit trail. Each request has its own hash chain (what concerns no request, such as a
 * consent grant, goes to its actor's chain); an append joins the caller's transaction and locks only its chain, so
 * changes to different requests never wait for each other. {@link AuditAnchoring} then pins every chain's head under
 * the platform's signature.
 */
@Component
public class AuditTrail {

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
     * what concerns no request (a consent grant). Holds the chain's lock (a transaction-scoped advisory lock on its
     * name) until the caller's transaction ends: where the lock of the whole trail used to be held, for one chain
     * only. One round trip ({@code audit_append}, V14).
     */
    public Mono<Void> append(UUID requestId, String actor, String action, Map<String, ?> detail) {
        // micro-second precision is what PostgreSQL keeps; hashing the same value keeps the chain verifiable
        var occurredAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        var canonicalDetail = json.writeValueAsString(new TreeMap<>(detail));
        return db.sql("""
                        select audit_append(cast(:requestId as uuid), :chain, :occurredAt, :actor, :action, :detail,
                                            :content)""")
                .bind("requestId", Parameter.fromOrEmpty(requestId, UUID.class))
                .bind("chain", AuditEntry.chainOf(requestId, actor))
                .bind("occurredAt", occurredAt)
                .bind("actor", actor)
                .bind("action", action)
                .bind("detail", canonicalDetail)
                .bind("content", AuditHash.content(requestId, occurredAt, actor, action, canonicalDetail))
                .then();
    }

    public Flux<AuditEntry> entriesOf(UUID requestId) {
        return db.sql("select * from audit_entry where request_id = :requestId order by seq")
                .bind("requestId", requestId)
                .map(AuditEntry::from)
                .all();
    }
}
