package dev.rightsplatform.rights.task;

import dev.rightsplatform.rights.messaging.Messaging;
import dev.rightsplatform.rights.outbox.Outbox;
import dev.rightsplatform.rights.system.SystemRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sends tasks out: each gets its due time (the system's SLA, never past the request's deadline) and goes either to the
 * worker (a TaskCommand in the outbox) or, for a manual system, to the agents' queue.
 */
@Component
public class TaskDispatcher {

    private final TaskStore tasks;
    private final Outbox outbox;
    private final SystemRegistry registry;
    private final Clock clock;

    TaskDispatcher(TaskStore tasks, Outbox outbox, SystemRegistry registry, Clock clock) {
        this.tasks = tasks;
        this.outbox = outbox;
        this.registry = registry;
        this.clock = clock;
    }

    /**
     * Sends out stored planned tasks (one UPDATE for all). Must run in the transaction that decided to dispatch, so the
     * commands exist only if that decision commits. {@code purpose}: the consent purpose of a withdrawal, else null.
     */
    public Mono<Void> dispatch(
            List<Task> toDispatch,
            String requestType,
            String subjectId,
            @Nullable String purpose,
            Instant requestDueAt) {
        var sent = sendOut(toDispatch, requestDueAt);
        return tasks.markSentOut(sent).then(commands(sent, requestType, subjectId, purpose));
    }

    /**
     * A new request's tasks, stored once: those of {@code sequence} already sent out, the rest planned (one INSERT),
     * instead of inserted as planned and then updated.
     */
    public Mono<Void> insertAndDispatch(
            List<Task> planned,
            int sequence,
            String requestType,
            String subjectId,
            @Nullable String purpose,
            Instant requestDueAt) {
        var sent = sendOut(
                planned.stream().filter(task -> task.phase() == sequence).toList(), requestDueAt);
        var sentById = sent.stream().collect(Collectors.toMap(Task::id, task -> task));
        var stored = planned.stream()
                .map(task -> sentById.getOrDefault(task.id(), task))
                .toList();
        return tasks.insertAll(stored).then(commands(sent, requestType, subjectId, purpose));
    }

    /** Each task as sent now: its due time is the system's SLA, never past the request's deadline. */
    private List<Task> sendOut(List<Task> planned, Instant requestDueAt) {
        var now = clock.instant();
        return planned.stream()
                .filter(task -> task.status() == TaskStatus.PLANNED)
                .map(task -> {
                    var system = registry.get(task.systemId());
                    var slaDue = system == null ? requestDueAt : now.plus(system.sla());
                    var dueAt = slaDue.isBefore(requestDueAt) ? slaDue : requestDueAt;
                    var manual = system != null && system.isManual();
                    return task.sentOut(manual ? TaskStatus.AWAITING_AGENT : TaskStatus.DISPATCHED, now, dueAt);
                })
                .toList();
    }

    /** A TaskCommand in the outbox for each task sent to the worker (a manual system's waits in the agents' queue). */
    private Mono<Void> commands(List<Task> sent, String requestType, String subjectId, @Nullable String purpose) {
        return Flux.fromIterable(sent)
                .filter(task -> task.status() == TaskStatus.DISPATCHED)
                .concatMap(task -> outbox.add(
                        task.id(),
                        Messaging.TASKS_EXCHANGE,
                        Messaging.taskRoutingKey(task.action().name(), task.systemId()),
                        "TaskCommand",
                        new TaskCommand(
                                task.id(),
                                task.requestId(),
                                requestType,
                                task.action(),
                                task.systemId(),
                                new TaskCommand.Subject(subjectId),
                                Objects.requireNonNull(task.dueAt()),
                                Objects.requireNonNull(task.dispatchedAt()),
                                purpose)))
                .then();
    }
}
