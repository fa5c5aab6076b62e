package dev.rightsplatform.rights.request;

import dev.rightsplatform.rights.audit.AuditTrail;
import dev.rightsplatform.rights.task.Task;
import dev.rightsplatform.rights.task.TaskDispatcher;
import dev.rightsplatform.rights.task.TaskStatus;
import dev.rightsplatform.rights.task.TaskStore;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Records a downstream system's result and moves the request on: the next phase's tasks go out when a phase is done,
 * the request completes when every system is done, and needs an agent's attention when a system failed. Idempotent:
 * a result already recorded changes nothing.
 */
@Service
class RequestProgress {

    private static final String SYSTEM = "system:rights-service";

    private final RequestStore requests;
    private final TaskStore tasks;
    private final TaskDispatcher dispatcher;
    private final AuditTrail audit;
    private final Transitions transitions;
    private final TransactionalOperator transactional;
    private final Clock clock;

    RequestProgress(RequestStore requests, TaskStore tasks, TaskDispatcher dispatcher, AuditTrail audit,
                    Transitions transitions, TransactionalOperator transactional, Clock clock) {
        this.requests = requests;
        this.tasks = tasks;
        this.dispatcher = dispatcher;
        this.audit = audit;
        this.transitions = transitions;
        this.transactional = transactional;
        this.clock = clock;
    }

    Mono<Void> record(TaskResultMessage result) {
        return tasks.find(result.taskId())
                .switchIfEmpty(Mono.error(new UnknownTaskException(result.taskId())))
                // lock the request first: results of one request are recorded one after the other
                .flatMap(task -> requests.lock(task.requestId())
                        .flatMap(request -> tasks.recordResult(task.id(), status(result), result.detail(),
                                        result.systemReference(), result.attempts(), result.completedAt())
                                .flatMap(firstTime -> firstTime ? afterResult(request, task, result) : Mono.empty())))
                .as(transactional::transactional);
    }

    private Mono<Void> afterResult(RightsRequest request, Task task, TaskResultMessage result) {
        var detail = new HashMap<String, Object>();
        detail.put("systemId", task.systemId());
        detail.put("action", task.action());
        if (result.systemReference() != null) {
            detail.put("systemReference", result.systemReference());
        }
        if (result.detail() != null) {
            detail.put("detail", result.detail());
        }
        var action = result.outcome() == TaskResultMessage.Outcome.DONE ? "task.done" : "task.failed";
        return audit.append(request.id(), "system:" + task.systemId(), action, detail)
                .then(tasks.tasksOf(request.id()).collectList())
                .flatMap(all -> advance(request, task.phase(), all));
    }

    private Mono<Void> advance(RightsRequest request, int phase, List<Task> all) {
        if (request.status() != RequestStatus.IN_PROGRESS) {
            return Mono.empty(); // a late result for a request already settled: recorded above, nothing more to do
        }
        var phaseTasks = all.stream().filter(task -> task.phase() == phase).toList();
        if (!phaseTasks.stream().allMatch(task -> task.status().isFinal())) {
            return Mono.empty();
        }
        if (phaseTasks.stream().anyMatch(task -> task.status() == TaskStatus.FAILED)) {
            return transitions.apply(request.flagForAttention(), SYSTEM, Map.of("phase", phase)).then();
        }
        var nextPhase = all.stream().filter(task -> task.status() == TaskStatus.PLANNED)
                .mapToInt(Task::phase).min();
        if (nextPhase.isPresent()) {
            var next = all.stream().filter(task -> task.phase() == nextPhase.getAsInt()).toList();
            return dispatcher.dispatch(next, request.type().name(), request.subject().id(), request.deadline().dueAt())
                    .then(audit.append(request.id(), SYSTEM, "tasks.dispatched",
                            Map.of("phase", nextPhase.getAsInt(), "systems", next.stream().map(Task::systemId).toList())));
        }
        return transitions.apply(request.complete(clock.instant()), SYSTEM, Map.of()).then();
    }

    private static TaskStatus status(TaskResultMessage result) {
        return result.outcome() == TaskResultMessage.Outcome.DONE ? TaskStatus.DONE : TaskStatus.FAILED;
    }
}
