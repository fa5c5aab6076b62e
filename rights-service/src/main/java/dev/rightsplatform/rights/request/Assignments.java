package dev.rightsplatform.rights.request;

import dev.rightsplatform.rights.audit.AuditTrail;
import dev.rightsplatform.rights.lifecycle.RequestStore;
import dev.rightsplatform.rights.lifecycle.RightsRequest;
import dev.rightsplatform.rights.web.ApiException;
import dev.rightsplatform.rights.web.ProblemType;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Which agent holds an open request (table {@code request_assignment}): an agent takes one, releases it, or assigns it
 * to another agent. Holding is not a state of the request, so it bypasses the lifecycle; each change is one audit
 * entry under the agent who made it, naming the holder as the audit trail names staff ({@link Actors}).
 */
@Service
class Assignments {

    /**
     * Who holds a request: the agent's account id, the name the queue shows (username or display name: staff's, never
     * the person's), since when.
     */
    record Holder(String agentId, String name, Instant since) {}

    /** The agent a request goes to: account id, shown name, and how the audit trail names them. */
    record Agent(String id, String name, String actor) {}

    private final DatabaseClient db;
    private final RequestStore requests;
    private final AuditTrail audit;
    private final TransactionalOperator transactional;
    private final Clock clock;

    Assignments(
            DatabaseClient db,
            RequestStore requests,
            AuditTrail audit,
            TransactionalOperator transactional,
            Clock clock) {
        this.db = db;
        this.requests = requests;
        this.audit = audit;
        this.transactional = transactional;
        this.clock = clock;
    }

    Mono<Holder> holderOf(UUID requestId) {
        return db.sql("select holder_id, holder_name, assigned_at from request_assignment where request_id = :r")
                .bind("r", requestId)
                .map(row -> new Holder(
                        row.get("holder_id", String.class),
                        row.get("holder_name", String.class),
                        row.get("assigned_at", Instant.class)))
                .one();
    }

    /** The holders of those of {@code requestIds} that are held, in one query. */
    Mono<Map<UUID, Holder>> holdersOf(Collection<UUID> requestIds) {
        if (requestIds.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql("select request_id, holder_id, holder_name, assigned_at from request_assignment"
                        + " where request_id = any(:ids)")
                .bind("ids", requestIds.toArray(UUID[]::new))
                .map(row -> Map.entry(
                        row.get("request_id", UUID.class),
                        new Holder(
                                row.get("holder_id", String.class),
                                row.get("holder_name", String.class),
                                row.get("assigned_at", Instant.class))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new)
                .map(Map::copyOf);
    }

    /**
     * {@code by} takes the request for themselves: refused with {@link ProblemType#ALREADY_ASSIGNED} while another
     * agent holds it (so two agents never work one request unknowingly); taking one's own again changes nothing.
     */
    Mono<Holder> take(Agent by, UUID requestId) {
        return open(requestId)
                .flatMap(request -> holderOf(requestId)
                        .flatMap(current -> current.agentId().equals(by.id())
                                ? Mono.just(current)
                                : Mono.error(new ApiException(
                                        ProblemType.ALREADY_ASSIGNED,
                                        "Another agent holds this request; they can release it, or assign it to you.",
                                        Map.of("heldBy", current.name()))))
                        .switchIfEmpty(Mono.defer(() -> hold(requestId, by, by))))
                .as(transactional::transactional);
    }

    /** {@code by} gives the request to {@code to} (another agent, or themselves), whoever held it before. */
    Mono<Holder> assign(Agent by, UUID requestId, Agent to) {
        return open(requestId).flatMap(request -> hold(requestId, to, by)).as(transactional::transactional);
    }

    /** Nobody holds the request any more; releasing one nobody holds changes nothing. */
    Mono<Void> release(Agent by, UUID requestId) {
        return requests.lock(requestId)
                .switchIfEmpty(notFound())
                .flatMap(request -> db.sql("delete from request_assignment where request_id = :r returning holder_id")
                        .bind("r", requestId)
                        .map(row -> row.get("holder_id", String.class))
                        .one()
                        .flatMap(previous -> audit.append(requestId, by.actor(), "request.released", Map.of())))
                .as(transactional::transactional);
    }

    private Mono<Holder> hold(UUID requestId, Agent holder, Agent by) {
        var now = clock.instant();
        return db.sql("""
                        insert into request_assignment (request_id, holder_id, holder_name, assigned_by, assigned_at)
                        values (:r, :h, :n, :b, :at)
                        on conflict (request_id) do update set holder_id = excluded.holder_id,
                            holder_name = excluded.holder_name, assigned_by = excluded.assigned_by,
                            assigned_at = excluded.assigned_at
                        """)
                .bind("r", requestId)
                .bind("h", holder.id())
                .bind("n", holder.name())
                .bind("b", by.actor())
                .bind("at", now)
                .then()
                .then(audit.append(requestId, by.actor(), "request.assigned", Map.of("holder", holder.actor())))
                .thenReturn(new Holder(holder.id(), holder.name(), now));
    }

    /** The request, locked for this transaction; a closed one needs nobody to hold it. */
    private Mono<RightsRequest> open(UUID requestId) {
        return requests.lock(requestId)
                .switchIfEmpty(notFound())
                .flatMap(request -> request.closedAt() == null
                        ? Mono.just(request)
                        : Mono.error(new ApiException(
                                ProblemType.REQUEST_CLOSED, "The request is closed; nobody holds it.")));
    }

    private static <T> Mono<T> notFound() {
        return Mono.error(
                new ApiException(ProblemType.REQUEST_NOT_FOUND, "No request with this id is visible to you."));
    }
}
