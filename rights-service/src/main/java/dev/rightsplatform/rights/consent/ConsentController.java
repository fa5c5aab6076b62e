package dev.rightsplatform.rights.consent;

import dev.rightsplatform.rights.web.ApiException;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
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
 * The person's consent API (role data-subject; the catalogue is public): only ever the caller's own consents, named by
 * the token's subject, never by a parameter. Texts come in the caller's {@code Accept-Language} (zh-CN or en).
 */
@RestController
@RequestMapping("/api/v1/consents")
class ConsentController {

    static final int HISTORY_LIMIT = 50;
    static final int HISTORY_MAX = 100;

    private final ConsentCatalogue catalogue;
    private final ConsentLedger ledger;
    private final ConsentChanges changes;
    private final ConsentCallers callers;

    ConsentController(
            ConsentCatalogue catalogue, ConsentLedger ledger, ConsentChanges changes, ConsentCallers callers) {
        this.catalogue = catalogue;
        this.ledger = ledger;
        this.changes = changes;
        this.callers = callers;
    }

    @GetMapping("/purposes")
    ResponseEntity<List<ConsentViews.PurposeView>> purposes(
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) @Nullable String acceptLanguage) {
        var language = NoticeLanguage.forAcceptLanguage(acceptLanguage);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_LANGUAGE, language)
                .body(catalogue.all().stream()
                        .map(purpose -> ConsentViews.PurposeView.of(purpose, language))
                        .toList());
    }

    @GetMapping
    Mono<ResponseEntity<List<ConsentViews.ConsentState>>> mine(
            @AuthenticationPrincipal Jwt token,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) @Nullable String acceptLanguage) {
        return states(catalogue, ledger, token.getSubject(), NoticeLanguage.forAcceptLanguage(acceptLanguage));
    }

    @GetMapping("/history")
    Mono<ConsentViews.HistoryPage> history(
            @AuthenticationPrincipal Jwt token,
            @RequestParam(required = false) @Nullable Long before,
            @RequestParam(required = false) @Nullable Integer limit) {
        return history(ledger, token.getSubject(), before, limit, ConsentViews.HistoryItem::forPerson);
    }

    /** Consent to the purpose as worded in the notice version the person was shown. */
    @PostMapping("/{purpose}")
    Mono<ResponseEntity<ConsentViews.ConsentState>> grant(
            @AuthenticationPrincipal Jwt token,
            @PathVariable String purpose,
            @Valid @RequestBody ConsentBodies.Grant body,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) @Nullable String acceptLanguage) {
        var known = catalogue.require(purpose);
        var language = NoticeLanguage.forAcceptLanguage(acceptLanguage);
        return changes.grant(callers.person(token), known, body.noticeVersion())
                .map(outcome -> ResponseEntity.ok()
                        .header(HttpHeaders.CONTENT_LANGUAGE, language)
                        .body(ConsentViews.ConsentState.of(known, outcome.latest(), language)));
    }

    /**
     * Withdraws consent at once: {@code 202} with the request that carries it to the systems ({@code Location}), or
     * {@code 200} when it was already withdrawn (nothing changes).
     */
    @PostMapping("/{purpose}/withdraw")
    Mono<ResponseEntity<ConsentViews.ConsentState>> withdraw(
            @AuthenticationPrincipal Jwt token,
            @PathVariable String purpose,
            @Valid @RequestBody(required = false) ConsentBodies.@Nullable Withdrawal body,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) @Nullable String acceptLanguage) {
        var known = catalogue.require(purpose);
        return changes.withdraw(callers.person(token), known, null)
                .map(outcome -> withdrawn(known, outcome, NoticeLanguage.forAcceptLanguage(acceptLanguage)));
    }

    static ResponseEntity<ConsentViews.ConsentState> withdrawn(
            ConsentCatalogue.Purpose purpose, ConsentChanges.Outcome outcome, String language) {
        var state = ConsentViews.ConsentState.of(purpose, outcome.latest(), language);
        var answer = outcome.changed() && state.requestId() != null
                ? ResponseEntity.status(HttpStatus.ACCEPTED)
                        .location(URI.create("/api/v1/requests/" + state.requestId()))
                : ResponseEntity.ok();
        return answer.header(HttpHeaders.CONTENT_LANGUAGE, language).body(state);
    }

    /** Every catalogued purpose with the person's latest event on it. */
    static Mono<ResponseEntity<List<ConsentViews.ConsentState>>> states(
            ConsentCatalogue catalogue, ConsentLedger ledger, String subjectId, String language) {
        return ledger.current(subjectId)
                .collect(Collectors.toMap(ConsentEvent::purpose, Function.identity()))
                .map(latest -> ResponseEntity.ok()
                        .header(HttpHeaders.CONTENT_LANGUAGE, language)
                        .body(catalogue.all().stream()
                                .map(purpose ->
                                        ConsentViews.ConsentState.of(purpose, latest.get(purpose.id()), language))
                                .toList()));
    }

    static Mono<ConsentViews.HistoryPage> history(
            ConsentLedger ledger,
            String subjectId,
            @Nullable Long before,
            @Nullable Integer limit,
            Function<ConsentEvent, ConsentViews.HistoryItem> view) {
        var size = limit == null ? HISTORY_LIMIT : limit;
        if (size < 1 || size > HISTORY_MAX) {
            return Mono.error(ApiException.invalidField("limit", "must be 1 to " + HISTORY_MAX));
        }
        if (before != null && before < 1) {
            return Mono.error(ApiException.invalidField("before", "must be a cursor from an earlier page"));
        }
        return ledger.history(subjectId, before, size)
                .map(view)
                .collectList()
                .map(items -> new ConsentViews.HistoryPage(
                        items,
                        items.size() == size
                                ? String.valueOf(items.get(items.size() - 1).seq())
                                : null));
    }
}
