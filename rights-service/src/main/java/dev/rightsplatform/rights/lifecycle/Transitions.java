package dev.rightsplatform.rights.lifecycle;

import dev.rightsplatform.rights.audit.AuditTrail;
import dev.rightsplatform.rights.batch.WriteBehind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
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
    /** The requests a command changed, told to the observers once each, in their final state, when it ends. */
    private final WriteBehind<RightsRequest> changed = new WriteBehind<>(this::tellObservers);

    Transitions(RequestStore requests, AuditTrail audit, RequestEvents events, List<RequestObserver> observers) {
        this.requests = requests;
        this.audit = audit;
        this.events = events;
        this.observers = List.copyOf(observers);
    }

    /**
     * Runs a command so that observers hear of each request it changed once, in the state it leaves it in: a partner
     * is told the status the transaction commits, not the steps on the way (received, then started), and the lookup
     * behind that is made once per command.
     */
    <T> Mono<T> observing(Mono<T> work) {
        return changed.batching(work);
    }

    /** {@code detail} goes into the audit entries and must hold no personal data. */
    Mono<RightsRequest> apply(RightsRequest.Transition transition, String actor, Map<String, ?> detail) {
        return requests.save(transition.request()).then(record(new Applied(transition, actor, detail)));
    }

    /**
     * A new request and the transitions it went through before anyone saw it (received, then started or waiting):
     * one insert of its last state, then each transition recorded in order, as if saved one after the other.
     */
    Mono<RightsRequest> insert(List<Applied> applied) {
        var last = applied.get(applied.size() - 1).transition().request();
        return requests.insert(last)
                .then(Flux.fromIterable(applied).concatMap(this::record).then())
                .thenReturn(last);
    }

    /** Records a transition whose state is already saved: its audit entries, its messages, its observers. */
    Mono<RightsRequest> record(Applied applied) {
        var request = applied.transition().request();
        return Flux.fromIterable(applied.transition().events())
                .concatMap(event -> audit.append(request.id(), applied.actor(), event.type(), applied.detail())
                        .then(
                                event.published()
                                        ? events.publish(event, request, systemOf(event, applied.detail()))
                                        : Mono.empty()))
                .then(changed.write(request))
                .thenReturn(request);
    }

    private Mono<Void> tellObservers(List<RightsRequest> changedRequests) {
        var last = new LinkedHashMap<UUID, RightsRequest>();
        changedRequests.forEach(request -> last.put(request.id(), request));
        return Flux.fromIterable(last.values())
                .concatMap(request -> Flux.fromIterable(observers).concatMap(observer -> observer.changed(request)))
                .then();
    }

    /**
     * The system a needs-attention event is about, for the agents' alert: the one whose task failed for good
     * ({@code systemId}) or that blocked the request ({@code blockedBy}); null for every other event.
     */
    private static @Nullable String systemOf(LifecycleEvent event, Map<String, ?> detail) {
        if (event != LifecycleEvent.NEEDS_ATTENTION) {
            return null;
        }
        var system = detail.get("systemId") instanceof String id ? id : detail.get("blockedBy");
        return system instanceof String id ? id : null;
    }

    /** A transition with who caused it and the audit detail (no personal data). */
    record Applied(RightsRequest.Transition transition, String actor, Map<String, ?> detail) {}
}
