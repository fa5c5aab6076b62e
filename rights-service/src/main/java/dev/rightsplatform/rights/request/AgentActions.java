package dev.rightsplatform.rights.request;

import dev.rightsplatform.rights.audit.AuditTrail;
import dev.rightsplatform.rights.lifecycle.LifecycleCommand;
import dev.rightsplatform.rights.lifecycle.RequestLifecycle;
import dev.rightsplatform.rights.lifecycle.RequestStore;
import dev.rightsplatform.rights.lifecycle.RightsRequest;
import dev.rightsplatform.rights.security.Caller;
import dev.rightsplatform.rights.task.TaskOutcome;
import dev.rightsplatform.rights.task.TaskStatus;
import dev.rightsplatform.rights.task.TaskStore;
import dev.rightsplatform.rights.web.ApiException;
import dev.rightsplatform.rights.web.ProblemType;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * What agents (and people, for their own requests) do to a request: each is a {@link LifecycleCommand} under the
 * caller's name; notes are kept beside the request, the audit trail recording only that one was added.
 */
@Service
class AgentActions {

    private final RequestLifecycle lifecycle;
    private final RequestStore requests;
    private final TaskStore tasks;
    private final NoteStore notes;
    private final AuditTrail audit;
    private final Actors actors;
    private final TransactionalOperator transactional;
    private final Clock clock;

    AgentActions(
            RequestLifecycle lifecycle,
            RequestStore requests,
            TaskStore tasks,
            NoteStore notes,
            AuditTrail audit,
            Actors actors,
            TransactionalOperator transactional,
            Clock clock) {
        this.lifecycle = lifecycle;
        this.requests = requests;
        this.tasks = tasks;
        this.notes = notes;
        this.audit = audit;
        this.actors = actors;
        this.transactional = transactional;
        this.clock = clock;
    }

    /** One verified by e-mail (no login) needs the {@code accountId} it belongs to. */
    Mono<RightsRequest> approve(Caller agent, UUID id, @Nullable String accountId) {
        return lifecycle.handle(new LifecycleCommand.Approve(id, actors.of(agent), accountId));
    }

    Mono<RightsRequest> refuse(Caller agent, UUID id, String reason) {
        return lifecycle.handle(new LifecycleCommand.Refuse(id, actors.of(agent), reason));
    }

    Mono<RightsRequest> extend(Caller agent, UUID id, String reason) {
        return lifecycle.handle(new LifecycleCommand.Extend(id, actors.of(agent), reason));
    }

    /**
     * By an agent, or by the person for their own request (ownership checked by the caller of this method). During a
     * deregistration's cooling-off the account is enabled again and no system erases anything.
     */
    Mono<RightsRequest> cancel(Caller caller, UUID id) {
        return lifecycle.handle(new LifecycleCommand.Cancel(id, actors.of(caller)));
    }

    Mono<RightsRequest> retryTask(Caller agent, UUID id, UUID taskId) {
        return lifecycle.handle(new LifecycleCommand.RetryTask(id, taskId, actors.of(agent)));
    }

    /** A manual system: an agent confirms its part was done, with a note kept beside the request. */
    Mono<RightsRequest> completeManualTask(Caller agent, UUID id, UUID taskId, String note) {
        var actor = actors.of(agent);
        return tasks.find(taskId)
                .filter(task -> task.requestId().equals(id) && task.status() == TaskStatus.AWAITING_AGENT)
                .switchIfEmpty(Mono.error(new ApiException(
                        ProblemType.ILLEGAL_TRANSITION, "This task is not waiting for an agent's confirmation.")))
                .flatMap(task -> notes.add(id, actor, note, clock.instant())
                        .flatMap(added -> lifecycle.handle(new LifecycleCommand.RecordResult(
                                taskId,
                                new TaskOutcome(
                                        TaskStatus.DONE,
                                        "confirmed by an agent, note " + added.id(),
                                        null,
                                        1,
                                        null,
                                        List.of(),
                                        clock.instant()),
                                actor,
                                null))))
                .then(requests.find(id))
                .as(transactional::transactional);
    }

    Mono<NoteStore.NoteView> addNote(Caller agent, UUID id, String text) {
        var actor = actors.of(agent);
        return requests.lock(id)
                .switchIfEmpty(Mono.error(
                        new ApiException(ProblemType.REQUEST_NOT_FOUND, "No request with this id is visible to you.")))
                .flatMap(request -> notes.add(id, actor, text, clock.instant())
                        .flatMap(note -> audit.append(
                                        id,
                                        actor,
                                        "note.added",
                                        Map.of("noteId", note.id().toString()))
                                .thenReturn(note)))
                .as(transactional::transactional);
    }
}
