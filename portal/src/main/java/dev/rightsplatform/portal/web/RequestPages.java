package dev.rightsplatform.portal.web;

import dev.rightsplatform.portal.api.ExportLink;
import dev.rightsplatform.portal.api.RightsApi;
import java.time.Instant;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

/**
 * "My requests" and one request's page: status, due date and the rule behind it, the timeline, each system's part,
 * what is retained and why, and the actions that apply now (cancel; read the data; download the copy; the receipt).
 * rights-service answers 404 for anyone else's request, and so does this page.
 */
@Controller
class RequestPages {

    private final RightsApi api;
    private final ObjectMapper json;

    RequestPages(RightsApi api, ObjectMapper json) {
        this.api = api;
        this.json = json;
    }

    @GetMapping("/requests")
    Mono<Rendering> mine(ServerWebExchange exchange) {
        return api.myRequests(Pages.call(exchange))
                .map(requests -> Rendering.view("requests")
                        .modelAttribute("requests", requests)
                        .build());
    }

    @GetMapping("/requests/{id:[0-9a-fA-F-]{36}}")
    Mono<Rendering> one(ServerWebExchange exchange, @PathVariable String id) {
        var requestId = Pages.requestId(id);
        var call = Pages.call(exchange);
        return api.request(call, requestId)
                .zipWith(api.audit(call, requestId))
                .zipWith(exchange.getSession().map(session -> ExportLinks.current(session, requestId, Instant.now())))
                .map(all -> {
                    var request = all.getT1().getT1();
                    var page = Rendering.view("request")
                            .modelAttribute("request", request)
                            .modelAttribute("timeline", Timeline.of(all.getT1().getT2(), json))
                            .modelAttribute("tones", Timeline.tones());
                    all.getT2().ifPresent(link -> page.modelAttribute("exportLink", link));
                    return page.build();
                });
    }

    @PostMapping("/requests/{id:[0-9a-fA-F-]{36}}/cancel")
    Mono<Rendering> cancel(ServerWebExchange exchange, @PathVariable String id) {
        var requestId = Pages.requestId(id);
        return api.cancel(Pages.call(exchange), requestId)
                .thenReturn(Rendering.redirectTo("/requests/" + requestId + "?cancelled")
                        .build());
    }

    /** The export link last made for a request, kept in the session while it is valid. */
    static final class ExportLinks {
        private ExportLinks() {}

        static String key(java.util.UUID id) {
            return "export-link:" + id;
        }

        static java.util.Optional<ExportLink> current(
                org.springframework.web.server.WebSession session, java.util.UUID id, Instant now) {
            ExportLink link = session.getAttribute(key(id));
            return link != null && link.expiresAt().isAfter(now)
                    ? java.util.Optional.of(link)
                    : java.util.Optional.empty();
        }
    }
}
