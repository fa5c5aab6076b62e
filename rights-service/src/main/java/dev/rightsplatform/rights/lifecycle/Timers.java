package dev.rightsplatform.rights.lifecycle;

import dev.rightsplatform.rights.audit.AuditTrail;
import dev.rightsplatform.rights.task.TaskStore;
import java.time.Clock;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What the clock does to requests (the deadline scan, and new calendar data at start-up): ends cooling-off periods,
 * cancels requests whose address was never verified, raises "due soon", "overdue" and "task overdue" once each, and
 * settles provisional deadlines. Each claims its row (a lock, or the UPDATE that marks the alert raised) and re-checks,
 * so a second scanner replica finds nothing left to do: every method emits nothing when that is so.
 */
@Component
class Timers {

    private final RequestStore requests;
    private final TaskStore tasks;
    private final Transitions transitions;
    private final RequestEvents events;
    private final StepProgress progress;
    private final Clock clock;
    private final DeadlinePolicy deadlines;
    private final AuditTrail audit;

    Timers(
            RequestStore requests,
            TaskStore tasks,
            Transitions transitions,
            RequestEvents events,
            StepProgress progress,
            Clock clock,
            DeadlinePolicy deadlines,
            AuditTrail audit) {
        this.requests = requests;
        this.tasks = tasks;
        this.transitions = transitions;
        this.events = events;
        this.progress = progress;
        this.clock = clock;
        this.deadlines = deadlines;
        this.audit = audit;
    }

    /** COOLING_OFF is complete: erasure starts. */
    Mono<RightsRequest> endCoolingOff(LifecycleCommand.EndCoolingOff command) {
        return requests.lockCoolingOffOver(command.requestId(), command.now())
                .flatMap(request -> transitions
                        .apply(request.endCoolingOff(), RequestLifecycle.SYSTEM, Map.of())
                        .flatMap(progress::dispatchNext));
    }

    Mono<RightsRequest> expireUnverified(LifecycleCommand.ExpireUnverified command) {
        return requests.lockUnverifiedSince(command.requestId(), command.cutoff())
                .flatMap(request -> transitions.apply(
                        request.cancel(clock.instant()), RequestLifecycle.SYSTEM, Map.of("reason", command.reason())))
                .flatMap(cancelled -> requests.forgetEmail(cancelled.id()).thenReturn(cancelled));
    }

    Mono<RightsRequest> raise(LifecycleCommand.RaiseDeadlineAlert command) {
        var alert = command.alert();
        var columns = switch (alert) {
            case DUE_SOON -> new String[] {"due_soon_raised_at", "due_soon_at"};
            case OVERDUE -> new String[] {"overdue_raised_at", "due_at"};
            default -> throw new IllegalArgumentException(alert + " is no deadline alert");
        };
        return requests.markAlertRaised(command.requestId(), columns[0], columns[1], command.now())
                .flatMap(request -> audit.append(
                                request.id(),
                                RequestLifecycle.SYSTEM,
                                alert.type(),
                                Map.of("dueAt", request.deadline().dueAt().toString()))
                        .then(events.publish(alert, request))
                        .thenReturn(request));
    }

    Mono<RightsRequest> escalate(LifecycleCommand.EscalateLateTask command) {
        return tasks.markEscalated(command.taskId(), command.now())
                .flatMap(task -> requests.find(task.requestId())
                        .flatMap(request -> audit.append(
                                        request.id(),
                                        RequestLifecycle.SYSTEM,
                                        LifecycleEvent.TASK_OVERDUE.type(),
                                        Map.of(
                                                "systemId",
                                                task.systemId(),
                                                "action",
                                                task.action().name(),
                                                "dueAt",
                                                task.dueAt().toString()))
                                .then(events.publish(LifecycleEvent.TASK_OVERDUE, request, task.systemId()))
                                .thenReturn(request)));
    }

    /** Saves the deadline if the calendar data now settles it; nothing while it stays provisional. */
    Mono<RightsRequest> recompute(LifecycleCommand.RecomputeDeadline command) {
        return requests.lock(command.requestId()).flatMap(request -> {
            var fresh = deadlines.dueDateFor(request.type(), request.subject().jurisdiction(), request.receivedAt());
            if (fresh.provisional()) {
                return Mono.empty();
            }
            var settled = request.withRecomputedDeadline(fresh);
            return requests.save(settled)
                    .then(audit.append(
                            request.id(),
                            RequestLifecycle.SYSTEM,
                            "deadline.recomputed",
                            Map.of("dueAt", fresh.dueAt().toString(), "rule", fresh.rule())))
                    .thenReturn(settled);
        });
    }
}
