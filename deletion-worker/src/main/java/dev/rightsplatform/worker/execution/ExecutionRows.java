package dev.rightsplatform.worker.execution;

import dev.rightsplatform.worker.connector.Collected;
import dev.rightsplatform.worker.connector.Proof;
import dev.rightsplatform.worker.connector.Retention;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reading and writing task_execution rows: the one place that knows its columns. */
@Component
class ExecutionRows {

    static final int MAX_DETAIL = 500;

    static final int MAX_REFERENCE = 200;

    private final JsonMapper json;

    ExecutionRows(JsonMapper json) {
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

    /** Binds the columns of a final outcome: detail, reference, proof counts and retention. */
    GenericExecuteSpec bindOutcome(GenericExecuteSpec spec, FinalOutcome outcome) {
        Proof proof = outcome.proof();
        spec = spec.bind("status", outcome.status().name());
        spec = bindNullable(spec, "detail", truncate(outcome.detail(), MAX_DETAIL), String.class);
        spec = bindNullable(spec, "reference", truncate(outcome.systemReference(), MAX_REFERENCE), String.class);
        spec = bindNullable(spec, "deleted", proof != null ? proof.deleted() : null, Integer.class);
        spec = bindNullable(spec, "anonymised", proof != null ? proof.anonymised() : null, Integer.class);
        spec = bindNullable(spec, "retained", proof != null ? proof.retained() : null, Integer.class);
        String retention = outcome.retention().isEmpty() ? null : this.json.writeValueAsString(outcome.retention());
        spec = bindNullable(spec, "retention", retention, String.class);
        return bindCollected(spec, outcome.collected());
    }

    private GenericExecuteSpec bindCollected(GenericExecuteSpec spec, @Nullable Collected collected) {
        spec = bindNullable(spec, "collectedRecords", collected != null ? collected.records() : null, Long.class);
        spec = bindNullable(spec, "collectedBytes", collected != null ? collected.bytes() : null, Long.class);
        spec = bindNullable(spec, "collectedSha256", collected != null ? collected.sha256() : null, String.class);
        return bindNullable(
                spec,
                "collectedCategories",
                collected != null ? this.json.writeValueAsString(collected.categories()) : null,
                String.class);
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
