package dev.rightsplatform.rights.request;

import dev.rightsplatform.rights.audit.AuditTrail;
import dev.rightsplatform.rights.task.Task;
import dev.rightsplatform.rights.task.TaskDispatcher;
import dev.rightsplatform.rights.task.TaskOutcome;
import dev.rightsplatform.rights.task.TaskStatus;
import dev.rightsplatform.rights.task.TaskStore;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Records a system's answer and moves the request on, step by step: when every task of a step has its answer, a
 * blocked pre-check stops the request (refused or waiting for an agent, as configured), a failure flags it for an
 * agent, a finished disable step starts the cooling-off, and otherwise the next step goes out; after the last step
 * the request completes (an export once its archive is built: {@link ExportBuildQueue}). A COLLECT counts as done only
 * when its upload is stored with the checksum the worker reports. Idempotent: an answer already recorded changes
 * nothing.
 */
@Service
class RequestProgress {

    private final RequestStore requests;
    private final TaskStore tasks;
    private final TaskDispatcher dispatcher;
    private final AuditTrail audit;
    private final Transitions transitions;
    private final DeregistrationProperties deregistration;
    private final TransactionalOperator transactional;
    private final Clock clock;
    private final StoredParts parts;
    private final ExportBuildQueue exportBuilds;

    RequestProgress(
            RequestStore requests,
            TaskStore tasks,
            TaskDispatcher dispatcher,
            AuditTrail audit,
            Transitions transitions,
            DeregistrationProperties deregistration,
            TransactionalOperator transactional,
            Clock clock,
            StoredParts parts,
            ExportBuildQueue exportBuilds) {
        this.requests = requests;
        this.tasks = tasks;
        this.dispatcher = dispatcher;
        this.audit = audit;
        this.transitions = transitions;
        this.deregistration = deregistration;
        this.transactional = transactional;
        this.clock = clock;
        this.parts = parts;
        this.exportBuilds = exportBuilds;
    }

    /** A result from the worker, in a transaction of its own. */
    Mono<Void> record(TaskResultMessage result) {
        return checkedOutcome(result)
                .flatMap(outcome -> record(result.taskId(), outcome, "system:" + result.systemId()))
                .as(transactional::transactional);
    }

    /** A COLLECT reported done whose upload is not stored as reported is a failure: the data would be missing. */
    private Mono<TaskOutcome> checkedOutcome(TaskResultMessage result) {
        var outcome = result.toOutcome();
        if (!Task.COLLECT.equals(result.action()) || outcome.status() != TaskStatus.DONE) {
            return Mono.just(outcome);
        }
        var sha256 = result.collected() == null ? null : result.collected().sha256();
        return parts.isStored(result.taskId(), sha256)
                .map(stored -> stored
                        ? outcome
                        : new TaskOutcome(
                                TaskStatus.FAILED,
                                "the collected data did not arrive as reported",
                                outcome.systemReference(),
                                outcome.attempts(),
                                null,
                                List.of(),
                                outcome.completedAt()));
    }

    /** An answer for a task, in the caller's transaction; {@code actor} is who gave it. */
    Mono<Void> record(UUID taskId, TaskOutcome outcome, String actor) {
        return tasks.find(taskId)
                .switchIfEmpty(Mono.error(new UnknownTaskException(taskId)))
                // lock the request first: answers for one request are recorded one after the other
                .flatMap(task -> requests.lock(task.requestId())
                        .flatMap(request -> tasks.recordOutcome(task.id(), outcome)
                                .flatMap(firstTime ->
                                        firstTime ? afterAnswer(request, task, outcome, actor) : Mono.empty())));
    }

    private Mono<Void> afterAnswer(RightsRequest request, Task task, TaskOutcome outcome, String actor) {
        var detail = new HashMap<String, Object>();
        detail.put("systemId", task.systemId());
        detail.put("action", task.action());
        if (outcome.systemReference() != null) {
            detail.put("systemReference", outcome.systemReference());
        }
        if (outcome.detail() != null) {
            detail.put("detail", outcome.detail());
        }
        if (outcome.proof() != null && outcome.proof().deleted() != null) {
            detail.put("deleted", outcome.proof().deleted());
        }
        if (!outcome.retention().isEmpty()) {
            detail.put(
                    "retained",
                    outcome.retention().stream()
                            .map(TaskOutcome.Retention::category)
                            .toList());
        }
        return audit.append(
                        request.id(), actor, "task." + outcome.status().name().toLowerCase(Locale.ROOT), detail)
                .then(tasks.tasksOf(request.id()).collectList())
                .flatMap(all -> advance(request, task.phase(), all));
    }

