package dev.rightsplatform.rights.request;

import dev.rightsplatform.rights.lifecycle.LifecycleCommand;
import dev.rightsplatform.rights.lifecycle.RequestLifecycle;
import dev.rightsplatform.rights.lifecycle.RightsRequest;
import dev.rightsplatform.rights.security.Caller;
import dev.rightsplatform.rights.type.RequestType;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Requests a partner app submits on a person's behalf (the OpenDSR API): the same lifecycle, deadlines and fan-out
 * as the person's own, with the clock started when the person asked the partner, and the partner named in the audit
 * trail. Both methods run in the caller's transaction.
 */
@Service
public class PartnerSubmissions {

    private final RequestSubmission submission;
    private final RequestLifecycle lifecycle;

    PartnerSubmissions(RequestSubmission submission, RequestLifecycle lifecycle) {
        this.submission = submission;
        this.lifecycle = lifecycle;
    }

    /**
     * The person as their link to the partner knows them: account id, and the address and language they had when they
     * authorised the partner, so they are told at once, in their language, what the partner started (and, for a
     * deregistration, that they can cancel it during the cooling-off).
     */
    public Mono<RightsRequest> submit(
            String subjectId,
            @Nullable String email,
            String locale,
            RequestType type,
            String jurisdiction,
            Instant clockStart,
            String actor) {
        var caller = new Caller(subjectId, email, locale, jurisdiction, Set.of());
        return submission.submit(caller, new SubmitRequestBody(type, jurisdiction), clockStart, actor);
    }

    public Mono<RightsRequest> cancel(UUID requestId, String actor) {
        return lifecycle.handle(new LifecycleCommand.Cancel(requestId, actor));
    }
}
