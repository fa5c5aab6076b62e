package dev.rightsplatform.worker.execution;

import java.time.Instant;
import java.util.List;
import java.util.Map;
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
    // Claims that arrive together are one statement: existing rows are taken by the UPDATE under those guards, new
    // ones inserted; a row another transaction inserts meanwhile is left alone (DO NOTHING), and its delivery then
    // finds it held and looks again later. A batch never holds one task twice (StatementBatcher).
    private static final String CLAIM = """
            WITH input AS (
                SELECT * FROM unnest(:taskIds::uuid[], :requestIds::uuid[], :systemIds::text[], :actions::text[],
                                     :attempts::int[], :checks::int[], :dueAts::timestamptz[],
                                     :leaseUntils::timestamptz[], :nows::timestamptz[])
                       AS i(task_id, request_id, system_id, action, attempt, check_no, due_at, lease_until, now)
            ), taken AS (
                UPDATE task_execution t
                   SET status = 'RUNNING',
                       attempts = CASE WHEN i.check_no > 0 THEN t.attempts ELSE t.attempts + 1 END,
                       checks = GREATEST(t.checks, i.check_no), lease_until = i.lease_until, next_attempt_at = NULL,
                       updated_at = i.now
                  FROM input i
                 WHERE t.task_id = i.task_id
                   AND ((t.status = 'RUNNING' AND t.lease_until < i.now)
                     OR (i.check_no = 0 AND t.status = 'RETRY_SCHEDULED' AND t.attempts < i.attempt)
                     OR (i.check_no > 0 AND t.status = 'WAITING' AND t.checks < i.check_no))
                RETURNING t.task_id, t.attempts, t.checks, t.system_reference
            ), created AS (
                INSERT INTO task_execution (task_id, request_id, system_id, action, status, attempts, checks, due_at,
                                            lease_until, created_at, updated_at)
                SELECT task_id, request_id, system_id, action, 'RUNNING', 1, check_no, due_at, lease_until, now, now
                  FROM input
                ON CONFLICT (task_id) DO NOTHING
                RETURNING task_id, attempts, checks, system_reference
            )
            SELECT * FROM taken UNION ALL SELECT * FROM created
            """;

    // Finishes that arrive together are one statement too; each row at most once (StatementBatcher).
    private static final String FINISH = """
            WITH input AS (
                SELECT * FROM unnest(:taskIds::uuid[], :statuses::text[], :details::text[], :references::text[],
                                     :deleted::int[], :anonymised::int[], :retained::int[], :retentions::text[],
                                     :collectedRecords::bigint[], :collectedBytes::bigint[], :collectedSha256s::text[],
                                     :collectedCategories::text[], :trackPublish::boolean[], :nows::timestamptz[])
                       AS i(task_id, status, detail, reference, deleted, anonymised, retained, retention,
                            collected_records, collected_bytes, collected_sha256, collected_categories,
                            track_publish, now)
            )
            UPDATE task_execution t
               SET status = i.status, detail = i.detail, system_reference = COALESCE(i.reference, t.system_reference),
                   proof_deleted = i.deleted, proof_anonymised = i.anonymised, proof_retained = i.retained,
                   retention = i.retention, collected_records = i.collected_records,
                   collected_bytes = i.collected_bytes, collected_sha256 = i.collected_sha256,
                   collected_categories = i.collected_categories, lease_until = NULL, next_attempt_at = NULL,
                   publish_pending = i.track_publish, updated_at = i.now, completed_at = i.now
              FROM input i
             WHERE t.task_id = i.task_id AND t.status NOT IN ('DONE', 'FAILED', 'BLOCKED')
            RETURNING t.*
            """;

    private static final String SCHEDULE_RETRY = """
            UPDATE task_execution
               SET status = 'RETRY_SCHEDULED', detail = :detail, lease_until = NULL, next_attempt_at = :nextAttemptAt,
                   updated_at = :updatedAt
             WHERE task_id = :taskId AND status = 'RUNNING'
            """;

    private final DatabaseClient db;

    private final ExecutionRows rows;

    /** Claims that arrive together: at most 64 in one statement, at most 4 statements at once. */
    private final StatementBatcher<ClaimRequest, Claim> claims =
            new StatementBatcher<>(request -> request.task().taskId(), this::claimAll, 64, 4);

    /** Finishes that arrive together, likewise. */
    private final StatementBatcher<FinishRequest, TaskExecution> finishes =
            new StatementBatcher<>(FinishRequest::taskId, this::finishAll, 64, 4);

    TaskExecutions(DatabaseClient db, ExecutionRows rows) {
        this.db = db;
        this.rows = rows;
    }

    /**
     * Tries to take the task for the delivery that carries the given attempt number, or status check number (0
     * for a delivery that carries the task out); when it cannot, says why.
     */
    public Mono<Claim> claim(NewExecution task, int attempt, int check, Instant now, Instant leaseUntil) {
        return this.claims
                .submit(new ClaimRequest(task, attempt, check, now, leaseUntil))
                .switchIfEmpty(
                        Mono.defer(() -> find(task.taskId()).map(existing -> whyNotClaimed(existing, attempt, check))));
    }

    private record ClaimRequest(NewExecution task, int attempt, int check, Instant now, Instant leaseUntil) {}

    private Mono<Map<UUID, Claim>> claimAll(List<ClaimRequest> batch) {
        return this.db
                .sql(CLAIM)
                .bind(
                        "taskIds",
                        ExecutionRows.texts(batch, request -> request.task().taskId()))
                .bind(
                        "requestIds",
                        ExecutionRows.texts(batch, request -> request.task().requestId()))
                .bind(
                        "systemIds",
                        ExecutionRows.texts(batch, request -> request.task().systemId()))
                .bind(
                        "actions",
                        ExecutionRows.texts(batch, request -> request.task().action()))
                .bind("attempts", batch.stream().map(ClaimRequest::attempt).toArray(Integer[]::new))
                .bind("checks", batch.stream().map(ClaimRequest::check).toArray(Integer[]::new))
                .bind(
                        "dueAts",
                        ExecutionRows.texts(batch, request -> request.task().dueAt()))
                .bind("leaseUntils", ExecutionRows.texts(batch, ClaimRequest::leaseUntil))
                .bind("nows", ExecutionRows.texts(batch, ClaimRequest::now))
                .map(row -> Map.entry(ExecutionRows.required(row.get("task_id", UUID.class)), (Claim) new Claim.Claimed(
                        ExecutionRows.required(row.get("attempts", Integer.class)),
                        ExecutionRows.required(row.get("checks", Integer.class)),
                        row.get("system_reference", String.class))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
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
        return this.finishes
                .submit(new FinishRequest(taskId, outcome, trackPublish, now))
                .map(stored -> new Finish(stored, true))
                .switchIfEmpty(Mono.defer(() -> find(taskId).map(stored -> new Finish(stored, false))));
    }

    private record FinishRequest(UUID taskId, FinalOutcome outcome, boolean trackPublish, Instant now) {}

    private Mono<Map<UUID, TaskExecution>> finishAll(List<FinishRequest> batch) {
        DatabaseClient.GenericExecuteSpec update = this.db
                .sql(FINISH)
                .bind("taskIds", ExecutionRows.texts(batch, FinishRequest::taskId))
                .bind("trackPublish", ExecutionRows.texts(batch, FinishRequest::trackPublish))
                .bind("nows", ExecutionRows.texts(batch, FinishRequest::now));
        return this.rows
                .bindOutcomes(update, batch.stream().map(FinishRequest::outcome).toList())
                .map(this.rows::toExecution)
                .all()
                .collectMap(TaskExecution::taskId);
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
