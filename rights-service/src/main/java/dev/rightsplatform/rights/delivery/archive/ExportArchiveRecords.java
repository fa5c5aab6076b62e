package dev.rightsplatform.rights.delivery.archive;

import dev.rightsplatform.rights.lifecycle.ExportBuildQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Table {@code export_archive}: one row per export, PENDING until its archive is built, READY, then EXPIRED. */
@Component
public class ExportArchiveRecords implements ExportBuildQueue {

    private final DatabaseClient db;
    private final Clock clock;

    ExportArchiveRecords(DatabaseClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public Mono<Void> queue(UUID requestId) {
        return db.sql(
                        "insert into export_archive (request_id, status, queued_at) values (:id, 'PENDING', :at) on conflict do nothing")
                .bind("id", requestId)
                .bind("at", clock.instant())
                .then();
    }

    /** Takes the oldest pending export nobody holds, for {@code lease}; empty when there is none. */
    Mono<UUID> claimNext(Duration lease) {
        var now = clock.instant();
        return db.sql("""
                        update export_archive set lease_until = :until, attempts = attempts + 1
                        where request_id = (select request_id from export_archive
                                            where status = 'PENDING' and (lease_until is null or lease_until < :now)
                                            order by queued_at limit 1 for update skip locked)
                        returning request_id""")
                .bind("until", now.plus(lease))
                .bind("now", now)
                .map(row -> row.get("request_id", UUID.class))
                .one();
    }

    /** Lets another builder try again soon (this one failed). */
    Mono<Void> release(UUID requestId) {
        return db.sql("update export_archive set lease_until = null where request_id = :id and status = 'PENDING'")
                .bind("id", requestId)
                .then();
    }

    /** Emits true when the row was still pending (this builder's result counts). */
    Mono<Boolean> markReady(
            UUID requestId, String objectKey, long size, String sha256, int files, Instant readyAt, Instant expiresAt) {
        return db.sql("""
                        update export_archive set status = 'READY', object_key = :key, size_bytes = :size, sha256 = :sha256,
                            files = :files, ready_at = :readyAt, expires_at = :expiresAt, lease_until = null
                        where request_id = :id and status = 'PENDING'""")
                .bind("key", objectKey)
                .bind("size", size)
                .bind("sha256", sha256)
                .bind("files", files)
                .bind("readyAt", readyAt)
                .bind("expiresAt", expiresAt)
                .bind("id", requestId)
                .fetch()
                .rowsUpdated()
                .map(updated -> updated == 1);
    }

    public Mono<Archive> find(UUID requestId) {
        return db.sql("select * from export_archive where request_id = :id")
                .bind("id", requestId)
                .map(row -> new Archive(
                        row.get("request_id", UUID.class),
                        row.get("status", String.class),
                        row.get("object_key", String.class),
                        row.get("size_bytes", Long.class),
                        row.get("sha256", String.class),
                        row.get("expires_at", Instant.class)))
                .one();
    }

    /** READY archives past their expiry, to delete. */
    public Flux<Archive> expired(Instant now, int limit) {
        return db.sql(
                        "select * from export_archive where status = 'READY' and expires_at < :now order by expires_at limit :limit")
                .bind("now", now)
                .bind("limit", limit)
                .map(row -> new Archive(
                        row.get("request_id", UUID.class),
                        row.get("status", String.class),
                        row.get("object_key", String.class),
                        row.get("size_bytes", Long.class),
                        row.get("sha256", String.class),
                        row.get("expires_at", Instant.class)))
                .all();
    }

    public Mono<Void> markExpired(UUID requestId) {
        return db.sql("update export_archive set status = 'EXPIRED' where request_id = :id")
                .bind("id", requestId)
                .then();
    }

    /** An export's archive as recorded; objectKey, size, sha256 and expiresAt are null until it is READY. */
    public record Archive(
            UUID requestId,
            String status,
            @Nullable String objectKey,
            @Nullable Long size,
            @Nullable String sha256,
            @Nullable Instant expiresAt) {

        public boolean isReady() {
            return "READY".equals(status);
        }
    }
}
