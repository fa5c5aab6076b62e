package dev.rightsplatform.rights.request;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Completes an export request once its archive is stored, in the caller's transaction: the request is COMPLETED and
 * the person is told the archive is ready and until when it can be downloaded. A request that is no longer in
 * progress (cancelled meanwhile) is left as it is: the caller then deletes the archive.
 */
@Component
public class ExportCompletion {

    private final RequestStore requests;
    private final Transitions transitions;
    private final RequestEvents events;
    private final Clock clock;

    ExportCompletion(RequestStore requests, Transitions transitions, RequestEvents events, Clock clock) {
        this.requests = requests;
        this.transitions = transitions;
        this.events = events;
        this.clock = clock;
    }

    /** Emits true when the request was completed now, false when it was not in progress any more. */
    public Mono<Boolean> archiveReady(UUID requestId, Instant availableUntil, Map<String, ?> auditDetail) {
        return requests.lock(requestId)
                .filter(request -> request.status() == RequestStatus.IN_PROGRESS)
                .flatMap(request ->
                        transitions.apply(request.complete(clock.instant()), WorkStarter.SYSTEM, auditDetail))
                .flatMap(completed ->
                        events.publishExportReady(completed, availableUntil).thenReturn(true))
                .defaultIfEmpty(false);
    }
}
