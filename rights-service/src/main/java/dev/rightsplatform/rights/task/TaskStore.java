package dev.rightsplatform.rights.task;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
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
        return db.sql("""
                        insert into request_task (id, request_id, system_id, action, phase, status)
                        values (:id, :requestId, :systemId, :action, :phase, :status)""")
                .bind("id", task.id())
                .bind("requestId", task.requestId())
                .bind("systemId", task.systemId())
                .bind("action", task.action().name())
                .bind("phase", task.phase())
                .bind("status", task.status().name())
                .then();
    }

    Mono<Void> markDispatched(UUID taskId, TaskStatus status, Instant at, Instant dueAt) {
        return db.sql(
                        "update request_task set status = :status, dispatched_at = :at, due_at = :dueAt where id = :id and status = 'PLANNED'")
                .bind("status", status.name())
                .bind("at", at)
                .bind("dueAt", dueAt)
                .bind("id", taskId)
                .then();
    }

    /** Moves a task that never ran, or whose answer is superseded, out of the way. */
    public Mono<Void> retire(UUID taskId, TaskStatus status) {
        return db.sql("update request_task set status = :status where id = :id")
                .bind("status", status.name())
                .bind("id", taskId)
                .then();
    }

    /**
     * Records a system's answer once. Returns false when the task already had its answer (a redelivered message), so
     * the caller changes nothing else.
     */
    public Mono<Boolean> recordOutcome(UUID taskId, TaskOutcome outcome) {
        var proof = outcome.proof() == null ? new Task.Proof(null, null, null) : outcome.proof();
        return db.sql("""
                        update request_task
                        set status = :status, detail = :detail, system_reference = :reference, attempts = :attempts,
                            completed_at = :completedAt, deleted = :deleted, anonymised = :anonymised, retained = :retained
                        where id = :id and status in ('DISPATCHED', 'AWAITING_AGENT')""")
                .bind("status", outcome.status().name())
                .bind("detail", Parameter.fromOrEmpty(outcome.detail(), String.class))
                .bind("reference", Parameter.fromOrEmpty(outcome.systemReference(), String.class))
                .bind("attempts", Parameter.fromOrEmpty(outcome.attempts(), Integer.class))
                .bind("completedAt", outcome.completedAt())
                .bind("deleted", Parameter.fromOrEmpty(proof.deleted(), Integer.class))
                .bind("anonymised", Parameter.fromOrEmpty(proof.anonymised(), Integer.class))
                .bind("retained", Parameter.fromOrEmpty(proof.retained(), Integer.class))
                .bind("id", taskId)
                .fetch()
                .rowsUpdated()
                .flatMap(updated -> updated == 1
                        ? Flux.fromIterable(outcome.retention())
                                .concatMap(hold -> recordRetention(taskId, hold))
                                .then(Mono.just(true))
                        : Mono.just(false));
    }

    private Mono<Void> recordRetention(UUID taskId, TaskOutcome.Retention hold) {
        return db.sql("""
                        insert into task_retention (task_id, request_id, system_id, category, basis, until)
                        select id, request_id, system_id, :category, :basis, :until from request_task where id = :id
                        on conflict do nothing""")
                .bind("category", hold.category())
                .bind("basis", hold.basis())
                .bind("until", hold.until())
                .bind("id", taskId)
                .then();
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
