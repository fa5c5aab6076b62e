package dev.rightsplatform.worker.execution;

import dev.rightsplatform.worker.connector.Collected;
import dev.rightsplatform.worker.connector.Proof;
import dev.rightsplatform.worker.connector.Retention;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Reading and writing task_execution rows: the one place that knows its columns (but the statements' own). */
@Component
class ExecutionRows {

    static final int MAX_DETAIL = 500;

    static final int MAX_REFERENCE = 200;

    private final DatabaseClient db;

    private final JsonMapper json;

    ExecutionRows(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    TaskExecution toExecution(Readable row) {
        Proof proof = Proof.ofNullable(
                row.get("proof_deleted", Integer.class),
                row.get("proof_anonymised", Integer.class),
                row.get("proof_retained", Integer.class));
        return new TaskExecution(
                required(row.get("task_id", UUID.class)),
                required(row.get("request_id", UUID.class)),
                required(row.get("system_id", String.class)),
                required(row.get("action", String.class)),
                ExecutionStatus.valueOf(required(row.get("status", String.class))),
                required(row.get("attempts", Integer.class)),
                required(row.get("checks", Integer.class)),
                row.get("detail", String.class),
                row.get("system_reference", String.class),
                proof,
                retention(row.get("retention", String.class)),
                collected(row),
                row.get("due_at", Instant.class),
                row.get("lease_until", Instant.class),
                row.get("next_attempt_at", Instant.class),
                required(row.get("publish_pending", Boolean.class)),
                required(row.get("created_at", Instant.class)),
                required(row.get("updated_at", Instant.class)),
                row.get("completed_at", Instant.class));
    }

    /** The columns of a final outcome as one row of a batch (FinishStatement): detail, reference, proof, retention. */
    ObjectNode putOutcome(ObjectNode row, FinalOutcome outcome) {
        Proof proof = outcome.proof();
        Collected collected = outcome.collected();
        row.put("status", outcome.status().name());
        row.put("detail", truncate(outcome.detail(), MAX_DETAIL));
        row.put("reference", truncate(outcome.systemReference(), MAX_REFERENCE));
        row.put("deleted", proof != null ? proof.deleted() : null);
        row.put("anonymised", proof != null ? proof.anonymised() : null);
        row.put("retained", proof != null ? proof.retained() : null);
        row.put("retention", outcome.retention().isEmpty() ? null : this.json.writeValueAsString(outcome.retention()));
        row.put("collected_records", collected != null ? collected.records() : null);
        row.put("collected_bytes", collected != null ? collected.bytes() : null);
        row.put("collected_sha256", collected != null ? collected.sha256() : null);
        row.put(
                "collected_categories",
                collected != null ? this.json.writeValueAsString(collected.categories()) : null);
        return row;
    }

    /**
     * The rows of the tasks a batch statement did not answer for (taskIds but those in answered), by task id: what
     * stands for them. Tasks without a row are missing from the map.
     */
    Mono<Map<UUID, TaskExecution>> findAllBut(List<UUID> taskIds, Set<UUID> answered) {
        UUID[] rest = taskIds.stream().filter(id -> !answered.contains(id)).toArray(UUID[]::new);
        if (rest.length == 0) {
            return Mono.just(Map.of());
        }
        return this.db
                .sql("SELECT * FROM task_execution WHERE task_id = ANY(:taskIds)")
                .bind("taskIds", rest)
                .map(this::toExecution)
                .all()
                .collectMap(TaskExecution::taskId);
    }

    private @Nullable Collected collected(Readable row) {
        Long records = row.get("collected_records", Long.class);
        Long bytes = row.get("collected_bytes", Long.class);
        String sha256 = row.get("collected_sha256", String.class);
        String categories = row.get("collected_categories", String.class);
        if (records == null || bytes == null || sha256 == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        if (categories != null) {
            this.json.readTree(categories).forEach(name -> names.add(name.asString()));
        }
        return new Collected(records, bytes, sha256, names);
    }

    private List<Retention> retention(@Nullable String stored) {
        List<Retention> retention = new ArrayList<>();
        if (stored != null) {
            for (JsonNode entry : this.json.readTree(stored)) {
                retention.add(new Retention(
                        entry.path("category").asString(),
                        entry.path("basis").asString(),
                        LocalDate.parse(entry.path("until").asString())));
            }
        }
        return retention;
    }

    static <T> GenericExecuteSpec bindNullable(GenericExecuteSpec spec, String name, @Nullable T value, Class<T> type) {
        return (value != null) ? spec.bind(name, value) : spec.bindNull(name, type);
    }

    static @Nullable String truncate(@Nullable String value, int max) {
        return (value == null || value.length() <= max) ? value : value.substring(0, max - 1) + "…";
    }

    static <T> T required(@Nullable T value) {
        if (value == null) {
            throw new IllegalStateException("task_execution returned NULL for a NOT NULL column");
        }
        return value;
    }
}
