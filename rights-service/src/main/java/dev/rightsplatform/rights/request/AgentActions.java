package dev.rightsplatform.rights.request;

import dev.rightsplatform.rights.audit.AuditTrail;
import dev.rightsplatform.rights.deadline.DeadlinePolicy;
import dev.rightsplatform.rights.security.Caller;
import dev.rightsplatform.rights.web.ApiException;
import dev.rightsplatform.rights.web.ProblemType;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * What agents (and people, for their own requests) do to a request. Each action locks the request, applies a guarded
 * transition, and records it under its actor in one transaction.
 */
@Service
class AgentActions {

    private final RequestStore requests;
    private final Transitions transitions;
    private final WorkStarter workStarter;
    private final DeadlinePolicy deadlines;
    private final NoteStore notes;
    private final AuditTrail audit;
    private final Actors actors;
    private final TransactionalOperator transactional;
    private final Clock clock;

    AgentActions(RequestStore requests, Transitions transitions, WorkStarter workStarter, DeadlinePolicy deadlines,
                 NoteStore notes, AuditTrail audit, Actors actors, TransactionalOperator transactional, Clock clock) {
        this.requests = requests;
        this.transitions = transitions;
        this.workStarter = workStarter;
        this.deadlines = deadlines;
        this.notes = notes;
        this.audit = audit;
        this.actors = actors;
        this.transactional = transactional;
        this.clock = clock;
    }

    Mono<RightsRequest> approve(Caller agent, UUID id) {
        return onLocked(id, request -> workStarter.approve(request, actors.of(agent)));
    }

    Mono<RightsRequest> refuse(Caller agent, UUID id, String reason) {
        return onLocked(id, request -> transitions.apply(request.refuse(reason, clock.instant()), actors.of(agent),
                Map.of()));
    }

    Mono<RightsRequest> extend(Caller agent, UUID id, String reason) {
        return onLocked(id, request -> transitions.apply(
                request.extend(deadlines.extensionOf(request.type(), request.subject().jurisdiction(),
                        request.receivedAt(), request.deadline()), reason, clock.instant()),
                actors.of(agent), Map.of()));
    }

    /** By an agent, or by the person for their own request (ownership checked by the caller of this method). */
    Mono<RightsRequest> cancel(Caller caller, UUID id) {
        return onLocked(id, request -> transitions.apply(request.cancel(clock.instant()), actors.of(caller), Map.of()));
    }

    Mono<NoteStore.NoteView> addNote(Caller agent, UUID id, String text) {
        var actor = actors.of(agent);
        return requests.lock(id)
                .switchIfEmpty(notFound())
                .flatMap(request -> notes.add(id, actor, text, clock.instant())
                        .flatMap(note -> audit.append(id, actor, "note.added", Map.of("noteId", note.id().toString()))
                                .thenReturn(note)))
                .as(transactional::transactional);
    }

    private Mono<RightsRequest> onLocked(UUID id, Function<RightsRequest, Mono<RightsRequest>> action) {
        return requests.lock(id)
                .switchIfEmpty(notFound())
                .flatMap(action)
                .as(transactional::transactional);
    }

    private static <T> Mono<T> notFound() {
        return Mono.error(new ApiException(ProblemType.REQUEST_NOT_FOUND, "No request with this id is visible to you."));
    }
}
