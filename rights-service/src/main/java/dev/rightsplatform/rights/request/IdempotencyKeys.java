package dev.rightsplatform.rights.request;

import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The first answer given to each (person, Idempotency-Key), in table {@code idempotency_key}. */
@Component
class IdempotencyKeys {

    /** What was answered the first time, and a hash of the body it answered. */
    record StoredAnswer(String bodyHash, int status, String body, UUID requestId) {}

    private final DatabaseClient db;

    IdempotencyKeys(DatabaseClient db) {
        this.db = db;
    }

    Mono<StoredAnswer> find(String subjectId, String key) {
        return db.sql(
                        "select body_hash, response_status, response_body, request_id from idempotency_key where subject_id = :s and key = :k")
                .bind("s", subjectId)
                .bind("k", key)
                .map(row -> new StoredAnswer(
                        row.get("body_hash", String.class),
                        row.get("response_status", Integer.class),
                        row.get("response_body", String.class),
                        row.get("request_id", UUID.class)))
                .one();
    }

    Mono<Void> remember(String subjectId, String key, StoredAnswer answer, Instant at) {
        return db.sql("""
                        insert into idempotency_key (subject_id, key, body_hash, response_status, response_body, request_id, created_at)
                        values (:s, :k, :hash, :status, :body, :requestId, :at)""")
                .bind("s", subjectId)
                .bind("k", key)
                .bind("hash", answer.bodyHash())
                .bind("status", answer.status())
                .bind("body", answer.body())
                .bind("requestId", answer.requestId())
                .bind("at", at)
                .then();
    }
}
