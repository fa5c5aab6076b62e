package dev.rightsplatform.rights.request;

import dev.rightsplatform.rights.task.Task;
import dev.rightsplatform.rights.task.TaskStatus;
import dev.rightsplatform.rights.task.TaskStore;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Moves an accepted request on: to an agent's review where the operator requires it, else straight into work, which
 * sends out the tasks of the first step. Runs in the caller's transaction.
 */
@Component
class WorkStarter {

    static final String SYSTEM = "system:rights-service";

    private final Transitions transitions;
    private final TaskStore tasks;
    private final RequestProgress progress;
    private final ReviewProperties review;

    WorkStarter(Transitions transitions, TaskStore tasks, RequestProgress progress, ReviewProperties review) {
        this.transitions = transitions;
        this.tasks = tasks;
        this.progress = progress;
        this.review = review;
    }

    /** For a request in RECEIVED: review or start. */
    Mono<RightsRequest> proceed(RightsRequest received) {
        if (review.required(received.type())) {
            return transitions.apply(received.awaitReview(), SYSTEM, Map.of());
        }
        return transitions.apply(received.start(), SYSTEM, Map.of()).flatMap(this::dispatchFirstPhase);
    }

    /** An agent approved a request that waited for review. */
    Mono<RightsRequest> approve(RightsRequest awaitingReview, String agent) {
        return transitions.apply(awaitingReview.approve(), agent, Map.of()).flatMap(this::dispatchFirstPhase);
    }

    private Mono<RightsRequest> dispatchFirstPhase(RightsRequest request) {
        return tasks.tasksOf(request.id()).collectList()
                .flatMap(all -> progress.dispatchStep(request, all, all.stream()
                        .filter(task -> task.status() == TaskStatus.PLANNED).mapToInt(Task::phase).min().orElseThrow()))
                .thenReturn(request);
    }
}
