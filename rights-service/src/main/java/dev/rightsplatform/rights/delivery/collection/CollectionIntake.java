package dev.rightsplatform.rights.delivery.collection;

import dev.rightsplatform.observability.ContextThreadLocals;
import dev.rightsplatform.rights.task.Task;
import dev.rightsplatform.rights.task.TaskAction;
import dev.rightsplatform.rights.task.TaskStatus;
import dev.rightsplatform.rights.task.TaskStore;
import dev.rightsplatform.rights.web.ApiException;
import dev.rightsplatform.rights.web.ProblemType;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Accepts one COLLECT task's upload: only for a task that is out with the worker and has no answer yet (a late or
 * stray upload changes nothing), streamed into the encrypted store while its shape is checked, then recorded. The
 * worker reports the receipt's checksum in its TaskResult, and the task counts as done only if it matches.
 */
@Service
class CollectionIntake {

    private static final Logger log = LoggerFactory.getLogger(CollectionIntake.class);

    private final TaskStore tasks;
    private final CollectedParts parts;
    private final CollectedPartRecords records;
    private final Clock clock;

    CollectionIntake(TaskStore tasks, CollectedParts parts, CollectedPartRecords records, Clock clock) {
        this.tasks = tasks;
        this.parts = parts;
        this.records = records;
        this.clock = clock;
    }

    Mono<Receipt> accept(UUID taskId, Flux<DataBuffer> body) {
        return tasks.find(taskId)
                .filter(task -> task.action() == TaskAction.COLLECT)
                .switchIfEmpty(
                        Mono.error(new ApiException(ProblemType.UNKNOWN_TASK, "No collection task has this id.")))
                .flatMap(task -> {
                    if (task.status() != TaskStatus.DISPATCHED) {
                        return Mono.error(new ApiException(
                                ProblemType.TASK_SETTLED,
                                "This task is not waiting for data (" + task.status() + ")."));
                    }
                    return store(task, body);
                });
    }

    private Mono<Receipt> store(Task task, Flux<DataBuffer> body) {
        return parts.store(task.requestId(), task.systemId(), task.id(), body)
                .onErrorMap(
                        InvalidPartException.class,
                        e -> new ApiException(ProblemType.INVALID_COLLECTION, e.getMessage()))
                .onErrorMap(
                        PartTooLargeException.class,
                        e -> new ApiException(ProblemType.PAYLOAD_TOO_LARGE, e.getMessage()))
                .flatMap(summary -> records.upsert(
                                task.id(),
                                task.requestId(),
                                task.systemId(),
                                summary.records(),
                                summary.bytes(),
                                summary.sha256(),
                                summary.categories(),
                                clock.instant())
                        .thenReturn(new Receipt(
                                summary.records(),
                                summary.bytes(),
                                summary.sha256(),
                                List.copyOf(summary.categories().keySet()))))
                .handle(ContextThreadLocals.peek(receipt -> log.info(
                        "stored part of task {} for system {}: {} records, {} bytes",
                        task.id(),
                        task.systemId(),
                        receipt.records(),
                        receipt.bytes())));
    }

    /** The answer to the worker: what was stored, which it puts into its TaskResult as {@code collected}. */
    record Receipt(long records, long bytes, String sha256, List<String> categories) {}
}
