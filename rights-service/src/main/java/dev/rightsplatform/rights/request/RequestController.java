package dev.rightsplatform.rights.request;

import dev.rightsplatform.rights.audit.AuditTrail;
import dev.rightsplatform.rights.lifecycle.RequestStore;
import dev.rightsplatform.rights.lifecycle.RightsRequest;
import dev.rightsplatform.rights.security.Caller;
import dev.rightsplatform.rights.web.ApiException;
import dev.rightsplatform.rights.web.ContentLanguage;
import dev.rightsplatform.rights.web.ProblemType;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The request API. A person sees only their own requests; agents and the privacy officer see all. Someone else's
 * request answers 404, as if it did not exist, so ids cannot be probed.
 */
@RestController
@RequestMapping("/api/v1/requests")
class RequestController {

    private static final int LIST_LIMIT = 100;

    private final RequestIntake intake;
    private final RequestStore requests;
    private final RequestViews views;
    private final AuditTrail audit;
    private final AgentActions actions;

    RequestController(
            RequestIntake intake, RequestStore requests, RequestViews views, AuditTrail audit, AgentActions actions) {
        this.actions = actions;
        this.intake = intake;
        this.requests = requests;
        this.views = views;
        this.audit = audit;
    }

    @PostMapping
    Mono<ResponseEntity<String>> submit(
            @AuthenticationPrincipal Jwt token,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @Valid @RequestBody SubmitRequestBody body) {
        return intake.submit(Caller.from(token), body, idempotencyKey)
                .map(answer -> ResponseEntity.status(answer.status())
                        .location(URI.create("/api/v1/requests/" + answer.requestId()))
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(answer.body()));
    }

    /** {@code dueRule} in the caller's {@code Accept-Language} (zh-CN or English), as in every view answered here. */
    @GetMapping("/{id}")
    Mono<RequestView> get(
            @AuthenticationPrincipal Jwt token,
            @PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage) {
        var language = ContentLanguage.forAcceptLanguage(acceptLanguage);
        return visible(Caller.from(token), id).flatMap(request -> views.of(request, language));
    }

    @GetMapping
    Mono<List<RequestView>> mine(
            @AuthenticationPrincipal Jwt token,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage) {
        var language = ContentLanguage.forAcceptLanguage(acceptLanguage);
        // the list is read whole first: concatMap asks for one row at a time, so the query's connection would stay
        // taken while each view takes more, and enough simultaneous calls would hold the whole pool, waiting forever
        return requests.findBySubject(Caller.from(token).subjectId(), LIST_LIMIT)
                .collectList()
                .flatMapMany(Flux::fromIterable)
                .concatMap(request -> views.of(request, language))
                .collectList();
    }

    @GetMapping("/{id}/audit")
    Mono<List<AuditEntryView>> auditTrail(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
        return visible(Caller.from(token), id)
                .flatMapMany(request -> audit.entriesOf(request.id()))
                .map(AuditEntryView::of)
                .collectList();
    }

    /** The person withdraws their own request, while nothing has been erased yet. */
    @PostMapping("/{id}/cancel")
    Mono<RequestView> cancel(
            @AuthenticationPrincipal Jwt token,
            @PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage) {
        var caller = Caller.from(token);
        var language = ContentLanguage.forAcceptLanguage(acceptLanguage);
        return visible(caller, id)
                .filter(request -> request.subject().id().equals(caller.subjectId()))
                .switchIfEmpty(Mono.error(
                        new ApiException(ProblemType.REQUEST_NOT_FOUND, "No request with this id is visible to you.")))
                .flatMap(request -> actions.cancel(caller, id))
                .flatMap(request -> views.of(request, language));
    }

    private Mono<RightsRequest> visible(Caller caller, UUID id) {
        return requests.find(id)
                .filter(request ->
                        caller.mayReadAnyRequest() || request.subject().id().equals(caller.subjectId()))
                .switchIfEmpty(Mono.error(
                        new ApiException(ProblemType.REQUEST_NOT_FOUND, "No request with this id is visible to you.")));
    }
}
