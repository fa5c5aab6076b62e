package dev.rightsplatform.worker.execution;

import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * The task_execution table. Every state change is one statement guarded by the state it expects, so several
 * deliveries of one task (redelivery, duplicates, several replicas, a callback racing a delivery) settle on one
 * outcome without locks held across calls to downstream systems.
 */
@Repository
public class TaskExecutions {

    // A row is claimable when it is new, when its holder's lease ran out (that worker died), when this delivery is
    // the retry copy that the last failure scheduled (its attempt number is beyond the count), or when it is the
    // status check copy that the last check scheduled (check > 0, beyond the checks made). Checks are not attempts.
    private static final String CLAIM = """
            INSERT INTO task_execution AS t (task_id, request_id, system_id, action, status, attempts, checks, due_at,
                                             lease_until, created_at, updated_at)
            VALUES (:taskId, :requestId, :systemId, :action, 'RUNNING', 1, :check, :dueAt, :leaseUntil, :createdAt,
                    :updatedAt)
            ON CONFLICT (task_id) DO UPDATE
               SET status = 'RUNNING',
                   attempts = CASE WHEN EXCLUDED.checks > 0 THEN t.attempts ELSE t.attempts + 1 END,
                   checks = GREATEST(t.checks, EXCLUDED.checks), lease_until = EXCLUDED.lease_until,
                   next_attempt_at = NULL, updated_at = EXCLUDED.updated_at
             WHERE (t.status = 'RUNNING' AND t.lease_until < EXCLUDED.updated_at)
                OR (EXCLUDED.checks = 0 AND t.status = 'RETRY_SCHEDULED' AND t.attempts < :attempt)
                OR (EXCLUDED.checks > 0 AND t.status = 'WAITING' AND t.checks < EXCLUDED.checks)
            RETURNING t.attempts, t.checks, t.system_reference
            """;

    private static final String FINISH = """
            UPDATE task_execution
               SET status = :status, detail = :detail, system_reference = COALESCE(:reference, system_reference),
                   proof_deleted = :deleted, proof_anonymised = :anonymised, proof_retained = :retained,
                   retention = :retention, collected_records = :collectedRecords,
                   collected_bytes = :collectedBytes, collected_sha256 = :collectedSha256,
                   collected_categories = :collectedCategories, lease_until = NULL, next_attempt_at = NULL,
                   publish_pending = :trackPublish, updated_at = :updatedAt, completed_at = :completedAt
             WHERE task_id = :taskId AND status NOT IN ('DONE', 'FAILED', 'BLOCKED')
            RETURNING *
            """;

    private static final String SCHEDULE_RETRY = """
            UPDATE task_execution
               SET status = 'RETRY_SCHEDULED', detail = :detail, lease_until = NULL, next_attempt_at = :nextAttemptAt,
                   updated_at = :updatedAt
             WHERE task_id = :taskId AND status = 'RUNNING'
            """;

    private final DatabaseClient db;

    private final ExecutionRows rows;

    TaskExecutions(DatabaseClient db, ExecutionRows rows) {
        this.db = db;
        this.rows = rows;
    }

    /**
     * Tries to take the task for the delivery that carries the given attempt number, or status check number (0
     * for a delivery that carries the task out); when it cannot, says why.
     */
    public Mono<Claim> claim(NewExecution task, int attempt, int check, Instant now, Instant leaseUntil) {
        DatabaseClient.GenericExecuteSpec insert = this.db
                .sql(CLAIM)
                .bind("taskId", task.taskId())
                .bind("requestId", task.requestId())
                .bind("systemId", task.systemId())
                .bind("action", task.action())
                .bind("check", check)
                .bind("leaseUntil", leaseUntil)
                .bind("createdAt", now)
                .bind("updatedAt", now)
                .bind("attempt", attempt);
        insert = ExecutionRows.bindNullable(insert, "dueAt", task.dueAt(), Instant.class);
        return insert.map(row -> (Claim) new Claim.Claimed(
                        ExecutionRows.required(row.get("attempts", Integer.class)),
                        ExecutionRows.required(row.get("checks", Integer.class)),
                        row.get("system_reference", String.class)))
                .one()
                .switchIfEmpty(
                        Mono.defer(() -> find(task.taskId()).map(existing -> whyNotClaimed(existing, attempt, check))));
    }

    private static Claim whyNotClaimed(TaskExecution existing, int attempt, int check) {
        if (existing.status().isFinal()) {
            return new Claim.Finished(existing);
        }
        if (check > 0) {
            return existing.status() == ExecutionStatus.RUNNING
                    ? new Claim.Busy(existing)
                    : new Claim.Superseded(existing);
        }
        if (existing.status() == ExecutionStatus.WAITING) {
            return new Claim.Waiting(existing);
        }
        if (existing.status() == ExecutionStatus.RETRY_SCHEDULED && attempt <= existing.attempts()) {
            return new Claim.Superseded(existing);
        }
        return new Claim.Busy(existing);
    }

    /**
     * Records the final outcome, unless one was recorded first; either way completes with the outcome that
     * stands, which is the one to publish. trackPublish marks the result as still to be published, for outcomes
     * recorded outside a delivery that an ack could hold back (callbacks, the due-time scan, status checks).
     */
    public Mono<Finish> finish(UUID taskId, FinalOutcome outcome, boolean trackPublish, Instant now) {
        DatabaseClient.GenericExecuteSpec update = this.db
                .sql(FINISH)
                .bind("taskId", taskId)
                .bind("trackPublish", trackPublish)
                .bind("updatedAt", now)
                .bind("completedAt", now);
        return this.rows
                .bindOutcome(update, outcome)
                .map(this.rows::toExecution)
                .one()
                .map(stored -> new Finish(stored, true))
                .switchIfEmpty(Mono.defer(() -> find(taskId).map(stored -> new Finish(stored, false))));
    }

    /** Records that a retry copy waits in a delay queue; the reason is the last failure. */
    public Mono<Void> markRetryScheduled(UUID taskId, String reason, Instant nextAttemptAt, Instant now) {
        return this.db
                .sql(SCHEDULE_RETRY)
                .bind("taskId", taskId)
                .bind("detail", ExecutionRows.required(ExecutionRows.truncate(reason, ExecutionRows.MAX_DETAIL)))
                .bind("nextAttemptAt", nextAttemptAt)
                .bind("updatedAt", now)
                .then();
    }

    public Mono<TaskExecution> find(UUID taskId) {
        return this.db
                .sql("SELECT * FROM task_execution WHERE task_id = :taskId")
                .bind("taskId", taskId)
                .map(this.rows::toExecution)
                .one();
    }
}
