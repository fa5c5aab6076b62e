package dev.rightsplatform.rights.request;

import dev.rightsplatform.rights.audit.AuditTrail;
import dev.rightsplatform.rights.audit.Pseudonyms;
import dev.rightsplatform.rights.deadline.DeadlinePolicy;
import dev.rightsplatform.rights.security.Caller;
import dev.rightsplatform.rights.task.TaskStore;
import dev.rightsplatform.rights.web.ApiException;
import dev.rightsplatform.rights.web.ProblemType;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Accepts a request: stores it, its audit entries, its tasks and the outbox messages that start the work. Runs inside
 * the caller's transaction ({@link RequestIntake}), so an accepted request is never lost and never half-started.
 */
@Service
class RequestSubmission {

    private final RequestStore requests;
    private final TaskStore tasks;
    private static final Logger log = LoggerFactory.getLogger(RequestSubmission.class);

    private final WorkStarter workStarter;
    private final AuditTrail audit;
    private final Pseudonyms pseudonyms;
    private final Transitions transitions;
    private final DeadlinePolicy deadlines;
    private final Jurisdictions jurisdictions;
    private final TaskPlan plan;
    private final Clock clock;

    RequestSubmission(
            RequestStore requests,
            TaskStore tasks,
            WorkStarter workStarter,
            Pseudonyms pseudonyms,
            Transitions transitions,
            DeadlinePolicy deadlines,
            Jurisdictions jurisdictions,
            TaskPlan plan,
            AuditTrail audit,
            Clock clock) {
        this.audit = audit;
        this.requests = requests;
        this.tasks = tasks;
        this.workStarter = workStarter;
        this.pseudonyms = pseudonyms;
        this.transitions = transitions;
        this.deadlines = deadlines;
        this.jurisdictions = jurisdictions;
        this.plan = plan;
        this.clock = clock;
    }

    Mono<RightsRequest> submit(Caller caller, SubmitRequestBody body) {
        return submit(caller, body, clock.instant(), pseudonyms.subject(caller.subjectId()));
    }

    /**
     * {@code clockStart}: when the deadline starts to run — now, or the time a partner's user asked (OpenDSR's
     * submitted_time); {@code actor}: who submitted, as the audit trail names them.
     */
    Mono<RightsRequest> submit(Caller caller, SubmitRequestBody body, java.time.Instant clockStart, String actor) {
        var type = body.type();
        if (type == RequestType.WITHDRAW_CONSENT) {
            // the consent ledger records the withdrawal first and then opens the request (WithdrawalRequests)
            return Mono.error(new ApiException(
                    ProblemType.USE_CONSENT_API,
                    "Consent is withdrawn with POST /api/v1/consents/{purpose}/withdraw.",
                    Map.of("use", "/api/v1/consents/{purpose}/withdraw")));
        }
        var jurisdiction = jurisdictions.resolve(body.jurisdiction(), caller.jurisdiction());
        return accept(
                new RightsRequest.Subject(caller.subjectId(), caller.email(), caller.locale(), jurisdiction),
                type,
                null,
                actor,
                clockStart);
    }

    /**
     * Stores a request received now, plans its tasks and starts it; {@code actor} names who submitted it in the audit
     * trail, {@code purpose} is the consent purpose of a withdrawal (else null).
     */
    Mono<RightsRequest> accept(RightsRequest.Subject subject, RequestType type, String purpose, String actor) {
        return accept(subject, type, purpose, actor, clock.instant());
    }

    /** As above, with the deadline running from {@code clockStart} (a partner's submitted_time) rather than now. */
    private Mono<RightsRequest> accept(
            RightsRequest.Subject subject,
            RequestType type,
            @Nullable String purpose,
            String actor,
            java.time.Instant clockStart) {
        var now = clock.instant();
        var jurisdiction = subject.jurisdiction();
        // signed in (or an agent or partner acting for them): identity is verified at receipt, where a rule counts
        // from that
        var received = RightsRequest.receive(
                UUID.randomUUID(),
                subject,
                type,
                now,
                deadlines.dueDateFor(type, jurisdiction, clockStart, clockStart),
                purpose);
        var planned = plan.tasksFor(received);
        var detail = new HashMap<String, Object>(Map.of(
                "type",
                type.name(),
                "jurisdiction",
                jurisdiction,
                "regime",
                received.deadline().regime(),
                "dueAt",
                received.deadline().dueAt().toString(),
                "rule",
                received.deadline().rule()));
        if (purpose != null) {
            detail.put("purpose", purpose);
        }
        return requests.insert(received)
                .then(transitions.apply(
                        new RightsRequest.Transition(received, List.of(LifecycleEvent.RECEIVED)), actor, detail))
                .then(received.deadline().provisional() ? provisionalAlert(received) : Mono.empty())
                .then(Flux.fromIterable(planned).concatMap(tasks::insert).then())
                .then(workStarter.proceed(received));
    }

    /** Calendar data was missing: the operator must supply it; the deadline is recomputed at the next start. */
    private Mono<Void> provisionalAlert(RightsRequest request) {
        log.warn(
                "request {} has a provisional deadline: calendar data for {} is missing",
                request.id(),
                request.subject().jurisdiction());
        return audit.append(
                request.id(),
                WorkStarter.SYSTEM,
                "deadline.provisional",
                Map.of(
                        "jurisdiction",
                        request.subject().jurisdiction(),
                        "dueAt",
                        request.deadline().dueAt().toString()));
    }
}
