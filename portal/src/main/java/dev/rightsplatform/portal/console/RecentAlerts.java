package dev.rightsplatform.portal.console;

import dev.rightsplatform.portal.api.AgentAlert;
import dev.rightsplatform.portal.api.AgentApi;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The recent alerts on the console's queue page (review required, needs attention, due soon, overdue, a system
 * overdue), newest first, each linking to its request, for {@code templates/console/alerts.html}, which the queue page
 * includes. Kept apart from the queue's own controller, which only puts them in its model ({@code recentAlerts}), so
 * either can change alone. The queue must show when the alerts cannot be had: then the list is empty and says so; a
 * caller who is no agent gets the queue's own "not for you" page.
 */
@Component
class RecentAlerts {

    private static final Logger log = LoggerFactory.getLogger(RecentAlerts.class);

    /** How many the banner lists: the latest few, enough to notice; the queue has the rest. */
    static final int SHOWN = 10;

    private final AgentApi api;

    RecentAlerts(AgentApi api) {
        this.api = api;
    }

    /** The alerts for the fragment, or none and {@code unavailable} when rights-service could not be asked. */
    record Shown(List<AgentAlert> items, boolean unavailable) {}

    /** The recent alerts as the queue page shows them (its model attribute {@code recentAlerts}). */
    Mono<Shown> of(ServerWebExchange exchange) {
        return api.alerts(ConsoleCalls.call(exchange), SHOWN)
                .map(alerts -> new Shown(alerts, false))
                .onErrorResume(failure -> {
                    log.warn("The console's recent alerts are unavailable: {}", failure.toString());
                    return Mono.just(new Shown(List.of(), true));
                });
    }
}
