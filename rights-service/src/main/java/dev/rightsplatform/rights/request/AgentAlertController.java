package dev.rightsplatform.rights.request;

import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The agents' recent alerts (support agents and the privacy officer, as all of {@code /api/v1/agent/**}; enforced in
 * SecurityConfig): {@code GET /api/v1/agent/alerts?limit=20&before=<cursor>}, newest first. The console shows them on
 * its queue page; the team is also mailed each one (notification-service, {@code notification.agents.address}).
 */
@RestController
@RequestMapping("/api/v1/agent/alerts")
class AgentAlertController {

    private final AgentAlerts alerts;

    AgentAlertController(AgentAlerts alerts) {
        this.alerts = alerts;
    }

    @GetMapping
    Mono<AgentAlerts.Page> recent(
            @RequestParam(required = false) @Nullable Long before,
            @RequestParam(required = false) @Nullable Integer limit) {
        return Mono.defer(() -> alerts.page(AgentAlerts.before(before), AgentAlerts.limit(limit)));
    }
}
