package dev.rightsplatform.rights.request;

import dev.rightsplatform.rights.audit.Pseudonyms;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * One-time codes that prove a person controls the e-mail address a request names. Only a keyed hash of a code is
 * stored; every code sent is counted per person for the rate limit.
 */
@Component
class VerificationCodes {

    /** A stored code's state. */
    record Stored(String codeHash, Instant expiresAt, int attempts) {}

    private final DatabaseClient db;
    private final Pseudonyms pseudonyms;
    private final SecureRandom random = new SecureRandom();

    VerificationCodes(DatabaseClient db, Pseudonyms pseudonyms) {
        this.db = db;
        this.pseudonyms = pseudonyms;
    }

    String newCode() {
        return String.format("%06d", random.nextInt(1_000_000));
    }

    String hash(UUID requestId, String code) {
        return pseudonyms.keyedHash(requestId + ":" + code);
    }

    /** Replaces any earlier code of the request, and counts the send against the person. */
    Mono<Void> store(UUID requestId, String subjectId, String code, Instant now, Duration validity) {
        return db.sql("""
                        insert into verification_code (request_id, code_hash, expires_at, attempts, created_at)
                        values (:r, :h, :e, 0, :now)
                        on conflict (request_id) do update set code_hash = :h, expires_at = :e, attempts = 0, created_at = :now""")
                .bind("r", requestId)
                .bind("h", hash(requestId, code))
                .bind("e", now.plus(validity))
                .bind("now", now)
                .then()
                .then(db.sql("insert into verification_send (subject_id, sent_at) values (:s, :now)")
                        .bind("s", subjectId)
                        .bind("now", now)
                        .then());
    }

    Mono<Long> sentSince(String subjectId, Instant since) {
        return db.sql("select count(*) as n from verification_send where subject_id = :s and sent_at > :since")
                .bind("s", subjectId)
                .bind("since", since)
                .map(row -> row.get("n", Long.class))
                .one();
    }

    /** The request's code, locked for the rest of the transaction so two guesses cannot race. */
    Mono<Stored> lock(UUID requestId) {
        return db.sql("select code_hash, expires_at, attempts from verification_code where request_id = :r for update")
                .bind("r", requestId)
                .map(row -> new Stored(
                        row.get("code_hash", String.class),
                        row.get("expires_at", Instant.class),
                        row.get("attempts", Integer.class)))
                .one();
    }

    Mono<Void> countAttempt(UUID requestId) {
        return db.sql("update verification_code set attempts = attempts + 1 where request_id = :r")
                .bind("r", requestId)
                .then();
    }

    Mono<Void> delete(UUID requestId) {
        return db.sql("delete from verification_code where request_id = :r")
                .bind("r", requestId)
                .then();
    }
}
