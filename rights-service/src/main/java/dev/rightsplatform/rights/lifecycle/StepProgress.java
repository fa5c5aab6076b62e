package dev.rightsplatform.rights.lifecycle;

import dev.rightsplatform.rights.audit.AuditTrail;
import dev.rightsplatform.rights.task.Task;
import dev.rightsplatform.rights.task.TaskDispatcher;
import dev.rightsplatform.rights.task.TaskStatus;
import dev.rightsplatform.rights.task.TaskStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Moves a request in progress along its {@link Workflow}, in the caller's transaction with the request locked: when
 * every task of a step's sequence has its answer, the step's {@link Step.Failure} decides on a failed or blocked
 * answer; else a finished DISABLE starts the COOLING_OFF, another sequence of tasks goes out, BUILD_EXPORT is queued,
 * or, after the last step, the request completes.
 */
@Component
class StepProgress {

    private final RequestStore requests;
    private final TaskStore tasks;
    private final TaskDispatcher dispatcher;
    private final AuditTrail audit;
    private final Transitions transitions;
    private final DeregistrationProperties deregistration;
    private final ExportBuildQueue exportBuilds;
    private final RequestEvents events;
    private final Clock clock;

    StepProgress(
            RequestStore requests,
            TaskStore tasks,
            TaskDispatcher dispatcher,
            AuditTrail audit,
            Transitions transitions,
            DeregistrationProperties deregistration,
            ExportBuildQueue exportBuilds,
            RequestEvents events,
            Clock clock) {
        this.requests = requests;
        this.tasks = tasks;
        this.dispatcher = dispatcher;
        this.audit = audit;
        this.transitions = transitions;
        this.deregistration = deregistration;
        this.exportBuilds = exportBuilds;
        this.events = events;
        this.clock = clock;
    }

    /** After an answer to a task of {@code sequence}: moves on if its step is done; otherwise keeps the answer. */
    Mono<RightsRequest> advance(RightsRequest request, int sequence, List<Task> all) {
        if (request.status() != RequestStatus.IN_PROGRESS) {
            return Mono.just(request);
        }
        var live = all.stream().filter(task -> task.status().isLive()).toList();
        var stepTasks = live.stream().filter(task -> task.phase() == sequence).toList();
        if (stepTasks.isEmpty()
                || !stepTasks.stream().allMatch(task -> task.status().isFinal())) {
            return Mono.just(request);
        }
        var step = Step.of(stepTasks.get(0).action());
        var blocked = stepTasks.stream()
                .filter(task -> task.status() == TaskStatus.BLOCKED)
                .findFirst();
        if (blocked.isPresent()) {
            return onBlocked(request, blocked.get());
        }
        var failed = stepTasks.stream()
                .filter(task -> task.status() == TaskStatus.FAILED)
                .findFirst();
        if (failed.isPresent()) {
            // a system failed for good (the worker gave up after its last retry): the task is parked until an agent
            // retries it, and the agents' alert names the system
            return transitions.apply(
                    request.flagForAttention(),
                    RequestLifecycle.SYSTEM,
                    Map.of("step", sequence, "systemId", failed.get().systemId()));
        }
        var next = nextSequence(live);
        if (next < 0) {
            return Workflow.after(request.type(), step) == Step.BUILD_EXPORT
                    ? exportBuilds.queue(request.id()).thenReturn(request)
                    : transitions.apply(request.complete(clock.instant()), RequestLifecycle.SYSTEM, Map.of());
        }
        if (Workflow.after(request.type(), step) == Step.COOLING_OFF
                && !deregistration.coolingOff().isZero()) {
            var until = clock.instant().plus(deregistration.coolingOff());
            return requests.coolOffUntil(request.id(), until)
                    .then(transitions.apply(
                            request.startCoolingOff(), RequestLifecycle.SYSTEM, Map.of("until", until.toString())));
        }
        return dispatch(request, live, next).thenReturn(request);
    }

