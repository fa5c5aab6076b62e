package dev.rightsplatform.rights.task;

import dev.rightsplatform.rights.messaging.Messaging;
import dev.rightsplatform.rights.outbox.Outbox;
import dev.rightsplatform.rights.system.SystemRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
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
     * Must run in the transaction that decided to dispatch, so the commands exist only if that decision commits.
     * {@code purpose}: the consent purpose of a withdrawal, else null.
     */
    public Mono<Void> dispatch(
            List<Task> toDispatch, String requestType, String subjectId, String purpose, Instant requestDueAt) {
        var now = clock.instant();
        return Flux.fromIterable(toDispatch)
                .concatMap(task -> {
                    var system = registry.get(task.systemId());
                    var slaDue = system == null ? requestDueAt : now.plus(system.sla());
                    var dueAt = slaDue.isBefore(requestDueAt) ? slaDue : requestDueAt;
                    if (system != null && system.isManual()) {
                        return tasks.markDispatched(task.id(), TaskStatus.AWAITING_AGENT, now, dueAt);
                    }
                    return tasks.markDispatched(task.id(), TaskStatus.DISPATCHED, now, dueAt)
                            .then(outbox.add(
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
                                            dueAt,
                                            now,
                                            purpose)));
                })
                .then();
    }
}
