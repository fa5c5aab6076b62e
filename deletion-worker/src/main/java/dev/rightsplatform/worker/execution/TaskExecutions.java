package dev.rightsplatform.worker.execution;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import io.r2dbc.spi.R2dbcRollbackException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The task_execution table. Every state change is one statement guarded by the state it expects, so several
 * deliveries of one task (redelivery, duplicates, several replicas, a callback racing a delivery) settle on one
 * outcome without locks held across calls to downstream systems. Claims and final outcomes, written for every task,
 * are batched: several tasks' rows in one statement (ClaimStatement, FinishStatement), each row guarded as if alone.
 */
@Repository
public class TaskExecutions {

    private static final String SCHEDULE_RETRY = """
            UPDATE task_execution
               SET status = 'RETRY_SCHEDULED', detail = :detail, lease_until = NULL, next_attempt_at = :nextAttemptAt,
                   updated_at = :updatedAt
             WHERE task_id = :taskId AND status = 'RUNNING'
            """;

    // Claims and final outcomes, the two ledger writes of every task, go to the database in batches under load (one
    // commit for many tasks); a larger batch than the tasks in flight at once (the systems' concurrency) never forms.
    private static final int MAX_BATCH = 64;

    // A ledger statement takes milliseconds; one that has not answered in this long is on a connection that stopped
    // answering, and every task behind it would wait with it.
    private static final Duration MAX_STATEMENT_TIME = Duration.ofSeconds(30);

    public static final String BATCH_ROWS = "worker.ledger.batch.rows";

    private final DatabaseClient db;

    private final ExecutionRows rows;

    private final GroupCommit<ClaimStatement.Input, @Nullable Claim> claims;

    private final GroupCommit<FinishStatement.Input, @Nullable Finish> finishes;

    TaskExecutions(DatabaseClient db, ExecutionRows rows, JsonMapper json, MeterRegistry meters) {
        this.db = db;
        this.rows = rows;
        this.claims = new GroupCommit<>(
                new ClaimStatement(db, rows, json), input -> input.task().taskId(), settings(meters, "claim"));
        this.finishes = new GroupCommit<>(
                new FinishStatement(db, rows, json), FinishStatement.Input::taskId, settings(meters, "finish"));
    }

    // worker.ledger.batch.rows: how many tasks each claim or finish statement carried (1 when the worker is idle).
    private static GroupCommit.Settings settings(MeterRegistry meters, String statement) {
        DistributionSummary batchRows = DistributionSummary.builder(BATCH_ROWS)
                .description("tasks per ledger statement (group commit)")
                .tag("statement", statement)
                .register(meters);
        return new GroupCommit.Settings(
                MAX_BATCH, MAX_STATEMENT_TIME, TaskExecutions::rolledBackAsAWhole, batchRows::record);
    }

    // PostgreSQL refused the statement for a row's values (a CHECK, a NOT NULL) or ended it in a deadlock: nothing of
    // it was committed, so each of its tasks may be tried again alone. Spring translates the driver's exceptions.
    private static boolean rolledBackAsAWhole(Throwable error) {
        return error instanceof DataIntegrityViolationException
                || error instanceof PessimisticLockingFailureException
                || error instanceof R2dbcDataIntegrityViolationException
                || error instanceof R2dbcRollbackException;
    }

    /**
     * Tries to take the task for the delivery that carries the given attempt number, or status check number (0
     * for a delivery that carries the task out); when it cannot, says why.
     */
    public Mono<Claim> claim(NewExecution task, int attempt, int check, Instant now, Instant leaseUntil) {
        return this.claims.submit(new ClaimStatement.Input(task, attempt, check, now, leaseUntil));
    }

    /**
     * Records the final outcome, unless one was recorded first; either way completes with the outcome that
     * stands, which is the one to publish. trackPublish marks the result as still to be published, for outcomes
     * recorded outside a delivery that an ack could hold back (callbacks, the due-time scan, status checks).
     */
    public Mono<Finish> finish(UUID taskId, FinalOutcome outcome, boolean trackPublish, Instant now) {
        return this.finishes.submit(new FinishStatement.Input(taskId, outcome, trackPublish, now));
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
