package dev.rightsplatform.portal.web;

import dev.rightsplatform.observability.ContextThreadLocals;
import dev.rightsplatform.portal.api.ApiProblem;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Errors as pages in the person's language, by the problem's code (never rights-service's English detail). Someone
 * else's request is "not found", exactly like one that does not exist. A session whose tokens Keycloak no longer
 * honours (account closed or disabled, session ended) is ended here too, and the person starts over at sign-in.
 */
@ControllerAdvice
class ErrorPages {

    private static final Logger log = LoggerFactory.getLogger(ErrorPages.class);

    private final PageModel page;

    ErrorPages(PageModel page) {
        this.page = page;
    }

    @ExceptionHandler(ApiProblem.class)
    Mono<Rendering> problem(ServerWebExchange exchange, ApiProblem problem) {
        var status = HttpStatus.resolve(problem.status());
        return error(exchange, status == null ? HttpStatus.BAD_GATEWAY : status, "problem." + problem.code());
    }

    @ExceptionHandler(ResponseStatusException.class)
    Mono<Rendering> status(ServerWebExchange exchange, ResponseStatusException e) {
        var status = HttpStatus.resolve(e.getStatusCode().value());
        // a reason names a more precise sentence (error.403.console: the console refused someone who is no agent)
        var message = "error." + e.getStatusCode().value() + (e.getReason() == null ? "" : "." + e.getReason());
        return error(exchange, status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status, message);
    }

    @ExceptionHandler(ClientAuthorizationException.class)
    Mono<Rendering> signInAgain(ServerWebExchange exchange, ClientAuthorizationException e) {
        // log lines in the call's trace (context propagation "limited")
        return ContextThreadLocals.defer(() -> {
            log.info(
                    "sign-in no longer valid ({}): the session ends",
                    e.getError().getErrorCode());
            return exchange.getSession()
                    .flatMap(session -> session.invalidate())
                    .thenReturn(Rendering.redirectTo("/?signed-out").build());
        });
    }

    @ExceptionHandler({WebClientRequestException.class, TimeoutException.class})
    Mono<Rendering> unavailable(ServerWebExchange exchange, Exception e) {
        return ContextThreadLocals.defer(() -> {
            log.warn("rights-service did not answer: {}", e.getClass().getSimpleName());
            return error(exchange, HttpStatus.SERVICE_UNAVAILABLE, "error.503");
        });
    }

    /** The error page with the layout of any page: signed in or not, in the person's language. */
    private Mono<Rendering> error(ServerWebExchange exchange, HttpStatus status, String message) {
        var rendering = Rendering.view("error")
                .status(status)
                .model(page.layout(exchange))
                .modelAttribute("status", status.value())
                .modelAttribute("message", message);
        Mono<CsrfToken> csrf = exchange.getAttribute(CsrfToken.class.getName());
        var token = csrf == null
                ? Mono.<Void>empty()
                : csrf.doOnNext(value -> rendering.modelAttribute("_csrf", value))
                        .then();
        var principal = exchange.getPrincipal()
                .doOnNext(signedIn -> rendering.modelAttribute("signedIn", true))
                .then();
        return Mono.when(token, principal).then(Mono.fromSupplier(rendering::build));
    }
}
