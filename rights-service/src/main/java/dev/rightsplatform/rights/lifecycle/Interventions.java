package dev.rightsplatform.rights.lifecycle;

import dev.rightsplatform.rights.task.Task;
import dev.rightsplatform.rights.task.TaskStatus;
import dev.rightsplatform.rights.task.TaskStore;
import dev.rightsplatform.rights.web.ApiException;
import dev.rightsplatform.rights.web.ProblemType;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What people decide about a request under way, each on the locked request: refuse, extend, cancel (undoing the steps
 * done so far that have an undo: a cancelled cooling-off enables the account again), retry a failed task.
 */
@Component
class Interventions {

    private final TaskStore tasks;
    private final TaskPlan plan;
    private final Transitions transitions;
    private final StepProgress progress;
    private final DeadlinePolicy deadlines;
    private final Clock clock;

    Interventions(
            TaskStore tasks,
            TaskPlan plan,
            Transitions transitions,
            StepProgress progress,
            DeadlinePolicy deadlines,
            Clock clock) {
        this.tasks = tasks;
        this.plan = plan;
        this.transitions = transitions;
        this.progress = progress;
        this.deadlines = deadlines;
        this.clock = clock;
    }

    Mono<RightsRequest> refuse(RightsRequest request, LifecycleCommand.Refuse command) {
        return transitions.apply(request.refuse(command.reason(), clock.instant()), command.actor(), Map.of());
    }

    Mono<RightsRequest> extend(RightsRequest request, LifecycleCommand.Extend command) {
        var extended = deadlines.extensionOf(
                request.type(), request.subject().jurisdiction(), request.receivedAt(), request.deadline());
        return transitions.apply(
                request.extend(extended, command.reason(), clock.instant()), command.actor(), Map.of());
    }

    /** Tasks not yet sent are called off; the steps done so far that have an undo get it. */
    Mono<RightsRequest> cancel(RightsRequest request, String actor, Map<String, ?> detail) {
        return transitions
                .apply(request.cancel(clock.instant()), actor, detail)
                .flatMap(cancelled -> tasks.tasksOf(request.id())
                        .collectList()
                        .flatMap(all -> callOff(all).then(undo(cancelled, all)))
                        .thenReturn(cancelled));
    }

    private Mono<Void> callOff(List<Task> all) {
        return Flux.fromIterable(all)
                .filter(task -> task.status() == TaskStatus.PLANNED)
                .concatMap(task -> tasks.retire(task.id(), TaskStatus.CANCELLED))
                .then();
    }

    private Mono<Void> undo(RightsRequest cancelled, List<Task> all) {
        var undo = plan.undo(cancelled, all);
        if (undo.isEmpty()) {
            return Mono.empty();
        }
        return Flux.fromIterable(undo)
                .concatMap(tasks::insert)
                .then(progress.dispatch(cancelled, undo, StepProgress.nextSequence(undo)));
    }

    /** The failed or blocked task is superseded by a fresh one, which goes out at once; the request resumes. */
    Mono<RightsRequest> retry(RightsRequest request, LifecycleCommand.RetryTask command) {
        return tasks.find(command.taskId())
                .filter(task -> task.requestId().equals(request.id()))
                .filter(task -> task.status() == TaskStatus.FAILED || task.status() == TaskStatus.BLOCKED)
                .switchIfEmpty(Mono.error(new ApiException(
                        ProblemType.ILLEGAL_TRANSITION,
                        "Only a failed or blocked task of this request can be retried.")))
                .flatMap(failed -> {
                    var fresh = failed.retry();
                    var resumed = request.resume();
                    return tasks.retire(failed.id(), TaskStatus.SUPERSEDED)
                            .then(tasks.insert(fresh))
                            .then(transitions.apply(
                                    resumed,
                                    command.actor(),
                                    Map.of(
                                            "systemId",
                                            failed.systemId(),
                                            "action",
                                            failed.action().name())))
                            .flatMap(inProgress -> progress.dispatch(inProgress, List.of(fresh), fresh.phase())
                                    .thenReturn(inProgress));
                });
    }
}
