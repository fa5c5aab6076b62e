package dev.rightsplatform.rights.request;

import dev.rightsplatform.rights.audit.AuditTrail;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Makes a lifecycle transition real, inside the caller's transaction: saves the request, records each event in the
 * audit trail under its actor, and puts the events someone must hear of in the outbox.
 */
@Component
class Transitions {

    private final RequestStore requests;
    private final AuditTrail audit;
    private final RequestEvents events;
    private final List<RequestObserver> observers;

    Transitions(RequestStore requests, AuditTrail audit, RequestEvents events, List<RequestObserver> observers) {
        this.requests = requests;
        this.audit = audit;
        this.events = events;
        this.observers = List.copyOf(observers);
    }

    /** {@code detail} goes into the audit entries and must hold no personal data. */
    Mono<RightsRequest> apply(RightsRequest.Transition transition, String actor, Map<String, ?> detail) {
        var request = transition.request();
        return requests.save(request)
                .then(Flux.fromIterable(transition.events())
                        .concatMap(event -> audit.append(request.id(), actor, event.type(), detail)
                                .then(event.published() ? events.publish(event, request) : Mono.empty()))
                        .then())
                .then(Flux.fromIterable(observers)
                        .concatMap(observer -> observer.changed(request))
                        .then())
                .thenReturn(request);
    }
}
