package dev.rightsplatform.portal.web;

import dev.rightsplatform.portal.api.Consents;
import dev.rightsplatform.portal.api.RightsApi;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The consent center: every purpose with its notice (text and version), the person's state and their history;
 * withdrawing is one click and takes effect at once. A browser sending Global Privacy Control is honoured by
 * rights-service on every call (an opt-out of sale and sharing), and the page says so.
 */
@Controller
class ConsentPages {

    private final RightsApi api;

    ConsentPages(RightsApi api) {
        this.api = api;
    }

    @GetMapping("/consents")
    Mono<Rendering> center(ServerWebExchange exchange) {
        var call = Pages.call(exchange);
        // the state first: with Sec-GPC it records the opt-out, which the history below then shows
        return api.consents(call)
                .flatMap(states -> Mono.zip(api.purposes(call), api.consentHistory(call))
                        .map(both -> Rendering.view("consents")
                                .modelAttribute("purposes", rows(both.getT1(), states))
                                .modelAttribute("history", both.getT2().items())
                                .modelAttribute(
                                        "titles",
                                        both.getT1().stream()
                                                .collect(Collectors.toMap(
                                                        Consents.Purpose::id, Consents.Purpose::title)))
                                .build()));
    }

    @PostMapping("/consents/{purpose}/withdraw")
    Mono<Rendering> withdraw(ServerWebExchange exchange, @PathVariable String purpose) {
        return api.withdraw(Pages.call(exchange), purpose)
                .thenReturn(
                        Rendering.redirectTo("/consents?withdrawn=" + purpose(purpose) + "#purpose-" + purpose(purpose))
                                .build());
    }

    @PostMapping("/consents/{purpose}/grant")
    Mono<Rendering> grant(ServerWebExchange exchange, @PathVariable String purpose) {
        return exchange.getFormData()
                .flatMap(form ->
                        api.grant(Pages.call(exchange), purpose, String.valueOf(form.getFirst("noticeVersion"))))
                .thenReturn(Rendering.redirectTo("/consents#purpose-" + purpose(purpose))
                        .build());
    }

    /** Only a purpose id goes back into an address. */
    private static String purpose(String purpose) {
        return purpose.matches("[a-z0-9-]{1,64}") ? purpose : "";
    }

    private static List<PurposeRow> rows(List<Consents.Purpose> purposes, List<Consents.State> states) {
        Map<String, Consents.State> byPurpose =
                states.stream().collect(Collectors.toMap(Consents.State::purpose, Function.identity(), (a, b) -> a));
        return purposes.stream()
                .map(purpose -> new PurposeRow(purpose, byPurpose.get(purpose.id())))
                .toList();
    }

    /** A purpose as the center shows it: the notice, and the person's state (null: never asked). */
    record PurposeRow(Consents.Purpose purpose, Consents.@org.jspecify.annotations.Nullable State state) {
        public boolean granted() {
            return state != null && state.granted();
        }
    }
}
