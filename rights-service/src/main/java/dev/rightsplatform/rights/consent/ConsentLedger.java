package dev.rightsplatform.rights.consent;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads and appends to the ledger, table {@code consent_event} (append-only: a trigger refuses updates and deletes).
 * Changes to one person's consent for one purpose are serialised by a transaction-scoped advisory lock, so two
 * simultaneous withdrawals record one; the unique {@code prev_seq} would refuse the second even without the lock.
 */
@Component
class ConsentLedger {

    /** The first key of the ledger's advisory locks ('CONS'); the two-key space never meets the audit chain's lock. */
    private static final int LOCK_SPACE = 0x434F4E53;

    private final DatabaseClient db;

    ConsentLedger(DatabaseClient db) {
        this.db = db;
    }

    /** Holds the lock of (person, purpose) until the caller's transaction ends. */
    Mono<Void> lock(String subjectId, String purpose) {
        return db.sql("select pg_advisory_xact_lock(:space, hashtext(:subjectId || ' ' || :purpose))")
                .bind("space", LOCK_SPACE)
                .bind("subjectId", subjectId)
                .bind("purpose", purpose)
                .then();
    }

    /** The latest event of the person for the purpose: its current state. */
    Mono<ConsentEvent> latest(String subjectId, String purpose) {
        return db.sql("""
                        select * from consent_event where subject_id = :subjectId and purpose = :purpose
                        order by seq desc limit 1""")
                .bind("subjectId", subjectId)
                .bind("purpose", purpose)
                .map(ConsentLedger::toEvent)
                .one();
    }

    /** The latest event of each purpose the person ever consented to or withdrew. */
    Flux<ConsentEvent> current(String subjectId) {
        return db.sql("""
                        select distinct on (purpose) * from consent_event where subject_id = :subjectId
                        order by purpose, seq desc""")
                .bind("subjectId", subjectId)
                .map(ConsentLedger::toEvent)
                .all();
    }

    /** The person's events, newest first, older than {@code beforeSeq} when given. */
    Flux<ConsentEvent> history(String subjectId, @Nullable Long beforeSeq, int limit) {
        return db.sql("""
                        select * from consent_event where subject_id = :subjectId and seq < :before
                        order by seq desc limit :limit""")
                .bind("subjectId", subjectId)
                .bind("before", beforeSeq == null ? Long.MAX_VALUE : beforeSeq)
                .bind("limit", limit)
                .map(ConsentLedger::toEvent)
                .all();
    }

    /** Whether Global Privacy Control has already opted the person out of the purpose (once is all it ever does). */
    Mono<Boolean> gpcOptedOut(String subjectId, String purpose) {
        return db.sql("""
                        select exists (select 1 from consent_event where subject_id = :subjectId and purpose = :purpose
                            and method = 'GPC' and action = 'WITHDRAWN') as opted_out""")
                .bind("subjectId", subjectId)
                .bind("purpose", purpose)
                .map(row -> Boolean.TRUE.equals(row.get("opted_out", Boolean.class)))
                .one();
    }

    /**
     * For each of {@code purposes} the person has events for: the latest action, and whether GPC opted them out. One
     * query, for the GPC filter's quick look before it takes any lock.
     */
    Flux<GpcLook> gpcLook(String subjectId, List<String> purposes) {
        return db.sql("""
                        select purpose, (array_agg(action order by seq desc))[1] as latest,
                            bool_or(method = 'GPC' and action = 'WITHDRAWN') as opted_out
                        from consent_event where subject_id = :subjectId and purpose = any(:purposes)
                        group by purpose""")
                .bind("subjectId", subjectId)
                .bind("purposes", purposes.toArray(String[]::new))
                .map(row -> new GpcLook(
                        row.get("purpose", String.class),
                        ConsentAction.valueOf(row.get("latest", String.class)),
                        Boolean.TRUE.equals(row.get("opted_out", Boolean.class))))
                .all();
    }

    record GpcLook(String purpose, ConsentAction latest, boolean optedOut) {}

    /** Appends an event after {@code previous} (null for the person's first on the purpose); returns it as stored. */
    Mono<ConsentEvent> append(
            String subjectId,
            String purpose,
            String noticeVersion,
            ConsentAction action,
            ConsentMethod method,
            Instant at,
            @Nullable UUID requestId,
            @Nullable String agentId,
            @Nullable ConsentEvent previous) {
        return db.sql("""
                        insert into consent_event (subject_id, purpose, notice_version, action, method, occurred_at,
                            request_id, agent_id, prev_seq)
                        values (:subjectId, :purpose, :noticeVersion, :action, :method, :at, :requestId, :agentId,
                            :prevSeq)
                        returning *""")
                .bind("subjectId", subjectId)
                .bind("purpose", purpose)
                .bind("noticeVersion", noticeVersion)
                .bind("action", action.name())
                .bind("method", method.name())
                .bind("at", at.truncatedTo(ChronoUnit.MICROS))
                .bind("requestId", Parameter.fromOrEmpty(requestId, UUID.class))
                .bind("agentId", Parameter.fromOrEmpty(agentId, String.class))
                .bind("prevSeq", Parameter.fromOrEmpty(previous == null ? null : previous.seq(), Long.class))
                .map(ConsentLedger::toEvent)
                .one();
    }

    private static ConsentEvent toEvent(Readable row) {
        return new ConsentEvent(
                row.get("seq", Long.class),
                row.get("subject_id", String.class),
                row.get("purpose", String.class),
                row.get("notice_version", String.class),
                ConsentAction.valueOf(row.get("action", String.class)),
                ConsentMethod.valueOf(row.get("method", String.class)),
                row.get("occurred_at", Instant.class),
                row.get("request_id", UUID.class),
                row.get("agent_id", String.class),
                row.get("prev_seq", Long.class));
    }
}
