package dev.rightsplatform.worker.execution;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The ledger's side for tasks a system accepted and reports on later: recording the wait, ending waits that
 * passed their due time, and the results settled outside a delivery that still have to be published. The scans
 * take rows with FOR UPDATE SKIP LOCKED, so several workers share them without doing anything twice.
 */
@Repository
public class WaitingExecutions {

    private static final String MARK_WAITING = """
            UPDATE task_execution
               SET status = 'WAITING', system_reference = COALESCE(:reference, system_reference), detail = :detail,
                   lease_until = NULL, next_attempt_at = :nextCheckAt, updated_at = :updatedAt
             WHERE task_id = :taskId AND status = 'RUNNING'
            """;

    private static final String EXPIRE = """
            UPDATE task_execution t
               SET status = 'FAILED', detail = :detail, lease_until = NULL, next_attempt_at = NULL,
                   publish_pending = true, updated_at = :updatedAt, completed_at = :completedAt
             WHERE t.task_id IN (SELECT task_id FROM task_execution
                                  WHERE status = 'WAITING'
                                    AND (due_at < :dueBefore OR (due_at IS NULL AND created_at < :createdBefore))
                                  ORDER BY due_at LIMIT :limit FOR UPDATE SKIP LOCKED)
               AND t.status = 'WAITING'
            RETURNING t.*
            """;

    // Bumping updated_at is the claim: another worker's scan skips the row until it is stale again.
    private static final String UNPUBLISHED = """
            UPDATE task_execution t SET updated_at = :now
             WHERE t.task_id IN (SELECT task_id FROM task_execution
                                  WHERE publish_pending AND updated_at < :staleBefore
                                  ORDER BY updated_at LIMIT :limit FOR UPDATE SKIP LOCKED)
            RETURNING t.*
            """;

    private final DatabaseClient db;

    private final ExecutionRows rows;

    WaitingExecutions(DatabaseClient db, ExecutionRows rows) {
        this.db = db;
        this.rows = rows;
    }

    /**
     * Records that the system accepted the task (RUNNING to WAITING); completes with false when the task was no
     * longer running (a callback settled it first).
     */
    public Mono<Boolean> markWaiting(
            UUID taskId, @Nullable String systemReference, String detail, @Nullable Instant nextCheckAt, Instant now) {
        DatabaseClient.GenericExecuteSpec update = this.db
                .sql(MARK_WAITING)
                .bind("taskId", taskId)
                .bind("detail", ExecutionRows.required(ExecutionRows.truncate(detail, ExecutionRows.MAX_DETAIL)))
                .bind("updatedAt", now);
        update = ExecutionRows.bindNullable(
                update,
                "reference",
                ExecutionRows.truncate(systemReference, ExecutionRows.MAX_REFERENCE),
                String.class);
        update = ExecutionRows.bindNullable(update, "nextCheckAt", nextCheckAt, Instant.class);
        return update.fetch().rowsUpdated().map(count -> count > 0);
    }

    /**
     * Fails waiting tasks past their due time (or created before createdBefore when they have none), at most
     * limit of them; each returned row is this caller's to publish.
     */
    public Flux<TaskExecution> expireOverdue(String detail, Instant now, Instant createdBefore, int limit) {
        return this.db
                .sql(EXPIRE)
                .bind("detail", detail)
                .bind("updatedAt", now)
                .bind("completedAt", now)
                .bind("dueBefore", now)
                .bind("createdBefore", createdBefore)
                .bind("limit", limit)
                .map(this.rows::toExecution)
                .all();
    }

    /** Final rows whose result was not confirmed published by staleBefore; each returned row is this caller's. */
    public Flux<TaskExecution> claimUnpublished(Instant staleBefore, Instant now, int limit) {
        return this.db
                .sql(UNPUBLISHED)
                .bind("staleBefore", staleBefore)
                .bind("now", now)
                .bind("limit", limit)
                .map(this.rows::toExecution)
                .all();
    }

    public Mono<Void> markPublished(UUID taskId) {
        return this.db
                .sql("UPDATE task_execution SET publish_pending = false WHERE task_id = :taskId")
                .bind("taskId", taskId)
                .then();
    }
}
