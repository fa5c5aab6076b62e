package dev.rightsplatform.rights.request;

import dev.rightsplatform.rights.lifecycle.RequestStatus;
import dev.rightsplatform.rights.lifecycle.RequestStore;
import dev.rightsplatform.rights.lifecycle.RightsRequest;
import dev.rightsplatform.rights.task.TaskStore;
import dev.rightsplatform.rights.web.ContentLanguage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.function.Tuples;

/** Builds the API view of a request, with its tasks. */
@Component
class RequestViews {

    private final TaskStore tasks;
    private final RequestStore requests;

    RequestViews(TaskStore tasks, RequestStore requests) {
        this.tasks = tasks;
        this.requests = requests;
    }

    /**
     * The views of a page of requests (the agents' queue), in its order, with their rules in English: the tasks and
     * legal holds of the whole page in two queries rather than two per request. A deregistration in its cooling-off
     * still asks for its end on its own (few are).
     */
    Mono<List<RequestView>> ofPage(List<RightsRequest> page) {
        if (page.isEmpty()) {
            return Mono.just(List.of());
        }
        var ids = page.stream().map(RightsRequest::id).toList();
        return tasks.tasksOfAll(ids)
                .zipWith(tasks.retentionOfAll(ids))
                .flatMap(both -> Flux.fromIterable(page)
                        .concatMap(request -> request.status() == RequestStatus.COOLING_OFF
                                ? of(request)
                                : Mono.just(RequestView.of(
                                        request,
                                        List.copyOf(both.getT1().getOrDefault(request.id(), List.of())),
                                        List.copyOf(both.getT2().getOrDefault(request.id(), List.of())),
                                        null,
                                        ContentLanguage.EN)))
                        .collectList());
    }

    /** The view with its rule in English: agents' answers. */
    Mono<RequestView> of(RightsRequest request) {
        return of(request, ContentLanguage.EN);
    }

    /** The view with its rule in {@code language} (a {@link ContentLanguage} constant): the person's answers. */
    Mono<RequestView> of(RightsRequest request, String language) {
        // only a deregistration in its cooling-off has an end the person is shown; no query for the others
        var coolingOffUntil = request.status() == RequestStatus.COOLING_OFF
                ? requests.coolingOffUntil(request.id()).map(Optional::of).defaultIfEmpty(Optional.empty())
                : Mono.just(Optional.<Instant>empty());
        return tasks.tasksOf(request.id())
                .collectList()
                // legal holds come only with a system's answer: no query while none has answered (a new request)
                .flatMap(all -> all.stream().anyMatch(task -> task.completedAt() != null)
                        ? tasks.retentionOf(request.id()).collectList().map(holds -> Tuples.of(all, holds))
                        : Mono.just(Tuples.of(all, List.<TaskStore.RetentionView>of())))
                .zipWith(coolingOffUntil)
                .map(all -> RequestView.of(
                        request,
                        all.getT1().getT1(),
                        all.getT1().getT2(),
                        all.getT2().orElse(null),
                        language));
    }
}
