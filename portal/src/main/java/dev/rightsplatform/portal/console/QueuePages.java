package dev.rightsplatform.portal.console;

import dev.rightsplatform.portal.api.AgentApi;
import dev.rightsplatform.portal.api.QueueQuery;
import dev.rightsplatform.portal.api.Request;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * The console's queue: requests by due date (the most urgent first), filtered by status, type, jurisdiction and
 * "overdue only", a page at a time (rights-service's keyset cursor, so a page never shifts under the agent).
 */
@Controller
class QueuePages {

    private final AgentApi api;
    private final RecentAlerts recentAlerts;

    QueuePages(AgentApi api, RecentAlerts recentAlerts) {
        this.api = api;
        this.recentAlerts = recentAlerts;
    }

    @GetMapping("/console")
    Mono<Rendering> queue(ServerWebExchange exchange) {
        var filter = QueueQuery.of(exchange.getRequest().getQueryParams());
        var now = Instant.now();
        return ConsoleCalls.asAgent(api.queue(ConsoleCalls.call(exchange), filter))
                .map(page -> {
                    Map<UUID, TimeLeft> left = new LinkedHashMap<>();
                    for (Request request : page.items()) {
                        left.put(request.id(), TimeLeft.of(request, now));
                    }
                    var rendering = Rendering.view("console/queue")
                            .modelAttribute("console", true)
                            .modelAttribute("filter", filter)
                            .modelAttribute("statuses", sorted(QueueQuery.STATUSES))
                            .modelAttribute("types", sorted(QueueQuery.TYPES))
                            .modelAttribute("holders", List.of("me", "nobody"))
                            .modelAttribute("requests", page.items())
                            .modelAttribute("left", left)
                            .modelAttribute("recentAlerts", recentAlerts.of(exchange));
                    if (page.next() != null) {
                        rendering.modelAttribute("nextUrl", pageUrl(filter.after(page.next())));
                    }
                    return rendering.build();
                });
    }

    private static List<String> sorted(java.util.Set<String> values) {
        return values.stream().sorted().toList();
    }

    private static String pageUrl(QueueQuery filter) {
        var url = UriComponentsBuilder.fromPath("/console");
        filter.parameters().forEach(url::queryParam);
        return url.encode().build().toUriString();
    }
}
