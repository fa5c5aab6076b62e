package dev.rightsplatform.worker.execution;

import java.time.Instant;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * The task_execution table. Every state change is one statement guarded by the state it expects, so several
 * deliveries of one task (redelivery, duplicates, several replicas) settle on one outcome without locks held
 * across calls to downstream systems.
 */
@Repository
public class TaskExecutions {

    static final int MAX_DETAIL = 500;

    static final int MAX_REFERENCE = 200;

    // A row is claimable when it is new, when its holder's lease ran out (that worker died), or when this
    // delivery is the retry copy that the last failure scheduled (its attempt number is beyond the count).
    private static final String CLAIM = """
            INSERT INTO task_execution AS t (task_id, request_id, system_id, action, status, attempts, due_at,
                                             lease_until, created_at, updated_at)
            VALUES (:taskId, :requestId, :systemId, :action, 'RUNNING', 1, :dueAt, :leaseUntil, :createdAt, :updatedAt)
            ON CONFLICT (task_id) DO UPDATE
               SET status = 'RUNNING', attempts = t.attempts + 1, lease_until = EXCLUDED.lease_until,
                   next_attempt_at = NULL, updated_at = EXCLUDED.updated_at
             WHERE (t.status = 'RUNNING' AND t.lease_until < EXCLUDED.updated_at)
                OR (t.status = 'RETRY_SCHEDULED' AND t.attempts < :attempt)
            RETURNING t.attempts
            """;

    private static final String FINISH = """
            UPDATE task_execution
               SET status = :status, detail = :detail, system_reference = :reference, lease_until = NULL,
                   next_attempt_at = NULL, updated_at = :updatedAt, completed_at = :completedAt
             WHERE task_id = :taskId AND status NOT IN ('DONE', 'FAILED')
            RETURNING *
            """;

    private static final String SCHEDULE_RETRY = """
            UPDATE task_execution
               SET status = 'RETRY_SCHEDULED', detail = :detail, lease_until = NULL, next_attempt_at = :nextAttemptAt,
                   updated_at = :updatedAt
             WHERE task_id = :taskId AND status = 'RUNNING'
            """;

    private final DatabaseClient db;

    public TaskExecutions(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Tries to take the task for the delivery that carries the given attempt number; when it cannot, says why.
     */
    public Mono<Claim> claim(NewExecution task, int attempt, Instant now, Instant leaseUntil) {
        DatabaseClient.GenericExecuteSpec insert = this.db.sql(CLAIM)
            .bind("taskId", task.taskId())
            .bind("requestId", task.requestId())
            .bind("systemId", task.systemId())
            .bind("action", task.action())
            .bind("leaseUntil", leaseUntil)
            .bind("createdAt", now)
            .bind("updatedAt", now)
            .bind("attempt", attempt);
        insert = (task.dueAt() != null) ? insert.bind("dueAt", task.dueAt()) : insert.bindNull("dueAt", Instant.class);
        return insert.map(row -> (Claim) new Claim.Claimed(required(row.get("attempts", Integer.class))))
            .one()
            .switchIfEmpty(Mono.defer(() -> find(task.taskId()).map(existing -> whyNotClaimed(existing, attempt))));
    }

    private static Claim whyNotClaimed(TaskExecution existing, int attempt) {
        if (existing.status().isFinal()) {
            return new Claim.Finished(existing);
        }
        if (existing.status() == ExecutionStatus.RETRY_SCHEDULED && attempt <= existing.attempts()) {
            return new Claim.Superseded(existing);
        }
        return new Claim.Busy(existing);
    }

    /**
     * Records the final outcome, unless another delivery recorded one first; either way completes with the
     * outcome that stands, which is the one to publish.
     */
    public Mono<TaskExecution> finish(UUID taskId, ExecutionStatus status, @Nullable String detail,
            @Nullable String systemReference, Instant now) {
        if (!status.isFinal()) {
            throw new IllegalArgumentException(status + " is not a final status");
        }
        DatabaseClient.GenericExecuteSpec update = this.db.sql(FINISH)
            .bind("taskId", taskId)
            .bind("status", status.name())
            .bind("updatedAt", now)
            .bind("completedAt", now);
        update = bindNullable(update, "detail", truncate(detail, MAX_DETAIL));
        update = bindNullable(update, "reference", truncate(systemReference, MAX_REFERENCE));
        return update.map(TaskExecutions::toExecution).one().switchIfEmpty(Mono.defer(() -> find(taskId)));
    }

    /** Records that a retry copy waits in a delay queue; the reason is the last failure. */
    public Mono<Void> markRetryScheduled(UUID taskId, String reason, Instant nextAttemptAt, Instant now) {
        return this.db.sql(SCHEDULE_RETRY)
            .bind("taskId", taskId)
            .bind("detail", required(truncate(reason, MAX_DETAIL)))
            .bind("nextAttemptAt", nextAttemptAt)
            .bind("updatedAt", now)
            .then();
    }

    public Mono<TaskExecution> find(UUID taskId) {
        return this.db.sql("SELECT * FROM task_execution WHERE task_id = :taskId")
            .bind("taskId", taskId)
            .map(TaskExecutions::toExecution)
            .one();
    }

    private static TaskExecution toExecution(Readable row) {
        return new TaskExecution(required(row.get("task_id", UUID.class)), required(row.get("request_id", UUID.class)),
                required(row.get("system_id", String.class)), required(row.get("action", String.class)),
                ExecutionStatus.valueOf(required(row.get("status", String.class))),
                required(row.get("attempts", Integer.class)), row.get("detail", String.class),
                row.get("system_reference", String.class), row.get("due_at", Instant.class),
                row.get("lease_until", Instant.class), row.get("next_attempt_at", Instant.class),
                required(row.get("created_at", Instant.class)), required(row.get("updated_at", Instant.class)),
                row.get("completed_at", Instant.class));
    }

    private static DatabaseClient.GenericExecuteSpec bindNullable(DatabaseClient.GenericExecuteSpec spec, String name,
            @Nullable String value) {
        return (value != null) ? spec.bind(name, value) : spec.bindNull(name, String.class);
    }

    static @Nullable String truncate(@Nullable String value, int max) {
        return (value == null || value.length() <= max) ? value : value.substring(0, max - 1) + "…";
    }

    private static <T> T required(@Nullable T value) {
        if (value == null) {
            throw new IllegalStateException("task_execution returned NULL for a NOT NULL column");
        }
        return value;
    }
}
