package dev.rightsplatform.rights.request;

import dev.rightsplatform.rights.lifecycle.RequestStatus;
import dev.rightsplatform.rights.lifecycle.RequestStore;
import dev.rightsplatform.rights.security.Caller;
import dev.rightsplatform.rights.type.RequestType;
import dev.rightsplatform.rights.web.ApiException;
import dev.rightsplatform.rights.web.InstantRange;
import dev.rightsplatform.rights.web.ProblemType;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The agent API (support agents and the privacy officer; enforced in SecurityConfig): the queue, and the actions on a
 * request. Every action is audited under the agent who took it.
 */
@RestController
@RequestMapping("/api/v1/agent/requests")
class AgentRequestController {

    /** One page of the queue; {@code next} is the cursor for the following page, null on the last. */
    record QueuePage(List<QueueItem> items, String next) {}

    private final RequestQueue queue;
    private final RequestStore requests;
    private final QueueItems items;
    private final RequestViews views;
    private final AgentActions actions;
    private final NoteStore notes;
    private final Assignments assignments;
    private final AgentIdentities agents;
    private final BulkActions bulk;
    private final OnBehalfRequests onBehalf;
    private final Clock clock;

    AgentRequestController(
            RequestQueue queue,
            RequestStore requests,
            QueueItems items,
            RequestViews views,
            AgentActions actions,
            NoteStore notes,
            Assignments assignments,
            AgentIdentities agents,
            BulkActions bulk,
            OnBehalfRequests onBehalf,
            Clock clock) {
        this.queue = queue;
        this.requests = requests;
        this.items = items;
        this.views = views;
        this.actions = actions;
        this.notes = notes;
        this.assignments = assignments;
        this.agents = agents;
        this.bulk = bulk;
        this.onBehalf = onBehalf;
        this.clock = clock;
    }

    @GetMapping
    Mono<QueuePage> queue(
            @AuthenticationPrincipal Jwt token,
            @RequestParam(required = false) @Nullable String heldBy,
            @RequestParam(required = false) RequestStatus status,
            @RequestParam(required = false) RequestType type,
            @RequestParam(required = false) @Nullable String jurisdiction,
            @RequestParam(required = false) Boolean overdue,
            @RequestParam(required = false) @Nullable Instant dueBefore,
            @RequestParam(required = false) @Nullable String after,
            @RequestParam(required = false) Integer limit) {
        var now = clock.instant();
        var filter = new QueueFilter(
                status,
                type,
                jurisdiction == null ? null : jurisdiction.toUpperCase(java.util.Locale.ROOT),
                overdue,
                dueBefore == null ? null : InstantRange.check("dueBefore", dueBefore, now),
                after == null ? null : QueueFilter.Cursor.decode(after, now),
                QueueFilter.limit(limit),
                null,
                false);
        return queue.page(QueueFilter.held(filter, heldBy, token.getSubject()))
                .flatMap(page -> items.of(page.items())
                        .map(list -> new QueuePage(
                                list, page.next() == null ? null : page.next().encode())));
    }

    /** One request as the queue shows it (with its holder and time left), rule in English. */
    @GetMapping("/{id}")
    Mono<QueueItem> one(@PathVariable UUID id) {
        return requests.find(id)
                .switchIfEmpty(Mono.error(
                        new ApiException(ProblemType.REQUEST_NOT_FOUND, "No request with this id is visible to you.")))
                .flatMap(items::of);
    }

    /**
     * An agent opens a request for a person who asked by phone or in writing, after checking who they are: {@code 201}
     * with the request, which is the person's (they get the usual mails); audited under the agent with the method.
     */
    @PostMapping
    Mono<ResponseEntity<QueueItem>> openOnBehalf(
            @AuthenticationPrincipal Jwt token, @Valid @RequestBody AgentBodies.OnBehalf body) {
        return onBehalf.open(Caller.from(token), body)
                .flatMap(items::of)
                .map(item -> ResponseEntity.created(URI.create(
                                "/api/v1/agent/requests/" + item.request().id()))
                        .body(item));
    }

