package dev.rightsplatform.rights.request;

import dev.rightsplatform.rights.audit.AuditTrail;
import dev.rightsplatform.rights.deadline.DeadlinePolicy;
import dev.rightsplatform.rights.security.Caller;
import dev.rightsplatform.rights.task.Task;
import dev.rightsplatform.rights.task.TaskOutcome;
import dev.rightsplatform.rights.task.TaskStatus;
import dev.rightsplatform.rights.task.TaskStore;
import dev.rightsplatform.rights.web.ApiException;
import dev.rightsplatform.rights.web.ProblemType;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What agents (and people, for their own requests) do to a request. Each action locks the request, applies a guarded
 * transition, and records it under its actor in one transaction.
 */
@Service
class AgentActions {

    /** Subject ids of requests verified by e-mail rather than by a login. */
    static final String EMAIL_SUBJECT = "email:";

    private final RequestStore requests;
    private final Transitions transitions;
    private final WorkStarter workStarter;
    private final DeadlinePolicy deadlines;
    private final NoteStore notes;
    private final TaskStore tasks;
    private final TaskPlan plan;
    private final RequestProgress progress;
    private final AuditTrail audit;
    private final Actors actors;
    private final TransactionalOperator transactional;
    private final Clock clock;

    AgentActions(
            RequestStore requests,
            Transitions transitions,
            WorkStarter workStarter,
            DeadlinePolicy deadlines,
            NoteStore notes,
            TaskStore tasks,
            TaskPlan plan,
            RequestProgress progress,
            AuditTrail audit,
            Actors actors,
            TransactionalOperator transactional,
            Clock clock) {
        this.tasks = tasks;
        this.plan = plan;
        this.progress = progress;
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

    /**
     * Starts a request that waited for review. One verified by e-mail (no login) names no account yet: the agent links
     * the account it belongs to, {@code accountId}, so the systems know whom to erase.
     */
    Mono<RightsRequest> approve(Caller agent, UUID id, @Nullable String accountId) {
        return onLocked(id, request -> {
            if (!request.subject().id().startsWith(EMAIL_SUBJECT)) {
                return workStarter.approve(request, actors.of(agent));
            }
            if (accountId == null || accountId.isBlank()) {
                return Mono.error(new ApiException(
                        ProblemType.ACCOUNT_REQUIRED,
                        "This request was verified by e-mail: give the accountId it belongs to."));
            }
            return requests.linkAccount(id, accountId)
                    .then(audit.append(id, actors.of(agent), "account.linked", Map.of()))
                    .then(requests.lock(id))
                    .flatMap(linked -> workStarter.approve(linked, actors.of(agent)))
                    .onErrorMap(
                            org.springframework.dao.DuplicateKeyException.class,
                            e -> new ApiException(
                                    ProblemType.DUPLICATE_REQUEST,
                                    "That account already has an open request of this type."));
        });
    }

    Mono<RightsRequest> refuse(Caller agent, UUID id, String reason) {
        return onLocked(
                id, request -> transitions.apply(request.refuse(reason, clock.instant()), actors.of(agent), Map.of()));
    }

    Mono<RightsRequest> extend(Caller agent, UUID id, String reason) {
        return onLocked(
                id,
                request -> transitions.apply(
                        request.extend(
                                deadlines.extensionOf(
                                        request.type(),
                                        request.subject().jurisdiction(),
                                        request.receivedAt(),
                                        request.deadline()),
                                reason,
                                clock.instant()),
                        actors.of(agent),
                        Map.of()));
    }

    /**
     * By an agent, or by the person for their own request (ownership checked by the caller of this method). During a
     * deregistration's cooling-off the account is enabled again and no system erases anything.
     */
    Mono<RightsRequest> cancel(Caller caller, UUID id) {
        return cancel(actors.of(caller), id);
    }

    /** {@code actor}: who cancels, as the audit trail names them (e.g. a partner app). */
    Mono<RightsRequest> cancel(String actor, UUID id) {
        return onLocked(
                id,
                request -> transitions
                        .apply(request.cancel(clock.instant()), actor, Map.of())
                        .flatMap(cancelled -> tasks.tasksOf(id)
                                .collectList()
                                .flatMap(all -> callOff(all).then(reenable(cancelled, all)))
                                .thenReturn(cancelled)));
    }

    /**
     * An agent retries what a system failed or refused to do: the task is superseded by a fresh one, which goes out
     * at once, and the request is in progress again.
     */
    Mono<RightsRequest> retryTask(Caller agent, UUID id, UUID taskId) {
        return onLocked(
                id,
                request -> tasks.find(taskId)
                        .filter(task -> task.requestId().equals(id))
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
                                            actors.of(agent),
                                            Map.of("systemId", failed.systemId(), "action", failed.action())))
                                    .flatMap(inProgress -> progress.dispatchStep(
                                                    inProgress, List.of(fresh), fresh.phase())
                                            .thenReturn(inProgress));
                        }));
    }

    /** A manual system: an agent confirms its part was done, with a note kept beside the request. */
    Mono<RightsRequest> completeManualTask(Caller agent, UUID id, UUID taskId, String note) {
        var actor = actors.of(agent);
        return tasks.find(taskId)
                .filter(task -> task.requestId().equals(id) && task.status() == TaskStatus.AWAITING_AGENT)
                .switchIfEmpty(Mono.error(new ApiException(
                        ProblemType.ILLEGAL_TRANSITION, "This task is not waiting for an agent's confirmation.")))
                .flatMap(task -> notes.add(id, actor, note, clock.instant())
                        .flatMap(added -> progress.record(
                                taskId,
                                new TaskOutcome(
                                        TaskStatus.DONE,
                                        "confirmed by an agent, note " + added.id(),
                                        null,
                                        1,
                                        null,
                                        List.of(),
                                        clock.instant()),
                                actor)))
                .then(requests.find(id))
                .as(transactional::transactional);
    }

    private Mono<Void> callOff(List<Task> all) {
        return Flux.fromIterable(all)
                .filter(task -> task.status() == TaskStatus.PLANNED)
                .concatMap(task -> tasks.retire(task.id(), TaskStatus.CANCELLED))
                .then();
    }

    private Mono<Void> reenable(RightsRequest cancelled, List<Task> all) {
        var enable = plan.reenable(cancelled, all);
        if (enable.isEmpty()) {
            return Mono.empty();
        }
        return Flux.fromIterable(enable)
                .concatMap(tasks::insert)
                .then()
                .then(progress.dispatchStep(cancelled, enable, TaskPlan.ENABLE_STEP));
    }

    Mono<NoteStore.NoteView> addNote(Caller agent, UUID id, String text) {
        var actor = actors.of(agent);
        return requests.lock(id)
                .switchIfEmpty(notFound())
                .flatMap(request -> notes.add(id, actor, text, clock.instant())
                        .flatMap(note -> audit.append(
                                        id,
                                        actor,
                                        "note.added",
                                        Map.of("noteId", note.id().toString()))
                                .thenReturn(note)))
                .as(transactional::transactional);
    }

    private Mono<RightsRequest> onLocked(UUID id, Function<RightsRequest, Mono<RightsRequest>> action) {
        return requests.lock(id).switchIfEmpty(notFound()).flatMap(action).as(transactional::transactional);
    }

    private static <T> Mono<T> notFound() {
        return Mono.error(
                new ApiException(ProblemType.REQUEST_NOT_FOUND, "No request with this id is visible to you."));
    }
}
