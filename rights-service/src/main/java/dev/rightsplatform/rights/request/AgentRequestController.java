package dev.rightsplatform.rights.request;

import dev.rightsplatform.rights.lifecycle.RequestStatus;
import dev.rightsplatform.rights.security.Caller;
import dev.rightsplatform.rights.type.RequestType;
import dev.rightsplatform.rights.web.InstantRange;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
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
    record QueuePage(List<RequestView> items, String next) {}

    private final RequestQueue queue;
    private final RequestViews views;
    private final AgentActions actions;
    private final NoteStore notes;
    private final Clock clock;

    AgentRequestController(RequestQueue queue, RequestViews views, AgentActions actions, NoteStore notes, Clock clock) {
        this.queue = queue;
        this.views = views;
        this.actions = actions;
        this.notes = notes;
        this.clock = clock;
    }

    @GetMapping
    Mono<QueuePage> queue(
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
                QueueFilter.limit(limit));
        return queue.page(filter)
                .flatMap(page -> views.ofPage(page.items())
                        .map(items -> new QueuePage(
                                items, page.next() == null ? null : page.next().encode())));
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
