package dev.rightsplatform.rights.consent;

import dev.rightsplatform.rights.security.Caller;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Global Privacy Control as an opt-out: for every purpose of the catalogue marked {@code gpc}, a withdrawal with method
 * GPC, propagated like any other, once per person and purpose. A quick read comes first, so the usual case (nothing
 * left to do) takes no lock; people GPC has opted out of every GPC purpose are remembered, so their requests skip the
 * database altogether (GPC never acts for them again). Simultaneous requests of one person on this instance share one
 * recording instead of queueing on the ledger's lock (other instances are kept apart by the lock itself).
 */
@Component
class GpcOptOut {

    private final ConsentCatalogue catalogue;
    private final ConsentLedger ledger;
    private final ConsentChanges changes;
    private final ConsentCallers callers;
    private final int rememberAtMost;
    private final Set<String> optedOut = ConcurrentHashMap.newKeySet();
    private final Map<String, Mono<Void>> inFlight = new ConcurrentHashMap<>();

    GpcOptOut(
            ConsentCatalogue catalogue,
            ConsentLedger ledger,
            ConsentChanges changes,
            ConsentCallers callers,
            ConsentProperties properties) {
        this.catalogue = catalogue;
        this.ledger = ledger;
        this.changes = changes;
        this.callers = callers;
        this.rememberAtMost = properties.gpc().rememberedSubjects();
    }

    /** Records what is missing of the person's GPC opt-out; completes once it is stored. */
    Mono<Void> honour(Caller caller) {
        if (catalogue.gpcPurposes().isEmpty() || optedOut.contains(caller.subjectId())) {
            return Mono.empty();
        }
        var subjectId = caller.subjectId();
        return Mono.defer(() -> inFlight.computeIfAbsent(
                subjectId,
                id -> record(caller).doFinally(signal -> inFlight.remove(id)).cache()));
    }

    private Mono<Void> record(Caller caller) {
        var purposes = catalogue.gpcPurposes();
        return ledger.gpcLook(caller.subjectId(), purposes)
                .collect(Collectors.toMap(ConsentLedger.GpcLook::purpose, Function.identity()))
                .flatMap(looks -> {
                    var pending = purposes.stream()
                            .filter(purpose -> needsOptOut(looks.get(purpose)))
                            .toList();
                    var change = callers.gpc(caller);
                    return Flux.fromIterable(pending)
                            .concatMap(purpose -> changes.withdraw(change, catalogue.require(purpose), null))
                            .filter(ConsentChanges.Outcome::changed)
                            .map(outcome -> outcome.latest().purpose())
                            .collectList()
                            .doOnNext(done -> rememberIfComplete(caller.subjectId(), looks, done))
                            .then();
                });
    }

    private static boolean needsOptOut(ConsentLedger.@Nullable GpcLook look) {
        return look == null || !look.optedOut() && look.latest() != ConsentAction.WITHDRAWN;
    }

    /** Remembers the person once GPC has opted them out of every GPC purpose, just now or before. */
    private void rememberIfComplete(String subjectId, Map<String, ConsentLedger.GpcLook> looks, List<String> done) {
        var complete = catalogue.gpcPurposes().stream()
                .allMatch(purpose -> done.contains(purpose)
                        || looks.containsKey(purpose) && looks.get(purpose).optedOut());
        if (!complete) {
            return;
        }
        if (optedOut.size() >= rememberAtMost) {
            optedOut.clear(); // a crude bound: forgetting someone costs one quick read on their next request
        }
        optedOut.add(subjectId);
    }
}
