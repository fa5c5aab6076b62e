package dev.rightsplatform.rights.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The outbox table's state changes, each one short statement on its own (no transaction spans a delivery): claim a
 * batch, record what became of it, release it, resubmit a failed row. Modelled on Spring Modulith's event publication
 * registry. A claim marks rows PROCESSING under a claim id with a lease (next_attempt_at is the lease's end), so no
 * row lock is held while a relay waits for the broker or a partner; every later change of a claimed row names the
 * claim, so a relay whose lease ran out (and whose rows another relay took over) changes nothing.
 */
@Component
class OutboxRegistry {

    private final DatabaseClient db;

    OutboxRegistry(DatabaseClient db) {
        this.db = db;
    }

    /** A claimed row, payload still sealed. */
    record Claimed(
            UUID id,
            @Nullable String exchange,
            @Nullable String routingKey,
            @Nullable String target,
            String type,
            @Nullable String payload,
            @Nullable String traceparent,
            int attempts,
            long seq) {}

    /**
     * Claims up to {@code limit} due rows of {@code channel} — PENDING ones whose time has come and PROCESSING ones
     * whose lease lapsed — oldest first, skipping rows another relay is claiming, and for rows with an ordering key
     * only the first unfinished one of that key. Returns them in the order they were written.
     */
    Mono<List<Claimed>> claim(String channel, UUID claim, int limit, Instant now, Duration lease) {
        return db.sql("""
                        update outbox_message m set status = 'PROCESSING', claim_id = :claim, next_attempt_at = :leaseEnd
                        where m.id in (
                            select d.id from outbox_message d
                            where d.channel = :channel and d.status in ('PENDING', 'PROCESSING') and d.next_attempt_at <= :now
                              and (d.ordering_key is null or not exists (
                                  select 1 from outbox_message e
                                  where e.ordering_key = d.ordering_key and e.status in ('PENDING', 'PROCESSING')
                                    and e.seq < d.seq))
                            order by d.next_attempt_at, d.seq
                            limit :limit
                            for update skip locked)
                        returning m.id, m.exchange, m.routing_key, m.target, m.message_type, m.payload, m.traceparent,
                            m.attempts, m.seq""")
                .bind("claim", claim)
                .bind("leaseEnd", now.plus(lease))
                .bind("channel", channel)
                .bind("now", now)
                .bind("limit", limit)
                .map(row -> new Claimed(
                        row.get("id", UUID.class),
                        row.get("exchange", String.class),
                        row.get("routing_key", String.class),
                        row.get("target", String.class),
                        row.get("message_type", String.class),
                        row.get("payload", String.class),
                        row.get("traceparent", String.class),
                        row.get("attempts", Integer.class),
                        row.get("seq", Long.class)))
                .all()
                .sort(Comparator.comparingLong(Claimed::seq))
                .collectList();
    }

    /** Delivered: PUBLISHED, payload cleared (a published row keeps ids and times, no personal data). */
    Mono<Long> published(UUID claim, List<UUID> ids, Instant now) {
        if (ids.isEmpty()) {
            return Mono.just(0L);
        }
        return db.sql("""
                        update outbox_message set status = 'PUBLISHED', published_at = :now, attempts = attempts + 1,
                            payload = null, claim_id = null, last_error = null
                        where id = any(:ids) and claim_id = :claim""")
                .bind("now", now)
                .bind("ids", ids.toArray(UUID[]::new))
                .bind("claim", claim)
                .fetch()
                .rowsUpdated();
    }

    /** A failed attempt: due again after its delay, or FAILED for good. */
    record Failure(UUID id, String error, Duration retryAfter, boolean giveUp) {}

    /** Records failed attempts, all in one statement. */
    Mono<Long> failed(UUID claim, List<Failure> failures, Instant now) {
        if (failures.isEmpty()) {
            return Mono.just(0L);
        }
        var ids = new ArrayList<UUID>();
        var errors = new ArrayList<String>();
        var delays = new ArrayList<Long>();
        var giveUps = new ArrayList<Boolean>();
        for (var failure : failures) {
            ids.add(failure.id());
            errors.add(failure.error());
            delays.add(failure.retryAfter().toMillis());
            giveUps.add(failure.giveUp());
        }
        return db.sql("""
                        update outbox_message m
                        set attempts = m.attempts + 1, last_error = f.error, claim_id = null,
                            status = case when f.give_up then 'FAILED' else 'PENDING' end,
                            failed_at = case when f.give_up then cast(:now as timestamptz) end,
                            next_attempt_at = cast(:now as timestamptz) + f.delay_ms * interval '1 millisecond'
                        from unnest(cast(:ids as uuid[]), cast(:errors as text[]), cast(:delays as bigint[]),
                                    cast(:giveUps as boolean[])) as f(id, error, delay_ms, give_up)
                        where m.id = f.id and m.claim_id = :claim""")
                .bind("now", now)
                .bind("ids", ids.toArray(UUID[]::new))
                .bind("errors", errors.toArray(String[]::new))
                .bind("delays", delays.toArray(Long[]::new))
                .bind("giveUps", giveUps.toArray(Boolean[]::new))
                .bind("claim", claim)
                .fetch()
                .rowsUpdated();
    }

    /** Nothing was attempted (the broker was out of reach): due again at once, no attempt counted. */
    Mono<Long> release(UUID claim, List<UUID> ids, Instant now) {
        return db.sql("""
                        update outbox_message set status = 'PENDING', claim_id = null, next_attempt_at = :now
                        where id = any(:ids) and claim_id = :claim""")
                .bind("now", now)
                .bind("ids", ids.toArray(UUID[]::new))
                .bind("claim", claim)
                .fetch()
                .rowsUpdated();
    }

    /** A FAILED row as agents see it: where it was going and why it failed, never its payload. */
    record FailedRow(
            UUID id,
            String channel,
            String type,
            @Nullable String exchange,
            @Nullable String routingKey,
            @Nullable String target,
            int attempts,
            Instant createdAt,
            Instant failedAt,
            @Nullable Instant resubmittedAt,
            @Nullable String lastError) {}

    /** FAILED rows, oldest failure first, after the row {@code after} (keyset paging). */
    Mono<List<FailedRow>> failedRows(int limit, @Nullable UUID after) {
        var sql = """
                select id, channel, message_type, exchange, routing_key, target, attempts, created_at, failed_at,
                    resubmitted_at, last_error
                from outbox_message
                where status = 'FAILED'
                """ + (after == null ? "" : """
                  and (failed_at, id) > (select failed_at, id from outbox_message where id = :after)
                """) + "order by failed_at, id limit :limit";
        var spec = db.sql(sql).bind("limit", limit);
        if (after != null) {
            spec = spec.bind("after", after);
        }
        return spec.map(row -> new FailedRow(
                        row.get("id", UUID.class),
                        row.get("channel", String.class),
                        row.get("message_type", String.class),
                        row.get("exchange", String.class),
                        row.get("routing_key", String.class),
                        row.get("target", String.class),
                        row.get("attempts", Integer.class),
                        row.get("created_at", Instant.class),
                        row.get("failed_at", Instant.class),
                        row.get("resubmitted_at", Instant.class),
                        row.get("last_error", String.class)))
                .all()
                .collectList();
    }

    /** What a resubmission put back. */
    record Resubmitted(UUID id, String channel, String type, int attemptsBefore) {}

    /**
     * Puts a FAILED row back to PENDING, due now, with its attempts counted afresh; empty when the row is not FAILED
     * (or does not exist).
     */
    Mono<Resubmitted> resubmit(UUID id, Instant now) {
        return db.sql("""
                        update outbox_message n set status = 'PENDING', next_attempt_at = :now, attempts = 0,
                            failed_at = null, resubmitted_at = :now, claim_id = null
                        from outbox_message o
                        where n.id = :id and o.id = n.id and n.status = 'FAILED'
                        returning n.id, n.channel, n.message_type, o.attempts""")
                .bind("now", now)
                .bind("id", id)
                .map(row -> new Resubmitted(
                        row.get("id", UUID.class),
                        row.get("channel", String.class),
                        row.get("message_type", String.class),
                        row.get("attempts", Integer.class)))
                .one();
    }

    /** Whether a row with this id exists (in any state). */
    Mono<Boolean> exists(UUID id) {
        return db.sql("select 1 from outbox_message where id = :id")
                .bind("id", id)
                .map(row -> true)
                .one()
                .defaultIfEmpty(false);
    }
}
