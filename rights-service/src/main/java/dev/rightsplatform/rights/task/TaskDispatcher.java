package dev.rightsplatform.rights.task;

import dev.rightsplatform.rights.messaging.Messaging;
import dev.rightsplatform.rights.outbox.Outbox;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Sends tasks to the worker: marks them dispatched and puts one TaskCommand per task in the outbox. */
@Component
public class TaskDispatcher {

    private final TaskStore tasks;
    private final Outbox outbox;
    private final Clock clock;

    TaskDispatcher(TaskStore tasks, Outbox outbox, Clock clock) {
        this.tasks = tasks;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Must run in the transaction that decided to dispatch, so the commands exist only if that decision commits. */
    public Mono<Void> dispatch(List<Task> toDispatch, String requestType, String subjectId, Instant dueAt) {
        var now = clock.instant();
        return Flux.fromIterable(toDispatch)
                .concatMap(task -> tasks.markDispatched(task.id(), now)
                        .then(outbox.add(task.id(), Messaging.TASKS_EXCHANGE,
                                Messaging.taskRoutingKey(task.action(), task.systemId()), "TaskCommand",
                                new TaskCommand(task.id(), task.requestId(), requestType, task.action(), task.systemId(),
                                        new TaskCommand.Subject(subjectId), dueAt, now))))
                .then();
    }
}
