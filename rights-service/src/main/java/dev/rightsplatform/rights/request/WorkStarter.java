package dev.rightsplatform.rights.request;

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
    private final RequestProgress progress;
    private final ReviewProperties review;

    WorkStarter(Transitions transitions, RequestProgress progress, ReviewProperties review) {
        this.transitions = transitions;
        this.progress = progress;
        this.review = review;
    }

    /** For a request in RECEIVED: review or start. */
    Mono<RightsRequest> proceed(RightsRequest received) {
        if (review.required(received.type())) {
            return transitions.apply(received.awaitReview(), SYSTEM, Map.of());
        }
        return transitions.apply(received.start(), SYSTEM, Map.of()).flatMap(progress::dispatchNextStep);
    }

    /** An agent approved a request that waited for review. */
    Mono<RightsRequest> approve(RightsRequest awaitingReview, String agent) {
        return transitions.apply(awaitingReview.approve(), agent, Map.of()).flatMap(progress::dispatchNextStep);
    }
}
