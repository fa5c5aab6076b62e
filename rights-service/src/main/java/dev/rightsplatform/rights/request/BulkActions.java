package dev.rightsplatform.rights.request;

import dev.rightsplatform.rights.security.Caller;
import dev.rightsplatform.rights.web.ApiException;
import dev.rightsplatform.rights.web.ProblemType;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One action on a selection of requests from the console's queue. Each request is done on its own, in its own
 * transaction, one after the other: one that cannot be done (already approved, not in review, held by someone, gone)
 * is reported with the problem code it would have had alone, and does not stop the others.
 */
@Service
class BulkActions {

    /**
     * What became of one request: {@code ok}, its status afterwards (when it was done), else the problem code (e.g.
     * {@code illegal-transition}) and a sentence.
     */
    record Item(
            UUID requestId,
            boolean ok,
            @Nullable String status,
            @Nullable String problem,
            @Nullable String detail) {

        static Item done(UUID id, @Nullable String status) {
            return new Item(id, true, status, null, null);
        }

        static Item refused(UUID id, ApiException problem) {
            return new Item(id, false, null, problem.type().slug(), problem.getMessage());
        }
    }

    record Results(AgentBodies.BulkAction action, int done, int refused, List<Item> items) {}

    private final AgentActions actions;
    private final Assignments assignments;
    private final AgentIdentities agents;

    BulkActions(AgentActions actions, Assignments assignments, AgentIdentities agents) {
        this.actions = actions;
        this.assignments = assignments;
        this.agents = agents;
    }

    /**
     * {@code by}: the caller as assignments name them; {@code assignee}: for ASSIGN, another agent's username, or null
     * for the caller. Ids given twice are done once.
     */
    Mono<Results> run(
            Caller caller,
            Assignments.Agent by,
            AgentBodies.BulkAction action,
            List<UUID> requestIds,
            @Nullable String assignee) {
        var ids = List.copyOf(new LinkedHashSet<>(requestIds));
        Mono<Assignments.Agent> target =
                action == AgentBodies.BulkAction.ASSIGN && assignee != null ? agents.named(assignee) : Mono.just(by);
        // the assignee is looked up once, before any request: an unknown one is the whole call's 422
        return target.flatMap(to -> Flux.fromIterable(ids)
                .concatMap(id -> one(caller, by, action, id, to))
                .collectList()
                .map(items -> {
                    var done = (int) items.stream().filter(Item::ok).count();
                    return new Results(action, done, items.size() - done, items);
                }));
    }

    private Mono<Item> one(
            Caller caller, Assignments.Agent by, AgentBodies.BulkAction action, UUID id, Assignments.Agent to) {
        Mono<Item> work = switch (action) {
            case APPROVE ->
                actions.approve(caller, id, null)
                        .map(request -> Item.done(id, request.status().name()));
            case ASSIGN -> assignments.assign(by, id, to).map(holder -> Item.done(id, null));
        };
        return work.onErrorResume(ApiException.class, problem -> Mono.just(Item.refused(id, problem)))
                .switchIfEmpty(Mono.fromSupplier(() -> Item.refused(
                        id,
                        new ApiException(
                                ProblemType.REQUEST_NOT_FOUND, "No request with this id is visible to you."))));
    }
}
