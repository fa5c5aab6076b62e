package dev.rightsplatform.portal.web;

import dev.rightsplatform.portal.PortalProperties;
import dev.rightsplatform.portal.api.Deadline;
import dev.rightsplatform.portal.api.RightsApi;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The start page: what each right means, and the due date that would apply if the person asked now (under their
 * jurisdiction: the one they pick, else their profile's, else by language). Every right is one click away, closing
 * the account included.
 */
@Controller
class StartPage {

    /** The rights explained, in this order; DEREGISTER is as visible as the others. */
    static final List<String> RIGHTS = List.of("ACCESS", "EXPORT", "WITHDRAW_CONSENT", "DEREGISTER");
    /** Jurisdictions offered in the picker; any ISO code works in the address. */
    static final List<String> JURISDICTIONS = List.of("CN", "DE", "FR", "IE", "NL", "GB", "US-CA", "US-VA", "BR");

    private final RightsApi api;
    private final PortalProperties properties;

    StartPage(RightsApi api, PortalProperties properties) {
        this.api = api;
        this.properties = properties;
    }

    @GetMapping("/")
    Mono<Rendering> start(
            ServerWebExchange exchange,
            @AuthenticationPrincipal @Nullable OidcUser user,
            @RequestParam(required = false) @Nullable String jurisdiction) {
        var call = Pages.call(exchange);
        var chosen = jurisdiction(jurisdiction, user, call.locale());
        return Flux.fromIterable(RIGHTS)
                .concatMap(type -> api.deadline(call, chosen, type)
                        .map(DueRow::of)
                        // the start page works even when rights-service does not answer: the due dates then read
                        // "unknown"
                        .onErrorResume(failure -> Mono.just(DueRow.unknown(type))))
                .collectList()
                .map(rows -> Rendering.view("start")
                        .modelAttribute("jurisdiction", chosen)
                        .modelAttribute("jurisdictions", JURISDICTIONS)
                        .modelAttribute("deadlines", rows)
                        .build());
    }

    private String jurisdiction(@Nullable String asked, @Nullable OidcUser user, Locale locale) {
        if (asked != null && asked.matches("^[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?$")) {
            return asked.toUpperCase(Locale.ROOT);
        }
        var claimed = user == null ? null : user.getClaimAsString("jurisdiction");
        if (claimed != null && claimed.matches("^[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?$")) {
            return claimed.toUpperCase(Locale.ROOT);
        }
        return locale.getLanguage().equals("zh") ? "CN" : properties.defaultJurisdiction();
    }

    /** One row of the deadlines table; {@code deadline} null when no rule is known for that right there. */
    record DueRow(String type, @Nullable Deadline deadline) {
        static DueRow of(Deadline deadline) {
            return new DueRow(deadline.type(), deadline);
        }

        static DueRow unknown(String type) {
            return new DueRow(type, null);
        }
    }
}
