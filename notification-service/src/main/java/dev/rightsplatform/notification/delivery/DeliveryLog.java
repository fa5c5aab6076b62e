package dev.rightsplatform.notification.delivery;

import java.time.Duration;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * The delivery log: one row per event, holding no personal data. Its row is the claim that keeps a mail from
 * going out twice: a consumer sends only after it has moved the row to SENDING itself, in one statement, so two
 * consumers of the same event (a redelivery, a duplicate publication, another replica) cannot both win.
 */
@Repository
class DeliveryLog {

    private final DatabaseClient db;

    DeliveryLog(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Claims the event for one send attempt: creates its row, or takes over a row waiting for a retry. Emits the
     * attempt number, or nothing when the row is finished or held by someone else.
     */
    Mono<Integer> claim(Entry entry, Duration lease) {
        return db.sql("""
                INSERT INTO delivery_log AS d (event_id, event_type, request_id, template, locale, status, attempts,
                                               claimed_until)
                VALUES (:eventId, :eventType, :requestId, :template, :locale, 'SENDING', 1,
                        now() + make_interval(secs => :leaseSeconds))
                ON CONFLICT (event_id) DO UPDATE
                   SET status = 'SENDING', attempts = d.attempts + 1, claimed_until = excluded.claimed_until,
                       updated_at = now()
                 WHERE d.status = 'RETRYING'
                RETURNING attempts
                """)
                .bind("eventId", entry.eventId())
                .bind("eventType", entry.eventType())
                .bind("requestId", entry.requestId())
                .bind("template", entry.template())
                .bind("locale", entry.locale())
                .bind("leaseSeconds", lease.toMillis() / 1000.0)
                .map(row -> row.get("attempts", Integer.class))
                .one();
    }

    /** Records that there was nothing to send; keeps whatever an earlier delivery of the same event recorded. */
    Mono<Void> recordSkipped(Entry entry, String reason) {
        return db.sql("""
                INSERT INTO delivery_log (event_id, event_type, request_id, template, locale, status, attempts,
                                          last_error)
                VALUES (:eventId, :eventType, :requestId, :template, :locale, 'SKIPPED', 0, :reason)
                ON CONFLICT (event_id) DO NOTHING
                """)
                .bind("eventId", entry.eventId())
                .bind("eventType", entry.eventType())
                .bind("requestId", entry.requestId())
                .bind("template", entry.template())
                .bind("locale", entry.locale())
                .bind("reason", reason)
                .then();
    }

    Mono<Void> markSent(UUID eventId) {
        return db.sql("""
                UPDATE delivery_log
                   SET status = 'SENT', sent_at = now(), updated_at = now(), claimed_until = NULL, last_error = NULL
                 WHERE event_id = :eventId AND status = 'SENDING'
                """).bind("eventId", eventId).then();
    }

    /** Ends the current attempt in RETRYING or FAILED, with a description that holds no personal data. */
    Mono<Void> markUnsent(UUID eventId, DeliveryStatus status, String error) {
        return db.sql("""
                UPDATE delivery_log
                   SET status = :status, last_error = :error, updated_at = now(), claimed_until = NULL
                 WHERE event_id = :eventId AND status = 'SENDING'
                """)
                .bind("eventId", eventId)
                .bind("status", status.name())
                .bind("error", error)
                .then();
    }

    /**
     * Gives up on an attempt whose holder vanished (its lease ran out while SENDING): the mail may or may not have
     * gone out, and sending again could send it twice. Emits whether this call was the one that gave up.
     */
    Mono<Boolean> failAbandoned(UUID eventId, String error) {
        return db.sql("""
                UPDATE delivery_log
                   SET status = 'FAILED', last_error = :error, updated_at = now(), claimed_until = NULL
                 WHERE event_id = :eventId AND status = 'SENDING' AND claimed_until < now()
                """)
                .bind("eventId", eventId)
                .bind("error", error)
                .fetch()
                .rowsUpdated()
                .map(updated -> updated > 0);
    }

    /** The current state of an event's row; nothing when the event has none. */
    Mono<State> find(UUID eventId) {
        return db.sql("""
                SELECT status, attempts, claimed_until < now() AS lease_expired FROM delivery_log
                 WHERE event_id = :eventId
                """)
                .bind("eventId", eventId)
                .map(row -> new State(
                        DeliveryStatus.valueOf(row.get("status", String.class)),
                        row.get("attempts", Integer.class),
                        Boolean.TRUE.equals(row.get("lease_expired", Boolean.class))))
                .one();
    }

    /** What a row records about an event: its ids, the template and language chosen. No address, no name. */
    record Entry(UUID eventId, String eventType, UUID requestId, String template, String locale) {}

    record State(DeliveryStatus status, int attempts, boolean leaseExpired) {}
}
