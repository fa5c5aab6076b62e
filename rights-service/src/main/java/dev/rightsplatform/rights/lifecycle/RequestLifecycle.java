package dev.rightsplatform.rights.lifecycle;

import dev.rightsplatform.rights.audit.AuditTrail;
import dev.rightsplatform.rights.lifecycle.LifecycleCommand.Approve;
import dev.rightsplatform.rights.lifecycle.LifecycleCommand.ArchiveReady;
import dev.rightsplatform.rights.lifecycle.LifecycleCommand.Cancel;
import dev.rightsplatform.rights.lifecycle.LifecycleCommand.EndCoolingOff;
import dev.rightsplatform.rights.lifecycle.LifecycleCommand.EscalateLateTask;
import dev.rightsplatform.rights.lifecycle.LifecycleCommand.ExpireUnverified;
import dev.rightsplatform.rights.lifecycle.LifecycleCommand.Extend;
import dev.rightsplatform.rights.lifecycle.LifecycleCommand.RaiseDeadlineAlert;
import dev.rightsplatform.rights.lifecycle.LifecycleCommand.RecomputeDeadline;
import dev.rightsplatform.rights.lifecycle.LifecycleCommand.RecordResult;
import dev.rightsplatform.rights.lifecycle.LifecycleCommand.Refuse;
import dev.rightsplatform.rights.lifecycle.LifecycleCommand.RetryTask;
import dev.rightsplatform.rights.lifecycle.LifecycleCommand.SendVerificationCode;
import dev.rightsplatform.rights.lifecycle.LifecycleCommand.Submit;
import dev.rightsplatform.rights.lifecycle.LifecycleCommand.Verify;
import dev.rightsplatform.rights.outbox.Outbox;
import dev.rightsplatform.rights.web.ApiException;
import dev.rightsplatform.rights.web.ProblemType;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The one way to change a request: {@link #handle} takes a {@link LifecycleCommand}, locks the request, applies the
 * command to it and its tasks along the declared {@link Workflow}, and saves the new state, the audit entries and the
 * outbox messages in one transaction (the caller's, if it has one). Controllers, the deadline scan, the partner API and
 * the task-result listener only send commands.
 */
@Service
public class RequestLifecycle {

    /** The actor the audit trail names for what the service does by itself. */
    public static final String SYSTEM = "system:rights-service";

    private final RequestStore requests;
    private final Submissions submissions;
    private final Answers answers;
    private final StepProgress progress;
    private final Interventions interventions;
    private final Timers timers;
    private final Transitions transitions;
    private final AuditTrail audit;
    private final Outbox outbox;
    private final TransactionalOperator transactional;
    private final RequestTraces traces;

    RequestLifecycle(
            RequestStore requests,
            Submissions submissions,
            Answers answers,
            StepProgress progress,
            Interventions interventions,
            Timers timers,
            Transitions transitions,
            AuditTrail audit,
            Outbox outbox,
            TransactionalOperator transactional,
            RequestTraces traces) {
        this.requests = requests;
        this.submissions = submissions;
        this.answers = answers;
        this.progress = progress;
        this.interventions = interventions;
        this.timers = timers;
        this.transitions = transitions;
        this.audit = audit;
        this.outbox = outbox;
        this.transactional = transactional;
        this.traces = traces;
    }

    /**
     * Emits the request as the command left it; nothing when the command found nothing to do (an answer already
     * recorded, a cooling-off no longer running, an alert already raised). A request that does not exist is a
     * {@code 404 request-not-found}, a command its state does not allow an {@link IllegalTransitionException}. A
     * command without a trace of its own (a scheduler's) continues the trace the request was submitted in
     * ({@link RequestTraces}).
     */
    public Mono<RightsRequest> handle(LifecycleCommand command) {
        // the observers run first (they may add messages), then the command's audit entries and messages are written,
        // one statement each, inside the transaction; a command no trace came with continues its request's trace
        var work = transitions.observing(Mono.defer(() -> apply(command)));
        return traces.continued(command, outbox.batching(audit.batching(work)).as(transactional::transactional));
    }

    private Mono<RightsRequest> apply(LifecycleCommand command) {
        if (command instanceof Submit submit) {
            return submissions.submit(submit);
        }
        if (command instanceof RecordResult answer) {
            return answers.record(answer);
        }
        if (command instanceof Verify verify) {
            return onLocked(verify.requestId(), request -> submissions.verify(request, verify));
        }
        if (command instanceof SendVerificationCode code) {
            return onLocked(code.requestId(), request -> submissions.sendVerificationCode(request, code));
        }
        if (command instanceof Approve approve) {
            return onLocked(approve.requestId(), request -> submissions.approve(request, approve));
        }
        if (command instanceof Refuse refuse) {
            return onLocked(refuse.requestId(), request -> interventions.refuse(request, refuse));
        }
        if (command instanceof Extend extend) {
            return onLocked(extend.requestId(), request -> interventions.extend(request, extend));
        }
        if (command instanceof Cancel cancel) {
            return onLocked(cancel.requestId(), request -> interventions.cancel(request, cancel.actor(), Map.of()));
        }
        if (command instanceof RetryTask retry) {
            return onLocked(retry.requestId(), request -> interventions.retry(request, retry));
        }
        if (command instanceof ArchiveReady ready) {
            return requests.lock(ready.requestId()).flatMap(request -> progress.archiveReady(request, ready));
        }
        if (command instanceof EndCoolingOff end) {
            return timers.endCoolingOff(end);
        }
        if (command instanceof ExpireUnverified expire) {
            return timers.expireUnverified(expire);
        }
        if (command instanceof RaiseDeadlineAlert alert) {
            return timers.raise(alert);
        }
        if (command instanceof EscalateLateTask late) {
            return timers.escalate(late);
        }
        if (command instanceof RecomputeDeadline recompute) {
            return timers.recompute(recompute);
        }
        return Mono.error(new IllegalArgumentException("no handler for " + command));
    }

    private Mono<RightsRequest> onLocked(UUID id, Function<RightsRequest, Mono<RightsRequest>> action) {
        return requests.lock(id).switchIfEmpty(notFound()).flatMap(action);
    }

    private static <T> Mono<T> notFound() {
        return Mono.error(
                new ApiException(ProblemType.REQUEST_NOT_FOUND, "No request with this id is visible to you."));
    }
}