    /** Moves the request on if the step is complete; a request not in progress just keeps the answer. */
    Mono<Void> advance(RightsRequest request, int step, List<Task> all) {
        if (request.status() != RequestStatus.IN_PROGRESS) {
            return Mono.empty();
        }
        var live = all.stream().filter(task -> task.status().isLive()).toList();
        var stepTasks = live.stream().filter(task -> task.phase() == step).toList();
        if (!stepTasks.stream().allMatch(task -> task.status().isFinal())) {
            return Mono.empty();
        }
        var blocked = stepTasks.stream()
                .filter(task -> task.status() == TaskStatus.BLOCKED)
                .findFirst();
        if (blocked.isPresent()) {
            return onBlocked(request, blocked.get());
        }
        if (stepTasks.stream().anyMatch(task -> task.status() == TaskStatus.FAILED)) {
            return transitions
                    .apply(request.flagForAttention(), WorkStarter.SYSTEM, Map.of("step", step))
                    .then();
        }
        var next = live.stream()
                .filter(task -> task.status() == TaskStatus.PLANNED)
                .mapToInt(Task::phase)
                .min();
        if (next.isEmpty()) {
            return request.type() == RequestType.EXPORT
                    ? exportBuilds.queue(request.id())
                    : transitions
                            .apply(request.complete(clock.instant()), WorkStarter.SYSTEM, Map.of())
                            .then();
        }
        var disabledJustNow = stepTasks.stream().allMatch(task -> Task.DISABLE.equals(task.action()));
        if (disabledJustNow && !deregistration.coolingOff().isZero()) {
            var until = clock.instant().plus(deregistration.coolingOff());
            return requests.coolOffUntil(request.id(), until)
                    .then(transitions.apply(
                            request.startCoolingOff(), WorkStarter.SYSTEM, Map.of("until", until.toString())))
                    .then();
        }
        return dispatchStep(request, live, next.getAsInt());
    }

    /**
     * Sends out the earliest step that still has planned tasks: work starting, or resuming after cooling-off. A request
     * no system has a part in (a consent withdrawal for a purpose no system processes) is complete at once.
     */
    Mono<RightsRequest> dispatchNextStep(RightsRequest request) {
        return tasks.tasksOf(request.id()).collectList().flatMap(all -> {
            if (all.isEmpty() && request.status() == RequestStatus.IN_PROGRESS) {
                return transitions.apply(request.complete(clock.instant()), WorkStarter.SYSTEM, Map.of("systems", 0));
            }
            var live = all.stream().filter(task -> task.status().isLive()).toList();
            var next = live.stream()
                    .filter(task -> task.status() == TaskStatus.PLANNED)
                    .mapToInt(Task::phase)
                    .min();
            return next.isEmpty()
                    ? Mono.just(request)
                    : dispatchStep(request, live, next.getAsInt()).thenReturn(request);
        });
    }

    /** Sends out every planned task of {@code step}, and audits it. */
    Mono<Void> dispatchStep(RightsRequest request, List<Task> live, int step) {
        var toDispatch = live.stream()
                .filter(task -> task.phase() == step && task.status() == TaskStatus.PLANNED)
                .toList();
        return dispatcher
                .dispatch(
                        toDispatch,
                        request.type().name(),
                        request.subject().id(),
                        request.purpose(),
                        request.deadline().dueAt())
                .then(audit.append(
                        request.id(),
                        WorkStarter.SYSTEM,
                        "tasks.dispatched",
                        Map.of(
                                "step",
                                step,
                                "systems",
                                toDispatch.stream()
                                        .map(task -> task.systemId() + ":" + task.action())
                                        .toList())));
    }

    private Mono<Void> onBlocked(RightsRequest request, Task blocked) {
        var reason = blocked.detail() == null ? "The account cannot be closed yet." : blocked.detail();
        var flagged = request.flagForAttention();
        if (deregistration.onBlocked() == DeregistrationProperties.OnBlocked.WAIT) {
            return transitions
                    .apply(flagged, WorkStarter.SYSTEM, Map.of("blockedBy", blocked.systemId()))
                    .then();
        }
        // refused with the system's reason, which the person is told (PIPL Art. 50)
        return transitions
                .apply(flagged, WorkStarter.SYSTEM, Map.of("blockedBy", blocked.systemId()))
                .flatMap(waiting -> transitions.apply(
                        waiting.refuse(reason, clock.instant()),
                        WorkStarter.SYSTEM,
                        Map.of("blockedBy", blocked.systemId())))
                .then();
    }
}
