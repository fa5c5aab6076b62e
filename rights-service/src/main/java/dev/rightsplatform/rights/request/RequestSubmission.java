package dev.rightsplatform.rights.request;

import dev.rightsplatform.rights.audit.Pseudonyms;
import dev.rightsplatform.rights.lifecycle.LifecycleCommand;
import dev.rightsplatform.rights.lifecycle.RequestLifecycle;
import dev.rightsplatform.rights.lifecycle.RightsRequest;
import dev.rightsplatform.rights.security.Caller;
import dev.rightsplatform.rights.type.RequestType;
import dev.rightsplatform.rights.web.ApiException;
import dev.rightsplatform.rights.web.ProblemType;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * A request from someone who is signed in (or a partner or the consent ledger acting for them): whose it is, where,
 * of which type, sent to the {@link RequestLifecycle} to be accepted. Runs inside the caller's transaction
 * ({@link RequestIntake}), so an accepted request is never lost and never half-started.
 */
@Service
class RequestSubmission {

    private final RequestLifecycle lifecycle;
    private final Pseudonyms pseudonyms;
    private final Jurisdictions jurisdictions;
    private final Clock clock;

    RequestSubmission(RequestLifecycle lifecycle, Pseudonyms pseudonyms, Jurisdictions jurisdictions, Clock clock) {
        this.lifecycle = lifecycle;
        this.pseudonyms = pseudonyms;
        this.jurisdictions = jurisdictions;
        this.clock = clock;
    }

    Mono<RightsRequest> submit(Caller caller, SubmitRequestBody body) {
        return submit(caller, body, clock.instant(), pseudonyms.subject(caller.subjectId()));
    }

    /**
     * {@code clockStart}: when the deadline starts to run — now, or the time a partner's user asked (OpenDSR's
     * submitted_time); {@code actor}: who submitted, as the audit trail names them.
     */
    Mono<RightsRequest> submit(Caller caller, SubmitRequestBody body, Instant clockStart, String actor) {
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
     * A request received now; {@code actor} names who submitted it in the audit trail, {@code purpose} is the consent
     * purpose of a withdrawal (else null).
     */
    Mono<RightsRequest> accept(
            RightsRequest.Subject subject, RequestType type, @Nullable String purpose, String actor) {
        return accept(subject, type, purpose, actor, clock.instant());
    }

    private Mono<RightsRequest> accept(
            RightsRequest.Subject subject,
            RequestType type,
            @Nullable String purpose,
            String actor,
            Instant clockStart) {
        return lifecycle.handle(new LifecycleCommand.Submit(
                subject, type, purpose, clockStart, actor, LifecycleCommand.Submit.Identity.VERIFIED));
    }
}
