package dev.rightsplatform.rights.lifecycle;

import dev.rightsplatform.observability.ContextThreadLocals;
import dev.rightsplatform.rights.audit.AuditTrail;
import dev.rightsplatform.rights.task.TaskStore;
import dev.rightsplatform.rights.web.ApiException;
import dev.rightsplatform.rights.web.ProblemType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A request's way in, up to the first step of its workflow: accepted (its deadline computed, its tasks planned),
 * verified where it came by e-mail, approved where an agent must review it. A new request is decided in memory —
 * received, then started, waiting for review or waiting for its code — and its row written once.
 */
@Component
class Submissions {

    private static final Logger log = LoggerFactory.getLogger(Submissions.class);

    private final RequestStore requests;
    private final TaskStore tasks;
    private final TaskPlan plan;
    private final Transitions transitions;
    private final RequestEvents events;
    private final StepProgress progress;
    private final DeadlinePolicy deadlines;
    private final ReviewProperties review;
    private final AuditTrail audit;
    private final Clock clock;

    Submissions(
            RequestStore requests,
            TaskStore tasks,
            TaskPlan plan,
            Transitions transitions,
            RequestEvents events,
            StepProgress progress,
            DeadlinePolicy deadlines,
            ReviewProperties review,
            AuditTrail audit,
            Clock clock) {
        this.requests = requests;
        this.tasks = tasks;
        this.plan = plan;
        this.transitions = transitions;
        this.events = events;
        this.progress = progress;
        this.deadlines = deadlines;
        this.review = review;
        this.audit = audit;
        this.clock = clock;
    }

    Mono<RightsRequest> submit(LifecycleCommand.Submit command) {
        var verified = command.identity() == LifecycleCommand.Submit.Identity.VERIFIED;
        var now = clock.instant();
        var jurisdiction = command.subject().jurisdiction();
        // signed in (or an agent or partner acting for them): identity is verified at receipt, where a rule counts
        // from that; by e-mail: from receipt until the code comes back
        var deadline = verified
                ? deadlines.dueDateFor(command.type(), jurisdiction, command.clockStart(), command.clockStart())
                : deadlines.dueDateFor(command.type(), jurisdiction, now);
        var received = RightsRequest.receive(
                UUID.randomUUID(), command.subject(), command.type(), now, deadline, command.purpose());
        var planned = plan.tasksFor(received.request());
        var after = new ArrayList<Transitions.Applied>();
        if (!verified) {
            after.add(applied(received.request().awaitVerification(), Map.of()));
        } else if (review.required(command.type())) {
            after.add(applied(received.request().awaitReview(), Map.of()));
        } else {
            var started = received.request().start();
            after.add(applied(started, Map.of()));
            if (planned.isEmpty()) {
                after.add(applied(started.request().complete(now), Map.of("systems", 0)));
            }
        }
        var last = after.get(after.size() - 1).transition().request();
        return requests.insert(last)
                .then(transitions.record(new Transitions.Applied(
                        received, command.actor(), receivedDetail(command, received.request()))))
                .then(verified && deadline.provisional() ? provisionalAlert(received.request()) : Mono.empty())
                .then(Flux.fromIterable(after).concatMap(transitions::record).then())
                .then(
                        last.status() == RequestStatus.IN_PROGRESS && !planned.isEmpty()
                                ? progress.insertAndDispatch(last, planned, StepProgress.nextSequence(planned))
                                : tasks.insertAll(planned))
                .thenReturn(last);
    }

    private static Transitions.Applied applied(RightsRequest.Transition transition, Map<String, ?> detail) {
        return new Transitions.Applied(transition, RequestLifecycle.SYSTEM, detail);
    }

    private static Map<String, Object> receivedDetail(LifecycleCommand.Submit command, RightsRequest received) {
        if (command.identity() == LifecycleCommand.Submit.Identity.EMAIL_UNVERIFIED) {
            return Map.of(
                    "type",
                    command.type().name(),
                    "jurisdiction",
                    command.subject().jurisdiction(),
                    "channel",
                    "email-verification");
        }
        var detail = new HashMap<String, Object>(Map.of(
                "type",
                command.type().name(),
                "jurisdiction",
                command.subject().jurisdiction(),
                "regime",
                received.deadline().regime(),
                "dueAt",
                received.deadline().dueAt().toString(),
                "rule",
                received.deadline().rule()));
        if (command.purpose() != null) {
            detail.put("purpose", command.purpose());
        }
        return detail;
    }

    /** Calendar data was missing: the operator must supply it; the deadline is recomputed at the next start. */
    private Mono<Void> provisionalAlert(RightsRequest request) {
        return ContextThreadLocals.defer(() -> {
            log.warn(
                    "request {} has a provisional deadline: calendar data for {} is missing",
                    request.id(),
                    request.subject().jurisdiction());
            return audit.append(
                    request.id(),
                    RequestLifecycle.SYSTEM,
                    "deadline.provisional",
                    Map.of(
                            "jurisdiction",
                            request.subject().jurisdiction(),
                            "dueAt",
                            request.deadline().dueAt().toString()));
        });
    }

    /** The clock restarts where the rule says; an agent links the request to the account before anything runs. */
    Mono<RightsRequest> verify(RightsRequest request, LifecycleCommand.Verify command) {
        var deadline = deadlines.dueDateFor(
                request.type(), request.subject().jurisdiction(), request.receivedAt(), command.at());
        return transitions
                .apply(request.verified(), RequestLifecycle.SYSTEM, Map.of())
                .flatMap(verified -> transitions.apply(
                        verified.withRecomputedDeadline(deadline).awaitReview(),
                        RequestLifecycle.SYSTEM,
                        Map.of(
                                "dueAt",
                                deadline.dueAt().toString(),
                                "reason",
                                "verified by e-mail: an agent links the account")));
    }

    Mono<RightsRequest> sendVerificationCode(RightsRequest request, LifecycleCommand.SendVerificationCode command) {
        if (request.status() != RequestStatus.AWAITING_VERIFICATION) {
            return Mono.error(new IllegalTransitionException(request.id(), request.status(), "be sent a code"));
        }
        return events.publishVerificationCode(request, command.code(), command.expiresAt())
                .thenReturn(request);
    }

    /**
     * Starts a request that waited for review. One verified by e-mail (no login) names no account yet: the agent links
     * the account it belongs to, so the systems know whom to erase.
     */
    Mono<RightsRequest> approve(RightsRequest request, LifecycleCommand.Approve command) {
        if (!request.subject().verifiedByEmail()) {
            return start(request, command.actor());
        }
        if (command.accountId() == null || command.accountId().isBlank()) {
            return Mono.error(new ApiException(
                    ProblemType.ACCOUNT_REQUIRED,
                    "This request was verified by e-mail: give the accountId it belongs to."));
        }
        var id = request.id();
        return requests.linkAccount(id, command.accountId())
                .then(audit.append(id, command.actor(), "account.linked", Map.of()))
                .then(requests.lock(id))
                .flatMap(linked -> start(linked, command.actor()))
                .onErrorMap(
                        DuplicateKeyException.class,
                        e -> new ApiException(
                                ProblemType.DUPLICATE_REQUEST,
                                "That account already has an open request of this type."));
    }

    private Mono<RightsRequest> start(RightsRequest awaitingReview, String agent) {
        return transitions.apply(awaitingReview.approve(), agent, Map.of()).flatMap(progress::dispatchNext);
    }
}
