package dev.rightsplatform.rights.audit;

import dev.rightsplatform.rights.batch.WriteBehind;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
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
    private final WriteBehind<PendingEntry> entries = new WriteBehind<>(this::appendAll);

    AuditTrail(DatabaseClient db, JsonMapper json, Clock clock) {
        this.db = db;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Records {@code action} by {@code actor}; {@code detail} must hold no personal data. {@code requestId} is null for
     * what concerns no request (a consent grant). Inside a lifecycle command ({@link #batching}) the entry is held and
     * appended with the command's others when it ends; else at once. Either way it joins the caller's transaction and
     * holds its chain's lock (a transaction-scoped advisory lock on its name) until that transaction ends: where the
     * lock of the whole trail used to be held, for one chain only.
     */
    public Mono<Void> append(@Nullable UUID requestId, String actor, String action, Map<String, ?> detail) {
        return Mono.defer(() -> {
            // micro-second precision is what PostgreSQL keeps; hashing the same value keeps the chain verifiable
            var occurredAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
            var canonicalDetail = json.writeValueAsString(new TreeMap<>(detail));
            return entries.write(new PendingEntry(
                    requestId,
                    AuditEntry.chainOf(requestId, actor),
                    occurredAt,
                    actor,
                    action,
                    canonicalDetail,
                    AuditHash.content(requestId, occurredAt, actor, action, canonicalDetail)));
        });
    }

    /** Runs {@code work} with its audit entries held and appended together, in order, when it ends (one round trip). */
    public <T> Mono<T> batching(Mono<T> work) {
        return entries.batching(work);
    }

    /** One entry as {@code audit_append} takes it (V14); {@code content} is what is hashed after the previous hash. */
    private record PendingEntry(
            @Nullable UUID requestId,
            String chain,
            Instant occurredAt,
            String actor,
            String action,
            String detail,
            String content) {}

    private Mono<Void> appendAll(List<PendingEntry> pending) {
        if (pending.size() == 1) {
            var entry = pending.get(0);
            return db.sql("""
                            select audit_append(cast(:requestId as uuid), :chain, :occurredAt, :actor, :action, :detail,
                                                :content)""")
                    .bind("requestId", Parameter.fromOrEmpty(entry.requestId(), UUID.class))
                    .bind("chain", entry.chain())
                    .bind("occurredAt", entry.occurredAt())
                    .bind("actor", entry.actor())
                    .bind("action", entry.action())
                    .bind("detail", entry.detail())
                    .bind("content", entry.content())
                    .then();
        }
        // arrays as text, cast in SQL: NULL request ids and exact micro-second instants survive any driver codec
        return db.sql("""
                        select audit_append_all(cast(:requestIds as uuid[]), :chains,
                                                cast(:occurredAt as timestamptz[]), :actors, :actions, :details,
                                                :contents)""")
                .bind(
                        "requestIds",
                        column(
                                pending,
                                entry -> entry.requestId() == null
                                        ? null
                                        : entry.requestId().toString()))
                .bind("chains", column(pending, PendingEntry::chain))
                .bind("occurredAt", column(pending, entry -> entry.occurredAt().toString()))
                .bind("actors", column(pending, PendingEntry::actor))
                .bind("actions", column(pending, PendingEntry::action))
                .bind("details", column(pending, PendingEntry::detail))
                .bind("contents", column(pending, PendingEntry::content))
                .then();
    }

    private static String[] column(List<PendingEntry> pending, Function<PendingEntry, @Nullable String> value) {
        var column = new String[pending.size()];
        for (int i = 0; i < column.length; i++) {
            column[i] = value.apply(pending.get(i));
        }
        return column;
    }

    public Flux<AuditEntry> entriesOf(UUID requestId) {
        return db.sql("select * from audit_entry where request_id = :requestId order by seq")
                .bind("requestId", requestId)
                .map(AuditEntry::from)
                .all();
    }
}
