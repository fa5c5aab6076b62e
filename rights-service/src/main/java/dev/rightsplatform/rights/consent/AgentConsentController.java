package dev.rightsplatform.rights.consent;

import dev.rightsplatform.rights.web.ApiException;
import dev.rightsplatform.rights.web.ProblemType;
import jakarta.validation.Valid;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Agents on a person's behalf (support agents and the privacy officer, enforced in SecurityConfig): read the person's
 * consents, and record a withdrawal the person asked for, audited under the agent. Agents cannot grant: consent must
 * come from the person.
 */
@RestController
@RequestMapping("/api/v1/agent/subjects/{subjectId}/consents")
class AgentConsentController {

    /** An account id as Keycloak issues them (a UUID), or another id of visible ASCII. */
    private static final String SUBJECT_ID = "^[\\x21-\\x7E]{1,255}$";

    private final ConsentCatalogue catalogue;
    private final ConsentLedger ledger;
    private final ConsentChanges changes;
    private final ConsentCallers callers;

    AgentConsentController(
            ConsentCatalogue catalogue, ConsentLedger ledger, ConsentChanges changes, ConsentCallers callers) {
        this.catalogue = catalogue;
        this.ledger = ledger;
        this.changes = changes;
        this.callers = callers;
    }

    @GetMapping
    Mono<ResponseEntity<List<ConsentViews.ConsentState>>> consents(
            @PathVariable String subjectId,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) @Nullable String acceptLanguage) {
        return ConsentController.states(
                catalogue, ledger, checked(subjectId), NoticeLanguage.forAcceptLanguage(acceptLanguage));
    }

    @GetMapping("/history")
    Mono<ConsentViews.HistoryPage> history(
            @PathVariable String subjectId,
            @RequestParam(required = false) @Nullable Long before,
            @RequestParam(required = false) @Nullable Integer limit) {
        return ConsentController.history(ledger, checked(subjectId), before, limit, ConsentViews.HistoryItem::forAgent);
    }

    /** {@code 202} with the request that propagates it, or {@code 200} when the purpose was already withdrawn. */
    @PostMapping("/{purpose}/withdraw")
    Mono<ResponseEntity<ConsentViews.ConsentState>> withdraw(
            @AuthenticationPrincipal Jwt token,
            @PathVariable String subjectId,
            @PathVariable String purpose,
            @Valid @RequestBody ConsentBodies.AgentWithdrawal body,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) @Nullable String acceptLanguage) {
        var known = catalogue.require(purpose);
        return changes.withdraw(callers.agent(token, checked(subjectId), body.jurisdiction()), known, body.note())
                .map(outcome ->
                        ConsentController.withdrawn(known, outcome, NoticeLanguage.forAcceptLanguage(acceptLanguage)));
    }

    private static String checked(String subjectId) {
        if (!subjectId.matches(SUBJECT_ID)) {
            throw new ApiException(ProblemType.INVALID_REQUEST, "The subject id is not a valid account id.");
        }
        return subjectId;
    }
}
