package dev.rightsplatform.rights.request;

import dev.rightsplatform.rights.audit.AuditTrail;
import dev.rightsplatform.rights.lifecycle.RequestStore;
import dev.rightsplatform.rights.lifecycle.RightsRequest;
import dev.rightsplatform.rights.security.AccountDirectory;
import dev.rightsplatform.rights.security.Caller;
import dev.rightsplatform.rights.security.Role;
import dev.rightsplatform.rights.type.RequestType;
import dev.rightsplatform.rights.web.ApiException;
import dev.rightsplatform.rights.web.ProblemType;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * A request an agent opens for a person who called or wrote in, once the agent has checked who they are. The request is
 * the person's (their account id, e-mail address and language from Keycloak, so they get the usual mails and see it in
 * their list); it is submitted under the agent's name, and one more audit entry records that it was opened on the
 * person's behalf and how their identity was verified. The agent's note goes beside the request, like every note.
 */
@Service
class OnBehalfRequests {

    /** What an agent may open for someone: consent is withdrawn through the consent API, also for agents. */
    static final Set<RequestType> TYPES = Set.of(RequestType.ACCESS, RequestType.EXPORT, RequestType.DEREGISTER);

    private final AccountDirectory directory;
    private final RequestSubmission submission;
    private final RequestStore requests;
    private final NoteStore notes;
    private final AuditTrail audit;
    private final Actors actors;
    private final Jurisdictions jurisdictions;
    private final TransactionalOperator transactional;
    private final Clock clock;

    OnBehalfRequests(
            AccountDirectory directory,
            RequestSubmission submission,
            RequestStore requests,
            NoteStore notes,
            AuditTrail audit,
            Actors actors,
            Jurisdictions jurisdictions,
            TransactionalOperator transactional,
            Clock clock) {
        this.directory = directory;
        this.submission = submission;
        this.requests = requests;
        this.notes = notes;
        this.audit = audit;
        this.actors = actors;
        this.jurisdictions = jurisdictions;
        this.transactional = transactional;
        this.clock = clock;
    }

    Mono<RightsRequest> open(Caller agent, AgentBodies.OnBehalf body) {
        var type = java.util.Objects.requireNonNull(body.type());
        var verification = java.util.Objects.requireNonNull(body.verification());
        if (!TYPES.contains(type)) {
            return Mono.error(ApiException.invalidField("type", "must be ACCESS, EXPORT or DEREGISTER"));
        }
        var actor = actors.of(agent);
        return person(java.util.Objects.requireNonNull(body.subject())).flatMap(account -> {
            var subject = new RightsRequest.Subject(
                    account.id(),
                    account.email(),
                    account.locale(),
                    jurisdictions.resolve(body.jurisdiction(), account.jurisdiction()));
            return submission
                    .accept(subject, type, null, actor)
                    .flatMap(request -> notes.add(
                                    request.id(),
                                    actor,
                                    java.util.Objects.requireNonNull(verification.note()),
                                    clock.instant())
                            .flatMap(note -> audit.append(
                                    request.id(),
                                    actor,
                                    "request.opened-on-behalf",
                                    Map.of(
                                            "verification",
                                            java.util.Objects.requireNonNull(verification.method())
                                                    .name(),
                                            "noteId",
                                            note.id().toString())))
                            .thenReturn(request))
                    .as(transactional::transactional)
                    .onErrorResume(
                            DuplicateKeyException.class,
                            e -> requests.findOpen(account.id(), type)
                                    .flatMap(open -> Mono.error(new ApiException(
                                            ProblemType.DUPLICATE_REQUEST,
                                            "The person already has an open request of this type.",
                                            Map.of("openRequestId", open.id().toString())))));
        });
    }

    /** The person's own account: found, enabled, and a data subject's (never staff's or a service's). */
    private Mono<AccountDirectory.Account> person(String usernameOrEmail) {
        return directory
                .find(usernameOrEmail)
                .filter(account -> account.enabled() && account.has(Role.DATA_SUBJECT) && !account.isAgent())
                .switchIfEmpty(Mono.error(new ApiException(
                        ProblemType.ACCOUNT_NOT_FOUND,
                        "No person's account has this username or e-mail address.",
                        Map.of())));
    }
}
