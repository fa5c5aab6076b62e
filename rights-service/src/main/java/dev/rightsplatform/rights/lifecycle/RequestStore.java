package dev.rightsplatform.rights.lifecycle;

import dev.rightsplatform.observability.ContextThreadLocals;
import dev.rightsplatform.rights.lifecycle.RightsRequest.Deadline;
import dev.rightsplatform.rights.lifecycle.RightsRequest.Extension;
import dev.rightsplatform.rights.lifecycle.RightsRequest.Subject;
import dev.rightsplatform.rights.outbox.TraceParents;
import dev.rightsplatform.rights.type.RequestType;
import io.r2dbc.spi.Readable;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads and writes requests in table {@code rights_request}. Anyone may read (and lock, to act on a request one at a
 * time); only the lifecycle writes, in {@link RequestLifecycle#handle}.
 */
@Component
public class RequestStore {

    private final DatabaseClient db;
    private final Clock clock;
    private final TraceParents traceParents;

    RequestStore(DatabaseClient db, Clock clock, TraceParents traceParents) {
        this.db = db;
        this.clock = clock;
        this.traceParents = traceParents;
    }

    /** A new request, with the trace context of the work that submits it (what resumes it later continues it). */
    Mono<Void> insert(RightsRequest request) {
        var subject = request.subject();
        // the submission's span is read from the call's Reactor context (context propagation "limited")
        return ContextThreadLocals.defer(() -> bindMutable(db.sql("""
                        insert into rights_request (id, subject_id, subject_email, subject_locale, jurisdiction, type,
                            received_at, status, due_at, due_date, due_zone, regime, due_rule, due_rule_zh, due_provisional,
                            due_soon_at, extended_at, extension_reason, original_due_at, refusal_reason, closed_at,
                            updated_at, purpose, traceparent)
                        values (:id, :subjectId, :email, :locale, :jurisdiction, :type, :receivedAt, :status, :dueAt,
                            :dueDate, :dueZone, :regime, :dueRule, :dueRuleZh, :provisional, :dueSoonAt, :extendedAt,
                            :extensionReason, :originalDueAt, :refusalReason, :closedAt, :now, :purpose,
                            :traceparent)"""), request)
                .bind("id", request.id())
                .bind("subjectId", subject.id())
                .bind("email", Parameter.fromOrEmpty(subject.email(), String.class))
                .bind("locale", subject.locale())
                .bind("jurisdiction", subject.jurisdiction())
                .bind("type", request.type().name())
                .bind("receivedAt", request.receivedAt())
                .bind("purpose", Parameter.fromOrEmpty(request.purpose(), String.class))
                .bind("traceparent", Parameter.fromOrEmpty(traceParents.current(), String.class))
                .then());
    }

    /** The trace context the request was submitted in; empty when it was not traced. */
    Mono<String> traceparent(UUID id) {
        return db.sql("select traceparent from rights_request where id = :id and traceparent is not null")
                .bind("id", id)
                .map(row -> row.get("traceparent", String.class))
                .one();
    }

    /** Saves what a transition can change: status, deadline, extension, refusal, closing time. */
    Mono<Void> save(RightsRequest request) {
        return bindMutable(db.sql("""
                        update rights_request set status = :status, due_at = :dueAt, due_date = :dueDate,
                            due_zone = :dueZone, regime = :regime, due_rule = :dueRule, due_rule_zh = :dueRuleZh,
                            due_provisional = :provisional, due_soon_at = :dueSoonAt,
                            extended_at = :extendedAt, extension_reason = :extensionReason,
                            original_due_at = :originalDueAt, refusal_reason = :refusalReason, closed_at = :closedAt,
                            updated_at = :now
                        where id = :id"""), request).bind("id", request.id()).then();
    }

    private GenericExecuteSpec bindMutable(GenericExecuteSpec spec, RightsRequest request) {
        var deadline = request.deadline();
        var extension = request.extension();
        return spec.bind("status", request.status().name())
                .bind("dueAt", deadline.dueAt())
                .bind("dueDate", deadline.dueDate())
                .bind("dueZone", deadline.zone())
                .bind("regime", deadline.regime())
                .bind("dueRule", deadline.rule())
                .bind("dueRuleZh", Parameter.fromOrEmpty(deadline.ruleZh(), String.class))
                .bind("provisional", deadline.provisional())
                .bind("dueSoonAt", deadline.dueSoonAt())
                .bind(
                        "extendedAt",
                        Parameter.fromOrEmpty(extension == null ? null : extension.extendedAt(), Instant.class))
                .bind(
                        "extensionReason",
                        Parameter.fromOrEmpty(extension == null ? null : extension.reason(), String.class))
                .bind(
                        "originalDueAt",
                        Parameter.fromOrEmpty(extension == null ? null : extension.originalDueAt(), Instant.class))
                .bind("refusalReason", Parameter.fromOrEmpty(request.refusalReason(), String.class))
                .bind("closedAt", Parameter.fromOrEmpty(request.closedAt(), Instant.class))
                .bind("now", clock.instant());
    }

    /** A request verified by e-mail gets the account it belongs to (an agent decides which). */
    Mono<Void> linkAccount(UUID id, String accountId) {
        return db.sql("update rights_request set subject_id = :account where id = :id")
                .bind("account", accountId)
                .bind("id", id)
                .then();
    }

    /** Deregistration: when the cooling-off ends and erasure may start. */
    Mono<Void> coolOffUntil(UUID id, Instant until) {
        return db.sql("update rights_request set cooling_off_until = :until where id = :id")
                .bind("until", until)
                .bind("id", id)
                .then();
    }

    /** When a deregistration's cooling-off ends; empty when it has none (the portal counts down to it). */
    public Mono<Instant> coolingOffUntil(UUID id) {
        return db.sql("select cooling_off_until from rights_request where id = :id and cooling_off_until is not null")
                .bind("id", id)
                .map(row -> row.get("cooling_off_until", Instant.class))
                .one();
    }

    /** Locks a deregistration whose cooling-off is over; empty when it is not (any more). */
    Mono<RightsRequest> lockCoolingOffOver(UUID id, Instant now) {
        return db.sql("""
                        select * from rights_request
                        where id = :id and status = 'COOLING_OFF' and cooling_off_until <= :now for update""")
                .bind("id", id)
                .bind("now", now)
                .map(RequestStore::toRequest)
                .one();
    }

    /** Locks a request still waiting for its address to be verified, received before {@code cutoff}. */
    Mono<RightsRequest> lockUnverifiedSince(UUID id, Instant cutoff) {
        return db.sql("""
                        select * from rights_request
                        where id = :id and status = 'AWAITING_VERIFICATION' and received_at < :cutoff for update""")
                .bind("id", id)
                .bind("cutoff", cutoff)
                .map(RequestStore::toRequest)
                .one();
    }

    /** An address that was never verified is not kept. */
    Mono<Void> forgetEmail(UUID id) {
        return db.sql("update rights_request set subject_email = null where id = :id")
                .bind("id", id)
                .then();
    }

    /**
     * Marks an alert raised on an open request past {@code dueColumn}, once: the UPDATE takes the row's lock and
     * re-checks, so a second scanner replica waits, then finds nothing left to raise. Emits the request if raised now.
     */
    Mono<RightsRequest> markAlertRaised(UUID id, String raisedColumn, String dueColumn, Instant now) {
        return db.sql("""
                        update rights_request set %1$s = :now
                        where id = :id and closed_at is null and %1$s is null and %2$s <= :now
                        returning *""".formatted(raisedColumn, dueColumn))
                .bind("now", now)
                .bind("id", id)
                .map(RequestStore::toRequest)
                .one();
    }

    public Mono<RightsRequest> find(UUID id) {
        return db.sql("select * from rights_request where id = :id")
                .bind("id", id)
                .map(RequestStore::toRequest)
                .one();
    }

    /** Locks the request's row for the rest of the transaction: changes to one request happen one at a time. */
    public Mono<RightsRequest> lock(UUID id) {
        return db.sql("select * from rights_request where id = :id for update")
                .bind("id", id)
                .map(RequestStore::toRequest)
                .one();
    }

    public Mono<RightsRequest> findOpen(String subjectId, RequestType type) {
        return db.sql(
                        "select * from rights_request where subject_id = :subjectId and type = :type and closed_at is null")
                .bind("subjectId", subjectId)
                .bind("type", type.name())
                .map(RequestStore::toRequest)
                .one();
    }

    /** The person's open withdrawal of consent for {@code purpose}, if any (at most one: rights_request_one_open_idx). */
    public Mono<RightsRequest> findOpenWithdrawal(String subjectId, String purpose) {
        return db.sql("""
                        select * from rights_request
                        where subject_id = :subjectId and type = 'WITHDRAW_CONSENT' and purpose = :purpose
                            and closed_at is null""")
                .bind("subjectId", subjectId)
                .bind("purpose", purpose)
                .map(RequestStore::toRequest)
                .one();
    }

    public Flux<RightsRequest> findBySubject(String subjectId, int limit) {
        return db.sql(
                        "select * from rights_request where subject_id = :subjectId order by received_at desc limit :limit")
                .bind("subjectId", subjectId)
                .bind("limit", limit)
                .map(RequestStore::toRequest)
                .all();
    }

    public static RightsRequest toRequest(Readable row) {
        var extendedAt = row.get("extended_at", Instant.class);
        return new RightsRequest(
                row.get("id", UUID.class),
                new Subject(
                        row.get("subject_id", String.class),
                        row.get("subject_email", String.class),
                        row.get("subject_locale", String.class),
                        row.get("jurisdiction", String.class)),
                RequestType.valueOf(row.get("type", String.class)),
                RequestStatus.valueOf(row.get("status", String.class)),
                row.get("received_at", Instant.class),
                new Deadline(
                        row.get("due_at", Instant.class),
                        row.get("due_date", LocalDate.class),
                        row.get("due_zone", String.class),
                        row.get("regime", String.class),
                        row.get("due_rule", String.class),
                        row.get("due_rule_zh", String.class),
                        Boolean.TRUE.equals(row.get("due_provisional", Boolean.class)),
                        row.get("due_soon_at", Instant.class)),
                extendedAt == null
                        ? null
                        : new Extension(
                                extendedAt,
                                row.get("extension_reason", String.class),
                                row.get("original_due_at", Instant.class)),
                row.get("refusal_reason", String.class),
                row.get("closed_at", Instant.class),
                row.get("purpose", String.class));
    }
}
