package dev.rightsplatform.portal.web;

import dev.rightsplatform.portal.api.ApiProblem;
import dev.rightsplatform.portal.api.RightsApi;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A request without an account: the person gives an e-mail address, receives a one-time code there and types it in.
 * After that an agent links the request to the account it concerns (nothing is erased on an address alone).
 */
@Controller
class PublicRequestPages {

    static final List<String> TYPES = List.of("ACCESS", "EXPORT", "DEREGISTER");

    private final RightsApi api;

    PublicRequestPages(RightsApi api) {
        this.api = api;
    }

    @GetMapping("/without-account")
    Mono<Rendering> form() {
        return Mono.just(form(null, null, null, HttpStatus.OK));
    }

    @PostMapping("/without-account")
    Mono<Rendering> submit(ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> {
            var email = trimmed(form.getFirst("email"));
            var type = trimmed(form.getFirst("type")).toUpperCase(Locale.ROOT);
            var jurisdiction = trimmed(form.getFirst("jurisdiction"));
            if (!TYPES.contains(type) || email.isEmpty()) {
                return Mono.just(form(email, type, "problem.invalid-request", HttpStatus.UNPROCESSABLE_CONTENT));
            }
            return api.submitWithoutAccount(
                            Pages.call(exchange), type, email, jurisdiction.isEmpty() ? null : jurisdiction)
                    .map(request -> Rendering.redirectTo("/without-account/" + request.id())
                            .build())
                    .onErrorResume(
                            ApiProblem.class,
                            problem -> problem.status() < 500
                                    ? Mono.just(form(
                                            email,
                                            type,
                                            "problem." + problem.code(),
                                            HttpStatus.valueOf(problem.status())))
                                    : Mono.error(problem));
        });
    }

    @GetMapping("/without-account/{id}")
    Mono<Rendering> verifyForm(@PathVariable String id) {
        return Mono.just(verify(Pages.requestId(id).toString(), null, null, HttpStatus.OK));
    }

    @PostMapping("/without-account/{id}/verify")
    Mono<Rendering> verify(ServerWebExchange exchange, @PathVariable String id) {
        var requestId = Pages.requestId(id);
        return exchange.getFormData()
                .flatMap(form -> api.verify(Pages.call(exchange), requestId, trimmed(form.getFirst("code")))
                        .map(request -> verify(requestId.toString(), request.status(), null, HttpStatus.OK))
                        .onErrorResume(
                                ApiProblem.class,
                                problem -> problem.status() < 500
                                        ? Mono.just(verify(
                                                requestId.toString(),
                                                null,
                                                "problem." + problem.code(),
                                                HttpStatus.valueOf(problem.status())))
                                        : Mono.error(problem)));
    }

    @PostMapping("/without-account/{id}/code")
    Mono<Rendering> resend(ServerWebExchange exchange, @PathVariable String id) {
        var requestId = Pages.requestId(id);
        return api.resendCode(Pages.call(exchange), requestId)
                .thenReturn(verify(requestId.toString(), null, "public.code.resent", HttpStatus.OK))
                .onErrorResume(
                        ApiProblem.class,
                        problem -> problem.status() < 500
                                ? Mono.just(verify(
                                        requestId.toString(),
                                        null,
                                        "problem." + problem.code(),
                                        HttpStatus.valueOf(problem.status())))
                                : Mono.error(problem));
    }

    private static Rendering form(
            @Nullable String email, @Nullable String type, @Nullable String error, HttpStatus status) {
        var page = Rendering.view("without-account")
                .status(status)
                .modelAttribute("types", TYPES)
                .modelAttribute("jurisdictions", StartPage.JURISDICTIONS)
                .modelAttribute("email", email == null ? "" : email)
                .modelAttribute("type", type == null ? "ACCESS" : type);
        if (error != null) {
            page.modelAttribute("error", error);
        }
        return page.build();
    }

    private static Rendering verify(
            String id, @Nullable String status, @Nullable String message, HttpStatus httpStatus) {
        var page = Rendering.view("without-account-verify").status(httpStatus).modelAttribute("id", id);
        if (status != null) {
            page.modelAttribute("status", status);
        }
        if (message != null) {
            page.modelAttribute("message", message);
        }
        return page.build();
    }

    private static String trimmed(@Nullable String value) {
        return value == null ? "" : value.strip();
    }
}
