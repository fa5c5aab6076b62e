package dev.rightsplatform.rights.request;

import dev.rightsplatform.rights.audit.AuditTrail;
import dev.rightsplatform.rights.lifecycle.RequestStore;
import dev.rightsplatform.rights.lifecycle.RightsRequest;
import dev.rightsplatform.rights.type.RequestType;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The request side of a consent withdrawal: the consent ledger (package {@code consent}) records the withdrawal and,
 * in the same transaction, opens here the WITHDRAW_CONSENT request that carries it to every system processing data for
 * the purpose, with its legal deadline. Runs in the caller's transaction, which must hold the ledger's lock for the
 * person and purpose (so two withdrawals cannot both open a request).
 */
@Component
public class WithdrawalRequests {

    /**
     * Who withdraws: the person's account id, how to reach them (email may be null: an agent acting on their behalf
     * may not know it), the jurisdiction they or the agent named or their token claims (either may be null), and the
     * actor of the audit trail.
     */
    public record Withdrawer(
            String subjectId,
            String email,
            String locale,
            String requestedJurisdiction,
            String claimedJurisdiction,
            String actor) {}

    private final RequestSubmission submission;
    private final RequestStore requests;
    private final Jurisdictions jurisdictions;
    private final NoteStore notes;
    private final AuditTrail audit;
    private final Clock clock;

    WithdrawalRequests(
            RequestSubmission submission,
            RequestStore requests,
            Jurisdictions jurisdictions,
            NoteStore notes,
            AuditTrail audit,
            Clock clock) {
        this.audit = audit;
        this.submission = submission;
        this.requests = requests;
        this.jurisdictions = jurisdictions;
        this.notes = notes;
        this.clock = clock;
    }

    /**
     * The id of the request that propagates the withdrawal of {@code purpose}: a new one, or the person's withdrawal of
     * that purpose still open (its tasks will tell every system to stop, which is all a second withdrawal asks).
     */
    public Mono<UUID> open(Withdrawer who, String purpose) {
        return requests.findOpenWithdrawal(who.subjectId(), purpose)
                .map(RightsRequest::id)
                .switchIfEmpty(Mono.defer(() -> {
                    var jurisdiction = jurisdictions.resolve(who.requestedJurisdiction(), who.claimedJurisdiction());
                    var subject = new RightsRequest.Subject(who.subjectId(), who.email(), who.locale(), jurisdiction);
                    return submission
                            .accept(subject, RequestType.WITHDRAW_CONSENT, purpose, who.actor())
                            .map(RightsRequest::id);
                }));
    }

    /** An agent's note on the withdrawal (it may hold personal data: the audit trail records only that it exists). */
    public Mono<Void> addNote(UUID requestId, String author, String text) {
        return notes.add(requestId, author, text, clock.instant())
                .flatMap(note -> audit.append(
                        requestId,
                        author,
                        "note.added",
                        Map.of("noteId", note.id().toString())));
    }
}
