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

/**
 * The final outcomes of several tasks as one statement and one commit (a {@link GroupCommit} batch), each row by the
 * rules of {@link TaskExecutions#finish}: recorded unless a final one is there already, and either way answered with
 * the outcome that stands. A batch of tasks from different workers may wait on each other's rows; should two ever
 * deadlock, PostgreSQL ends one statement and its tasks are finished again one by one (GroupCommit).
 */
final class FinishStatement implements GroupCommit.Statement<FinishStatement.Input, @Nullable Finish> {

    /** One task's outcome; trackPublish marks its result as still to publish (TaskExecutions#finish). */
    record Input(UUID taskId, FinalOutcome outcome, boolean trackPublish, Instant now) {}

    // LIMIT :count tells the planner how many rows the batch has (it assumes 100 for a set-returning function), so it
    // looks each one up by its key instead of scanning a table it believes small.
    private static final String FINISH = """
            UPDATE task_execution t
               SET status = i.status, detail = i.detail, system_reference = COALESCE(i.reference, t.system_reference),
                   proof_deleted = i.deleted, proof_anonymised = i.anonymised, proof_retained = i.retained,
                   retention = i.retention, collected_records = i.collected_records,
                   collected_bytes = i.collected_bytes, collected_sha256 = i.collected_sha256,
                   collected_categories = i.collected_categories, lease_until = NULL, next_attempt_at = NULL,
                   publish_pending = i.track_publish, updated_at = i.finished_at, completed_at = i.finished_at
              FROM (SELECT * FROM jsonb_to_recordset(CAST(:rows AS jsonb))
                          AS r(task_id uuid, status text, detail text, reference text, deleted int, anonymised int,
                               retained int, retention text, collected_records bigint, collected_bytes bigint,
                               collected_sha256 text, collected_categories text, track_publish boolean,
                               finished_at timestamptz)
                     LIMIT :count) i
             WHERE t.task_id = i.task_id AND t.status NOT IN ('DONE', 'FAILED', 'BLOCKED')
            RETURNING t.*
            """;

    private final DatabaseClient db;

    private final ExecutionRows rows;

    private final JsonMapper json;

    FinishStatement(DatabaseClient db, ExecutionRows rows, JsonMapper json) {
        this.db = db;
        this.rows = rows;
        this.json = json;
    }

    @Override
    public Mono<List<@Nullable Finish>> run(List<Input> inputs) {
        ArrayNode array = this.json.createArrayNode();
        for (Input input : inputs) {
            this.rows
                    .putOutcome(array.addObject(), input.outcome())
                    .put("task_id", input.taskId().toString())
                    .put("track_publish", input.trackPublish())
                    .put("finished_at", input.now().toString());
        }
        return this.db
                .sql(FINISH)
                .bind("rows", this.json.writeValueAsString(array))
                .bind("count", inputs.size())
                .map(this.rows::toExecution)
                .all()
                .collectMap(TaskExecution::taskId)
                .flatMap(recorded -> withTheRest(inputs, recorded));
    }

    // The rows not updated had a final outcome already (or are gone): that outcome stands.
    private Mono<List<@Nullable Finish>> withTheRest(List<Input> inputs, Map<UUID, TaskExecution> recorded) {
        List<UUID> taskIds = inputs.stream().map(Input::taskId).toList();
        return this.rows.findAllBut(taskIds, recorded.keySet()).map(found -> {
            List<@Nullable Finish> finishes = new ArrayList<>(inputs.size());
            for (Input input : inputs) {
                TaskExecution now = recorded.get(input.taskId());
                TaskExecution before = found.get(input.taskId());
                finishes.add(now != null ? new Finish(now, true) : before != null ? new Finish(before, false) : null);
            }
            return finishes;
        });
    }
}
