package dev.rightsplatform.rights.task;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads and writes tasks in table {@code request_task}. */
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
                .bind("action", task.action())
                .bind("phase", task.phase())
                .bind("status", task.status().name())
                .then();
    }

    Mono<Void> markDispatched(UUID taskId, Instant at) {
        return db.sql("update request_task set status = 'DISPATCHED', dispatched_at = :at where id = :id and status = 'PLANNED'")
                .bind("at", at)
                .bind("id", taskId)
                .then();
    }

    /**
     * Records a system's result once. Returns false when the task already had its result (a redelivered message), so
     * the caller changes nothing else.
     */
    public Mono<Boolean> recordResult(UUID taskId, TaskStatus outcome, String detail, String systemReference,
                                      Integer attempts, Instant completedAt) {
        return db.sql("""
                        update request_task
                        set status = :status, detail = :detail, system_reference = :reference, attempts = :attempts,
                            completed_at = :completedAt
                        where id = :id and status = 'DISPATCHED'""")
                .bind("status", outcome.name())
                .bind("detail", Parameter.fromOrEmpty(detail, String.class))
                .bind("reference", Parameter.fromOrEmpty(systemReference, String.class))
                .bind("attempts", Parameter.fromOrEmpty(attempts, Integer.class))
                .bind("completedAt", completedAt)
                .bind("id", taskId)
                .fetch().rowsUpdated()
                .map(updated -> updated == 1);
    }

    public Flux<Task> tasksOf(UUID requestId) {
        return db.sql("select * from request_task where request_id = :requestId order by phase, system_id")
                .bind("requestId", requestId)
                .map(TaskStore::toTask)
                .all();
    }

    public Mono<Task> find(UUID taskId) {
        return db.sql("select * from request_task where id = :id").bind("id", taskId).map(TaskStore::toTask).one();
    }

    private static Task toTask(Readable row) {
        return new Task(
                row.get("id", UUID.class),
                row.get("request_id", UUID.class),
                row.get("system_id", String.class),
                row.get("action", String.class),
                row.get("phase", Integer.class),
                TaskStatus.valueOf(row.get("status", String.class)),
                row.get("detail", String.class),
                row.get("system_reference", String.class),
                row.get("attempts", Integer.class),
                row.get("dispatched_at", Instant.class),
                row.get("completed_at", Instant.class));
    }
}