    /** The caller takes the request; {@code 409 already-assigned} while another agent holds it. */
    @PostMapping("/{id}/take")
    Mono<QueueItem> take(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
        return assignments.take(agents.of(token), id).then(one(id));
    }

    /** The caller gives the request to another agent (by username), whoever held it. */
    @PostMapping("/{id}/assign")
    Mono<QueueItem> assign(
            @AuthenticationPrincipal Jwt token,
            @PathVariable UUID id,
            @Valid @RequestBody AgentBodies.Assignment body) {
        if (body.assignee() == null) {
            return Mono.error(ApiException.invalidField("assignee", "must be an agent's username"));
        }
        return agents.named(body.assignee())
                .flatMap(to -> assignments.assign(agents.of(token), id, to))
                .then(one(id));
    }

    @PostMapping("/{id}/release")
    Mono<QueueItem> release(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
        return assignments.release(agents.of(token), id).then(one(id));
    }

    /**
     * One action (APPROVE, ASSIGN) on up to {@value AgentBodies#BULK_MAX} requests; {@code 200} with each request's
     * result, whether or not it could be done.
     */
    @PostMapping("/bulk")
    Mono<BulkActions.Results> bulk(@AuthenticationPrincipal Jwt token, @Valid @RequestBody AgentBodies.Bulk body) {
        var action = java.util.Objects.requireNonNull(body.action());
        if (action != AgentBodies.BulkAction.ASSIGN && body.assignee() != null) {
            return Mono.error(ApiException.invalidField("assignee", "is only for ASSIGN"));
        }
        return bulk.run(
                Caller.from(token),
                agents.of(token),
                action,
                java.util.Objects.requireNonNull(body.requestIds()),
                body.assignee());
    }

    @PostMapping("/{id}/approve")
    Mono<RequestView> approve(
            @AuthenticationPrincipal Jwt token,
            @PathVariable UUID id,
            @Valid @RequestBody(required = false) AgentBodies.@Nullable Approval body) {
        return actions.approve(Caller.from(token), id, body == null ? null : body.accountId())
                .flatMap(views::of);
    }

    @PostMapping("/{id}/refuse")
    Mono<RequestView> refuse(
            @AuthenticationPrincipal Jwt token, @PathVariable UUID id, @Valid @RequestBody AgentBodies.Refusal body) {
        return actions.refuse(Caller.from(token), id, body.reason()).flatMap(views::of);
    }

    @PostMapping("/{id}/extend")
    Mono<RequestView> extend(
            @AuthenticationPrincipal Jwt token,
            @PathVariable UUID id,
            @Valid @RequestBody AgentBodies.ExtensionRequest body) {
        return actions.extend(Caller.from(token), id, body.reason()).flatMap(views::of);
    }

    @PostMapping("/{id}/cancel")
    Mono<RequestView> cancel(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
        return actions.cancel(Caller.from(token), id).flatMap(views::of);
    }

    @PostMapping("/{id}/tasks/{taskId}/retry")
    Mono<RequestView> retryTask(@AuthenticationPrincipal Jwt token, @PathVariable UUID id, @PathVariable UUID taskId) {
        return actions.retryTask(Caller.from(token), id, taskId).flatMap(views::of);
    }

    @PostMapping("/{id}/tasks/{taskId}/complete")
    Mono<RequestView> completeManualTask(
            @AuthenticationPrincipal Jwt token,
            @PathVariable UUID id,
            @PathVariable UUID taskId,
            @Valid @RequestBody AgentBodies.Note body) {
        return actions.completeManualTask(Caller.from(token), id, taskId, body.text())
                .flatMap(views::of);
    }

    @PostMapping("/{id}/notes")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<NoteStore.NoteView> addNote(
            @AuthenticationPrincipal Jwt token, @PathVariable UUID id, @Valid @RequestBody AgentBodies.Note body) {
        return actions.addNote(Caller.from(token), id, body.text());
    }

    @GetMapping("/{id}/notes")
    Mono<List<NoteStore.NoteView>> notes(@PathVariable UUID id) {
        return notes.of(id).collectList();
    }
}
