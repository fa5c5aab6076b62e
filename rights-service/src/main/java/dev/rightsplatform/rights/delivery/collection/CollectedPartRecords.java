package dev.rightsplatform.rights.delivery.collection;

import dev.rightsplatform.rights.lifecycle.StoredParts;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Table {@code collected_part}: which COLLECT task delivered a part, with its size, record counts per category and
 * checksum — the proof of what was handed over, holding none of the data.
 */
@Component
public class CollectedPartRecords implements StoredParts {

    private final DatabaseClient db;
    private final JsonMapper json;

    CollectedPartRecords(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** Records a stored part; a repeated upload of the same task replaces the record. */
    Mono<Void> upsert(
            UUID taskId,
            UUID requestId,
            String systemId,
            long records,
            long bytes,
            String sha256,
            Map<String, Long> categories,
            Instant at) {
        return db.sql("""
                        insert into collected_part (task_id, request_id, system_id, records, bytes, sha256, categories, stored_at)
                        values (:taskId, :requestId, :systemId, :records, :bytes, :sha256, :categories, :at)
                        on conflict (task_id) do update set records = excluded.records, bytes = excluded.bytes,
                            sha256 = excluded.sha256, categories = excluded.categories, stored_at = excluded.stored_at,
                            deleted_at = null""")
                .bind("taskId", taskId)
                .bind("requestId", requestId)
                .bind("systemId", systemId)
                .bind("records", records)
                .bind("bytes", bytes)
                .bind("sha256", sha256)
                .bind("categories", json.writeValueAsString(categories))
                .bind("at", at)
                .then();
    }

    /** Whether the task's part is stored with this checksum (what the worker reports it uploaded). */
    @Override
    public Mono<Boolean> isStored(UUID taskId, @Nullable String sha256) {
        if (sha256 == null) {
            return Mono.just(false);
        }
        return db.sql(
                        "select 1 from collected_part where task_id = :taskId and sha256 = :sha256 and deleted_at is null")
                .bind("taskId", taskId)
                .bind("sha256", sha256)
                .map(row -> true)
                .one()
                .defaultIfEmpty(false);
    }

    /** The parts of a request still in the store whose task is DONE, by system id. */
    public Flux<StoredPart> partsOf(UUID requestId) {
        return db.sql("""
                        select p.task_id, p.system_id, p.records, p.bytes, p.sha256
                        from collected_part p join request_task t on t.id = p.task_id
                        where p.request_id = :requestId and p.deleted_at is null and t.status = 'DONE'
                        order by p.system_id""")
                .bind("requestId", requestId)
                .map(row -> new StoredPart(
                        row.get("task_id", UUID.class),
                        row.get("system_id", String.class),
                        row.get("records", Long.class),
                        row.get("bytes", Long.class),
                        row.get("sha256", String.class)))
                .all();
    }

    /** Notes that a request's parts were removed from the store. */
    public Mono<Void> markDeleted(UUID requestId, Instant at) {
        return db.sql("update collected_part set deleted_at = :at where request_id = :requestId and deleted_at is null")
                .bind("at", at)
                .bind("requestId", requestId)
                .then();
    }

    /** One system's part, as the archive builder and the access view read it. */
    public record StoredPart(UUID taskId, String systemId, long records, long bytes, String sha256) {}
}
