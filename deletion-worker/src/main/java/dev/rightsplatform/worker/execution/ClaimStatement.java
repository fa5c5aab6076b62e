package dev.rightsplatform.worker.execution;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The claims of several deliveries as one statement and one commit (a {@link GroupCommit} batch), each row by the
 * rules of {@link TaskExecutions#claim}. The rows travel as one JSON parameter, so the statement's text is the same
 * for any batch size and the driver prepares it once.
 */
final class ClaimStatement implements GroupCommit.Statement<ClaimStatement.Input, @Nullable Claim> {

    /** One delivery's claim: the task, the attempt and status check numbers it carries, and its times. */
    record Input(NewExecution task, int attempt, int check, Instant now, Instant leaseUntil) {}

    // A row is claimable when it is new, when its holder's lease ran out (that worker died), when this delivery is
    // the retry copy that the last failure scheduled (its attempt number is beyond the count), or when it is the
    // status check copy that the last check scheduled (check > 0, beyond the checks made). Checks are not attempts.
    // Rows go in task id order, so two workers' batches lock shared rows in the same order (no deadlock).
    private static final String CLAIM = """
            WITH input AS (
                SELECT * FROM jsonb_to_recordset(CAST(:rows AS jsonb))
                    AS i(task_id uuid, request_id uuid, system_id text, action text, attempt int, checks int,
                         due_at timestamptz, lease_until timestamptz, claimed_at timestamptz))
            INSERT INTO task_execution AS t (task_id, request_id, system_id, action, status, attempts, checks, due_at,
                                             lease_until, created_at, updated_at)
            SELECT task_id, request_id, system_id, action, 'RUNNING', 1, checks, due_at, lease_until, claimed_at, claimed_at
              FROM input ORDER BY task_id
            ON CONFLICT (task_id) DO UPDATE
               SET status = 'RUNNING',
                   attempts = CASE WHEN EXCLUDED.checks > 0 THEN t.attempts ELSE t.attempts + 1 END,
                   checks = GREATEST(t.checks, EXCLUDED.checks), lease_until = EXCLUDED.lease_until,
                   next_attempt_at = NULL, updated_at = EXCLUDED.updated_at
             WHERE (t.status = 'RUNNING' AND t.lease_until < EXCLUDED.updated_at)
                OR (EXCLUDED.checks = 0 AND t.status = 'RETRY_SCHEDULED'
                    AND t.attempts < (SELECT attempt FROM input WHERE input.task_id = EXCLUDED.task_id))
                OR (EXCLUDED.checks > 0 AND t.status = 'WAITING' AND t.checks < EXCLUDED.checks)
            RETURNING t.task_id, t.attempts, t.checks, t.system_reference
            """;

    private final DatabaseClient db;

    private final ExecutionRows rows;

    private final JsonMapper json;

    ClaimStatement(DatabaseClient db, ExecutionRows rows, JsonMapper json) {
        this.db = db;
        this.rows = rows;
        this.json = json;
    }

    @Override
    public Mono<List<@Nullable Claim>> run(List<Input> inputs) {
        return this.db
                .sql(CLAIM)
                .bind("rows", this.json.writeValueAsString(toJson(inputs)))
                .map(row -> Map.entry(
                        ExecutionRows.required(row.get("task_id", UUID.class)),
                        new Claim.Claimed(
                                ExecutionRows.required(row.get("attempts", Integer.class)),
                                ExecutionRows.required(row.get("checks", Integer.class)),
                                row.get("system_reference", String.class))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .flatMap(claimed -> explainTheRest(inputs, claimed));
    }

    // The rows not taken were there already: each existing row says why (finished, busy, waiting, superseded).
    private Mono<List<@Nullable Claim>> explainTheRest(List<Input> inputs, Map<UUID, Claim.Claimed> claimed) {
        List<UUID> taskIds = inputs.stream().map(input -> input.task().taskId()).toList();
        return this.rows.findAllBut(taskIds, claimed.keySet()).map(found -> {
            List<@Nullable Claim> claims = new ArrayList<>(inputs.size());
            for (Input input : inputs) {
                UUID taskId = input.task().taskId();
                Claim claim = claimed.get(taskId); // one row per task id: a batch holds each once
                if (claim == null) {
                    TaskExecution row = found.get(taskId);
                    claim = (row != null) ? whyNotClaimed(row, input.attempt(), input.check()) : null;
                }
                claims.add(claim);
            }
            return claims;
        });
    }

    static Claim whyNotClaimed(TaskExecution existing, int attempt, int check) {
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

    private ArrayNode toJson(List<Input> inputs) {
        ArrayNode array = this.json.createArrayNode();
        for (Input input : inputs) {
            NewExecution task = input.task();
            ObjectNode row = array.addObject();
            row.put("task_id", task.taskId().toString());
            row.put("request_id", task.requestId().toString());
            row.put("system_id", task.systemId());
            row.put("action", task.action());
            row.put("attempt", input.attempt());
            row.put("checks", input.check());
            row.put("due_at", task.dueAt() != null ? task.dueAt().toString() : null);
            row.put("lease_until", input.leaseUntil().toString());
            row.put("claimed_at", input.now().toString());
        }
        return array;
    }
}
