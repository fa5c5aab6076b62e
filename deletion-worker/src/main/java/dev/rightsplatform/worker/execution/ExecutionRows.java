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
import java.util.function.Function;
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

    /**
     * Binds the columns of several final outcomes, one array each (as text, cast in the statement): statuses,
     * details, references, deleted, anonymised, retained, retentions, collectedRecords, collectedBytes,
     * collectedSha256s, collectedCategories.
     */
    GenericExecuteSpec bindOutcomes(GenericExecuteSpec spec, List<FinalOutcome> outcomes) {
        return spec.bind("statuses", texts(outcomes, outcome -> outcome.status().name()))
                .bind("details", texts(outcomes, outcome -> truncate(outcome.detail(), MAX_DETAIL)))
                .bind("references", texts(outcomes, outcome -> truncate(outcome.systemReference(), MAX_REFERENCE)))
                .bind("deleted", texts(outcomes, outcome -> proofOf(outcome, Proof::deleted)))
                .bind("anonymised", texts(outcomes, outcome -> proofOf(outcome, Proof::anonymised)))
                .bind("retained", texts(outcomes, outcome -> proofOf(outcome, Proof::retained)))
                .bind(
                        "retentions",
                        texts(
                                outcomes,
                                outcome -> outcome.retention().isEmpty()
                                        ? null
                                        : this.json.writeValueAsString(outcome.retention())))
                .bind("collectedRecords", texts(outcomes, outcome -> collectedOf(outcome, Collected::records)))
                .bind("collectedBytes", texts(outcomes, outcome -> collectedOf(outcome, Collected::bytes)))
                .bind("collectedSha256s", texts(outcomes, outcome -> collectedOf(outcome, Collected::sha256)))
                .bind(
                        "collectedCategories",
                        texts(
                                outcomes,
                                outcome -> outcome.collected() != null
                                        ? this.json.writeValueAsString(
                                                outcome.collected().categories())
                                        : null));
    }

    private static @Nullable Object proofOf(FinalOutcome outcome, Function<Proof, @Nullable Object> count) {
        Proof proof = outcome.proof();
        return proof != null ? count.apply(proof) : null;
    }

    private static @Nullable Object collectedOf(FinalOutcome outcome, Function<Collected, @Nullable Object> field) {
        Collected collected = outcome.collected();
        return collected != null ? field.apply(collected) : null;
    }

    /** One column of a batch as a text array, cast to its type in the statement; nulls stay null. */
    static <T> String[] texts(List<T> batch, Function<T, @Nullable Object> column) {
        return batch.stream()
                .map(entry -> {
                    Object value = column.apply(entry);
                    return value != null ? value.toString() : null;
                })
                .toArray(String[]::new);
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
