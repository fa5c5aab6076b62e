package dev.rightsplatform.rights.consent;

import dev.rightsplatform.rights.audit.AuditTrail;
import dev.rightsplatform.rights.request.WithdrawalRequests;
import dev.rightsplatform.rights.web.ApiException;
import dev.rightsplatform.rights.web.ProblemType;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Grants and withdrawals, each in one transaction under the ledger's lock for the person and purpose: the event, its
 * audit entry and, for a withdrawal, the WITHDRAW_CONSENT request that carries it to the systems (with its tasks and
 * outbox messages). A withdrawal of a purpose already withdrawn, or a grant of the version already granted, changes
 * nothing and answers the current state.
 */
@Service
class ConsentChanges {

    /**
     * Who makes a change and how: {@code who} names the person (and how to reach them for the withdrawal's request)
     * and the actor of the audit trail; {@code agentId} is the agent's account id for method AGENT.
     */
    record Change(
            WithdrawalRequests.Withdrawer who,
            ConsentMethod method,
            @Nullable String agentId) {}

    /** The purpose's latest event after the call (null: never consented to), and whether the call appended it. */
    record Outcome(@Nullable ConsentEvent latest, boolean changed) {}

    private final ConsentLedger ledger;
    private final WithdrawalRequests withdrawals;
    private final AuditTrail audit;
    private final TransactionalOperator transactional;
    private final Clock clock;

    ConsentChanges(
            ConsentLedger ledger,
            WithdrawalRequests withdrawals,
            AuditTrail audit,
            TransactionalOperator transactional,
            Clock clock) {
        this.ledger = ledger;
        this.withdrawals = withdrawals;
        this.audit = audit;
        this.transactional = transactional;
        this.clock = clock;
    }

    /** The person consents to {@code purpose} as worded in notice {@code version} (a version the catalogue knows). */
    Mono<Outcome> grant(Change change, ConsentCatalogue.Purpose purpose, String version) {
        if (!purpose.knows(version)) {
            return Mono.error(new ApiException(
                    ProblemType.UNKNOWN_NOTICE_VERSION,
                    "This purpose has no notice of that version.",
                    Map.of("currentNoticeVersion", purpose.currentVersion())));
        }
        var subjectId = change.who().subjectId();
        return locked(subjectId, purpose.id(), latest -> {
            var current = latest.orElse(null);
            if (current != null
                    && current.action() == ConsentAction.GRANTED
                    && current.noticeVersion().equals(version)) {
                return Mono.just(new Outcome(current, false));
            }
            return ledger.append(
                            subjectId,
                            purpose.id(),
                            version,
                            ConsentAction.GRANTED,
                            change.method(),
                            clock.instant(),
                            null,
                            change.agentId(),
                            current)
                    .flatMap(event -> audit.append(null, change.who().actor(), "consent.granted", detail(event))
                            .thenReturn(new Outcome(event, true)));
        });
    }

    /**
     * Withdraws consent to {@code purpose} at once and opens the request that propagates it. A GPC withdrawal is made
     * once per person and purpose: a consent given after it stands (CCPA Regs. §7025(c)(3)). {@code note}: an agent's
     * note, kept beside the request.
     */
    Mono<Outcome> withdraw(Change change, ConsentCatalogue.Purpose purpose, @Nullable String note) {
        var subjectId = change.who().subjectId();
        return locked(subjectId, purpose.id(), latest -> {
            var current = latest.orElse(null);
            if (current != null && current.action() == ConsentAction.WITHDRAWN) {
                // nothing to change; an agent's note still joins the request that carries the withdrawal
                return (note == null || current.requestId() == null
                                ? Mono.<Void>empty()
                                : withdrawals.addNote(
                                        current.requestId(), change.who().actor(), note))
                        .thenReturn(new Outcome(current, false));
            }
            var gpcDone = change.method() == ConsentMethod.GPC
                    ? ledger.gpcOptedOut(subjectId, purpose.id())
                    : Mono.just(false);
            return gpcDone.flatMap(
                    done -> done ? Mono.just(new Outcome(current, false)) : record(change, purpose, current, note));
        });
    }

    private Mono<Outcome> record(
            Change change, ConsentCatalogue.Purpose purpose, @Nullable ConsentEvent current, @Nullable String note) {
        // the version withdrawn from: the one granted, else (an opt-out of what was never granted) the current notice
        var version = current == null ? purpose.currentVersion() : current.noticeVersion();
        var actor = change.who().actor();
        return withdrawals
                .open(change.who(), purpose.id())
                .flatMap(requestId -> ledger.append(
                                change.who().subjectId(),
                                purpose.id(),
                                version,
                                ConsentAction.WITHDRAWN,
                                change.method(),
                                clock.instant(),
                                requestId,
                                change.agentId(),
                                current)
                        .flatMap(event -> audit.append(requestId, actor, "consent.withdrawn", detail(event))
                                .then(note == null ? Mono.empty() : withdrawals.addNote(requestId, actor, note))
                                .thenReturn(new Outcome(event, true))));
    }

    private Mono<Outcome> locked(
            String subjectId, String purpose, Function<Optional<ConsentEvent>, Mono<Outcome>> change) {
        return ledger.lock(subjectId, purpose)
                .then(ledger.latest(subjectId, purpose).map(Optional::of).defaultIfEmpty(Optional.empty()))
                .flatMap(change)
                .as(transactional::transactional);
    }

    /** The audit detail: ids and the method, nothing personal. */
    private static Map<String, Object> detail(ConsentEvent event) {
        return Map.of(
                "purpose",
                event.purpose(),
                "noticeVersion",
                event.noticeVersion(),
                "method",
                event.method().name(),
                "consentEvent",
                event.seq());
    }
}
