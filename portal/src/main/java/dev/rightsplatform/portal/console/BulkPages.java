package dev.rightsplatform.portal.console;

import dev.rightsplatform.portal.api.AgentApi;
import dev.rightsplatform.portal.api.ApiProblem;
import dev.rightsplatform.portal.api.BulkResults;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A bulk action on the requests ticked in the queue: one submit, then a page listing each request with what became of
 * it (done, or why not: already approved, not in review, closed…). rights-service does each on its own, so one that
 * cannot be done never stops the others. A selection is at most one page of the queue.
 */
@Controller
class BulkPages {

    static final Set<String> ACTIONS = Set.of("APPROVE", "ASSIGN");
    static final int MAX = 50;

    private final AgentApi api;

    BulkPages(AgentApi api) {
        this.api = api;
    }

    @PostMapping("/console/bulk")
    Mono<Rendering> bulk(ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> {
            var action = form.getFirst("action");
            var ids = ids(form.getOrDefault("ids", List.of()));
            var assignee = RequestConsolePages.line(form, "assignee");
            if (action == null || !ACTIONS.contains(action) || ids.isEmpty()) {
                return Mono.just(page(null, "nothing-selected"));
            }
            return ConsoleCalls.asAgent(api.bulk(
                            ConsoleCalls.call(exchange),
                            action,
                            ids,
                            "ASSIGN".equals(action) && !assignee.isEmpty() ? assignee : null))
                    .map(results -> page(results, null))
                    .onErrorResume(
                            ApiProblem.class,
                            problem -> problem.status() == 404
                                    ? Mono.error(problem)
                                    : Mono.just(page(null, problem.code())));
        });
    }

    private static Rendering page(BulkResults results, String problem) {
        var rendering = Rendering.view("console/bulk").modelAttribute("console", true);
        if (results != null) {
            rendering.modelAttribute("results", results);
        }
        if (problem != null) {
            rendering.modelAttribute("problem", problem);
        }
        return rendering.build();
    }

    /** The ticked ids that are ids, each once, at most {@value #MAX}. */
    private static List<UUID> ids(List<String> values) {
        var ids = new LinkedHashSet<UUID>();
        for (var value : values) {
            try {
                ids.add(UUID.fromString(value));
            } catch (IllegalArgumentException notAnId) {
                // a tampered form: skipped
            }
            if (ids.size() == MAX) {
                break;
            }
        }
        return new ArrayList<>(ids);
    }
}
