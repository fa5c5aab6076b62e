package dev.rightsplatform.rights.request;

import dev.rightsplatform.rights.task.TaskStore;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Builds the API view of a request, with its tasks. */
@Component
class RequestViews {

    private final TaskStore tasks;

    RequestViews(TaskStore tasks) {
        this.tasks = tasks;
    }

    Mono<RequestView> of(RightsRequest request) {
        return tasks.tasksOf(request.id()).collectList()
                .zipWith(tasks.retentionOf(request.id()).collectList())
                .map(both -> RequestView.of(request, both.getT1(), both.getT2()));
    }
}