    /**
     * Sends out the earliest sequence that still has planned tasks: work starting, or resuming after the cooling-off.
     * A request no system has a part in (a consent withdrawal for a purpose no system processes) is complete at once.
     */
    Mono<RightsRequest> dispatchNext(RightsRequest request) {
        return tasks.tasksOf(request.id()).collectList().flatMap(all -> {
            if (all.isEmpty() && request.status() == RequestStatus.IN_PROGRESS) {
                return transitions.apply(
                        request.complete(clock.instant()), RequestLifecycle.SYSTEM, Map.of("systems", 0));
            }
            var live = all.stream().filter(task -> task.status().isLive()).toList();
            var next = nextSequence(live);
            return next < 0 ? Mono.just(request) : dispatch(request, live, next).thenReturn(request);
        });
    }

    /** Sends out every planned task of {@code sequence}, and audits it. */
    Mono<Void> dispatch(RightsRequest request, List<Task> live, int sequence) {
        var toDispatch = live.stream()
                .filter(task -> task.phase() == sequence && task.status() == TaskStatus.PLANNED)
                .toList();
        return dispatcher
                .dispatch(
                        toDispatch,
                        request.type().name(),
                        request.subject().id(),
                        request.purpose(),
                        request.deadline().dueAt())
                .then(audited(request, toDispatch, sequence));
    }

    /** A new request's tasks: stored once, those of {@code sequence} already sent out; audited as a dispatch. */
    Mono<Void> insertAndDispatch(RightsRequest request, List<Task> planned, int sequence) {
        return dispatcher
                .insertAndDispatch(
                        planned,
                        sequence,
                        request.type().name(),
                        request.subject().id(),
                        request.purpose(),
                        request.deadline().dueAt())
                .then(audited(
                        request,
                        planned.stream()
                                .filter(task -> task.phase() == sequence)
                                .toList(),
                        sequence));
    }

    private Mono<Void> audited(RightsRequest request, List<Task> dispatched, int sequence) {
        return audit.append(
                request.id(),
                RequestLifecycle.SYSTEM,
                "tasks.dispatched",
                Map.of(
                        "step",
                        sequence,
                        "systems",
                        dispatched.stream()
                                .map(task -> task.systemId() + ":" + task.action())
                                .toList()));
    }

    /** BUILD_EXPORT is complete: the request completes and the person is told until when to download. */
    Mono<RightsRequest> archiveReady(RightsRequest request, LifecycleCommand.ArchiveReady command) {
        if (request.status() != RequestStatus.IN_PROGRESS) {
            return Mono.empty();
        }
        return transitions
                .apply(request.complete(clock.instant()), RequestLifecycle.SYSTEM, command.auditDetail())
                .flatMap(completed -> events.publishExportReady(completed, command.availableUntil())
                        .thenReturn(completed));
    }

    /** The earliest sequence with planned tasks, or -1. */
    static int nextSequence(List<Task> live) {
        return live.stream()
                .filter(task -> task.status() == TaskStatus.PLANNED)
                .mapToInt(Task::phase)
                .min()
                .orElse(-1);
    }

    /** PRECHECK's failure rule: refused with the system's reason (the person is told, PIPL Art. 50), or waits. */
    private Mono<RightsRequest> onBlocked(RightsRequest request, Task blocked) {
        var reason = blocked.detail() == null ? "The account cannot be closed yet." : blocked.detail();
        var detail = Map.of("blockedBy", blocked.systemId());
        var flagged = transitions.apply(request.flagForAttention(), RequestLifecycle.SYSTEM, detail);
        if (deregistration.onBlocked() == DeregistrationProperties.OnBlocked.WAIT) {
            return flagged;
        }
        return flagged.flatMap(
                waiting -> transitions.apply(waiting.refuse(reason, clock.instant()), RequestLifecycle.SYSTEM, detail));
    }
}
