package dev.rightsplatform.portal.web;

import dev.rightsplatform.portal.api.ApiProblem;
import dev.rightsplatform.portal.api.RightsApi;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Asking for access, an export, or closing the account. One page each: what it does, what happens next, and one
 * button. Closing the account asks nothing but a confirmation that the person understood what it means (no reason,
 * no retention offer, no unrelated data): start page → this page → confirm.
 */
@Controller
class NewRequestPages {

    private final RightsApi api;

    NewRequestPages(RightsApi api) {
        this.api = api;
    }

    @GetMapping("/requests/new/{kind}")
    Mono<Rendering> form(@PathVariable String kind) {
        return Mono.just(page(type(kind), null));
    }

    @PostMapping("/requests/new/{kind}")
    Mono<Rendering> submit(ServerWebExchange exchange, @PathVariable String kind) {
        var type = type(kind);
        return exchange.getFormData().flatMap(form -> {
            if ("DEREGISTER".equals(type) && !"yes".equals(form.getFirst("confirm"))) {
                return Mono.just(page(type, "new.confirm.missing"));
            }
            var key = form.getFirst("key");
            var idempotencyKey = key != null && key.matches("[0-9a-f-]{36}")
                    ? key
                    : UUID.randomUUID().toString();
            return api.submit(Pages.call(exchange), type, idempotencyKey)
                    .map(request ->
                            Rendering.redirectTo("/requests/" + request.id()).build())
                    .onErrorResume(
                            ApiProblem.class,
                            problem -> problem.status() < 500
                                    ? Mono.just(page(type, "problem." + problem.code()))
                                    : Mono.error(problem));
        });
    }

    private static Rendering page(String type, @org.jspecify.annotations.Nullable String error) {
        var page = Rendering.view("new-request")
                .modelAttribute("type", type)
                .modelAttribute("key", UUID.randomUUID().toString());
        if (error != null) {
            page.modelAttribute("error", error).status(HttpStatus.UNPROCESSABLE_CONTENT);
        }
        return page.build();
    }

    private static String type(String kind) {
        var type = kind.toUpperCase(Locale.ROOT);
        if (!Pages.SELF_SERVICE_TYPES.contains(type)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return type;
    }
}
