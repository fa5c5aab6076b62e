package dev.rightsplatform.rights.request;

import io.r2dbc.spi.Readable;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads and writes requests in table {@code rights_request}. */
@Component
public class RequestStore {

    private final DatabaseClient db;
    private final Clock clock;

    RequestStore(DatabaseClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    Mono<Void> insert(RightsRequest request) {
        return db.sql("""
                        insert into rights_request (id, subject_id, subject_email, subject_locale, type, status,
                                                    received_at, due_at, due_rule, completed_at, updated_at)
                        values (:id, :subjectId, :email, :locale, :type, :status, :receivedAt, :dueAt, :dueRule, null, :now)""")
                .bind("id", request.id())
                .bind("subjectId", request.subjectId())
                .bind("email", Parameter.fromOrEmpty(request.subjectEmail(), String.class))
                .bind("locale", request.subjectLocale())
                .bind("type", request.type().name())
                .bind("status", request.status().name())
                .bind("receivedAt", request.receivedAt())
                .bind("dueAt", request.dueAt())
                .bind("dueRule", request.dueRule())
                .bind("now", clock.instant())
                .then();
    }

    /** Saves a transition: status and completion time, nothing else changes after submission. */
    public Mono<Void> updateStatus(RightsRequest request) {
        return db.sql("update rights_request set status = :status, completed_at = :completedAt, updated_at = :now where id = :id")
                .bind("status", request.status().name())
                .bind("completedAt", Parameter.fromOrEmpty(request.completedAt(), Instant.class))
                .bind("now", clock.instant())
                .bind("id", request.id())
                .then();
    }

    public Mono<RightsRequest> find(UUID id) {
        return db.sql("select * from rights_request where id = :id").bind("id", id).map(RequestStore::toRequest).one();
    }

    /** Locks the request's row for the rest of the transaction: results for one request are recorded one at a time. */
    public Mono<RightsRequest> lock(UUID id) {
        return db.sql("select * from rights_request where id = :id for update").bind("id", id)
                .map(RequestStore::toRequest).one();
    }

    Mono<RightsRequest> findOpen(String subjectId, RequestType type) {
        return db.sql("""
                        select * from rights_request where subject_id = :subjectId and type = :type
                        and status in ('RECEIVED', 'IN_PROGRESS', 'NEEDS_ATTENTION')""")
                .bind("subjectId", subjectId)
                .bind("type", type.name())
                .map(RequestStore::toRequest)
                .one();
    }

    Flux<RightsRequest> findBySubject(String subjectId, int limit) {
        return db.sql("select * from rights_request where subject_id = :subjectId order by received_at desc limit :limit")
                .bind("subjectId", subjectId)
                .bind("limit", limit)
                .map(RequestStore::toRequest)
                .all();
    }

    private static RightsRequest toRequest(Readable row) {
        return new RightsRequest(
                row.get("id", UUID.class),
                row.get("subject_id", String.class),
                row.get("subject_email", String.class),
                row.get("subject_locale", String.class),
                RequestType.valueOf(row.get("type", String.class)),
                RequestStatus.valueOf(row.get("status", String.class)),
                row.get("received_at", Instant.class),
                row.get("due_at", Instant.class),
                row.get("due_rule", String.class),
                row.get("completed_at", Instant.class));
    }
}
