package dev.rightsplatform.rights.task;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads and writes tasks in table {@code request_task}, and legal holds in {@code task_retention}. */
@Component
public class TaskStore {

    private final DatabaseClient db;

    TaskStore(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> insert(Task task) {
        return insertAll(List.of(task));
    }

    /** New tasks, as they are (planned, or already sent out), in one statement. */
    public Mono<Void> insertAll(List<Task> tasks) {
        if (tasks.isEmpty()) {
            return Mono.empty();
        }
        var values = new StringJoiner(", ");
        for (int i = 0; i < tasks.size(); i++) {
            values.add(
                    "(:id%1$d, :requestId%1$d, :systemId%1$d, :action%1$d, :phase%1$d, :status%1$d, :dispatchedAt%1$d, :dueAt%1$d)"
                            .formatted(i));
        }
        var insert = db.sql(
                "insert into request_task (id, request_id, system_id, action, phase, status, dispatched_at, due_at) values "
                        + values);
        var params = new HashMap<String, Object>();
        for (int i = 0; i < tasks.size(); i++) {
            var task = tasks.get(i);
            params.put("id" + i, task.id());
            params.put("requestId" + i, task.requestId());
            params.put("systemId" + i, task.systemId());
            params.put("action" + i, task.action().name());
            params.put("phase" + i, task.phase());
            params.put("status" + i, task.status().name());
            params.put("dispatchedAt" + i, Parameter.fromOrEmpty(task.dispatchedAt(), Instant.class));
            params.put("dueAt" + i, Parameter.fromOrEmpty(task.dueAt(), Instant.class));
        }
        return insert.bindValues(params).then(); // one map: each bind() would copy all bound so far
    }

    /** Stored planned tasks sent out, in one statement; a task no longer planned is left as it is. */
    Mono<Void> markSentOut(List<Task> sent) {
        if (sent.isEmpty()) {
            return Mono.empty();
        }
        var values = new StringJoiner(", ");
        for (int i = 0; i < sent.size(); i++) {
            values.add(
                    "(cast(:id%1$d as uuid), :status%1$d, cast(:at%1$d as timestamptz), cast(:dueAt%1$d as timestamptz))"
                            .formatted(i));
        }
        var update = db.sql("""
                update request_task t set status = s.status, dispatched_at = s.at, due_at = s.due_at
                from (values %s) as s (id, status, at, due_at)
                where t.id = s.id and t.status = 'PLANNED'""".formatted(values));
        var params = new HashMap<String, Object>();
        for (int i = 0; i < sent.size(); i++) {
            var task = sent.get(i);
            params.put("id" + i, task.id());
            params.put("status" + i, task.status().name());
            params.put("at" + i, Objects.requireNonNull(task.dispatchedAt()));
            params.put("dueAt" + i, Objects.requireNonNull(task.dueAt()));
        }
        return update.bindValues(params).then();
    }

    /** Moves a task that never ran, or whose answer is superseded, out of the way. */
    public Mono<Void> retire(UUID taskId, TaskStatus status) {
        return db.sql("update request_task set status = :status where id = :id")
                .bind("status", status.name())
                .bind("id", taskId)
                .then();
    }

    /**
     * Records a system's answer once and reads the request's tasks as they are after it, in one round trip (a CTE:
     * the update, then every task with the answered one's new values). Empty when the task already had its answer (a
     * redelivered message), so the caller changes nothing else. Legal holds the answer reports follow in one insert.
     */
    public Mono<List<Task>> recordOutcome(UUID taskId, TaskOutcome outcome) {
        var proof = outcome.proof() == null ? new Task.Proof(null, null, null) : outcome.proof();
        return db.sql("""
                        with answered as (
                            update request_task
                            set status = :status, detail = :detail, system_reference = :reference,
                                attempts = :attempts, completed_at = :completedAt, deleted = :deleted,
                                anonymised = :anonymised, retained = :retained
                            where id = :id and status in ('DISPATCHED', 'AWAITING_AGENT')
                            returning *)
                        select * from (
                            select * from answered
                            union all
                            select t.* from request_task t
                            where t.request_id = (select request_id from answered) and t.id <> :id) tasks
                        order by phase, system_id, dispatched_at""")
                .bind("status", outcome.status().name())
                .bind("detail", Parameter.fromOrEmpty(outcome.detail(), String.class))
                .bind("reference", Parameter.fromOrEmpty(outcome.systemReference(), String.class))
                .bind("attempts", Parameter.fromOrEmpty(outcome.attempts(), Integer.class))
                .bind("completedAt", outcome.completedAt())
                .bind("deleted", Parameter.fromOrEmpty(proof.deleted(), Integer.class))
                .bind("anonymised", Parameter.fromOrEmpty(proof.anonymised(), Integer.class))
                .bind("retained", Parameter.fromOrEmpty(proof.retained(), Integer.class))
                .bind("id", taskId)
                .map(TaskStore::toTask)
                .all()
                .collectList()
                .filter(after -> !after.isEmpty())
                .flatMap(after -> recordRetention(taskId, outcome.retention()).thenReturn(after));
    }

    private Mono<Void> recordRetention(UUID taskId, List<TaskOutcome.Retention> holds) {
        if (holds.isEmpty()) {
            return Mono.empty();
        }
        var values = new StringJoiner(", ");
        for (int i = 0; i < holds.size(); i++) {
            values.add("(:category%1$d, :basis%1$d, cast(:until%1$d as date))".formatted(i));
        }
        var insert = db.sql("""
                insert into task_retention (task_id, request_id, system_id, category, basis, until)
                select t.id, t.request_id, t.system_id, h.category, h.basis, h.until
                from request_task t, (values %s) as h (category, basis, until)
                where t.id = :id
                on conflict do nothing""".formatted(values)).bind("id", taskId);
        var params = new HashMap<String, Object>();
        for (int i = 0; i < holds.size(); i++) {
            var hold = holds.get(i);
            params.put("category" + i, hold.category());
            params.put("basis" + i, hold.basis());
            params.put("until" + i, hold.until());
        }
        return insert.bindValues(params).then();
    }

    public Flux<RetentionView> retentionOf(UUID requestId) {
        return db.sql(
                        "select system_id, category, basis, until from task_retention where request_id = :r order by system_id, category")
                .bind("r", requestId)
                .map(row -> new RetentionView(
                        row.get("system_id", String.class),
                        row.get("category", String.class),
                        row.get("basis", String.class),
                        row.get("until", java.time.LocalDate.class)))
                .all();
    }

    /**
     * The legal holds of several requests in one query (a page of the agents' queue), by request id, each list in the
     * order of {@link #retentionOf}.
     */
    public Mono<Map<UUID, Collection<RetentionView>>> retentionOfAll(Collection<UUID> requestIds) {
        return db.sql("""
                        select request_id, system_id, category, basis, until from task_retention
                        where request_id = any(:ids) order by request_id, system_id, category""")
                .bind("ids", requestIds.toArray(UUID[]::new))
                .map(row -> Map.entry(
                        row.get("request_id", UUID.class),
                        new RetentionView(
                                row.get("system_id", String.class),
                                row.get("category", String.class),
                                row.get("basis", String.class),
                                row.get("until", java.time.LocalDate.class))))
                .all()
                .collectMultimap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** Data a system keeps under a legal hold, as shown to the person and their agent. */
    public record RetentionView(String systemId, String category, String basis, java.time.LocalDate until) {}

    /**
     * Marks a task past its own due time escalated, once: the UPDATE takes the row's lock and re-checks, so a second
     * scanner replica finds nothing. Emits the task if escalated now.
     */
    public Mono<Task> markEscalated(UUID taskId, Instant now) {
        return db.sql("""
                        update request_task set escalated_at = :now
                        where id = :id and escalated_at is null and status in ('DISPATCHED', 'AWAITING_AGENT')
                          and due_at <= :now
                        returning *""")
                .bind("now", now)
                .bind("id", taskId)
                .map(TaskStore::toTask)
                .one();
    }

    public Flux<Task> tasksOf(UUID requestId) {
        return db.sql(
                        "select * from request_task where request_id = :requestId order by phase, system_id, dispatched_at")
                .bind("requestId", requestId)
                .map(TaskStore::toTask)
                .all();
    }

    /**
     * The tasks of several requests in one query (a page of the agents' queue: one query instead of one per row), by
     * request id, each list in the order of {@link #tasksOf}.
     */
    public Mono<Map<UUID, Collection<Task>>> tasksOfAll(Collection<UUID> requestIds) {
        return db.sql("""
                        select * from request_task where request_id = any(:ids)
                        order by request_id, phase, system_id, dispatched_at""")
                .bind("ids", requestIds.toArray(UUID[]::new))
                .map(TaskStore::toTask)
                .all()
                .collectMultimap(Task::requestId);
    }

    public Mono<Task> find(UUID taskId) {
        return db.sql("select * from request_task where id = :id")
                .bind("id", taskId)
                .map(TaskStore::toTask)
                .one();
    }

    public static Task toTask(Readable row) {
        return new Task(
                row.get("id", UUID.class),
                row.get("request_id", UUID.class),
                row.get("system_id", String.class),
                TaskAction.valueOf(row.get("action", String.class)),
                row.get("phase", Integer.class),
                TaskStatus.valueOf(row.get("status", String.class)),
                row.get("detail", String.class),
                row.get("system_reference", String.class),
                row.get("attempts", Integer.class),
                row.get("dispatched_at", Instant.class),
                row.get("due_at", Instant.class),
                row.get("completed_at", Instant.class),
                new Task.Proof(
                        row.get("deleted", Integer.class),
                        row.get("anonymised", Integer.class),
                        row.get("retained", Integer.class)));
    }
}
