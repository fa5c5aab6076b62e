package dev.rightsplatform.portal.console;

import dev.rightsplatform.portal.api.AgentApi;
import dev.rightsplatform.portal.api.ApiProblem;
import dev.rightsplatform.portal.api.Request;
import dev.rightsplatform.portal.api.RightsApi;
import java.time.Instant;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * One request as an agent works on it: status, due date and rule, time left, each system's part (a failed or blocked
 * one can be retried, a manual one confirmed), the whole audit trail with who did what, the notes, and the actions
 * that apply (approve, refuse with a reason the person is sent, extend once with a reason, cancel, add a note).
 *
 * <p>Actions post a form and come back to this page with a flag saying what happened; when rights-service refuses
 * (the request moved on, the reason is empty, the extension was used), the page says why in the agent's language and
 * nothing changed.
 */
@Controller
class RequestConsolePages {

    private static final String ID = "/console/requests/{id:[0-9a-fA-F-]{36}}";
    private static final int MAX_TEXT = 4000;

    private final AgentApi agents;
    private final RightsApi rights;

    RequestConsolePages(AgentApi agents, RightsApi rights) {
        this.agents = agents;
        this.rights = rights;
    }

    @GetMapping(ID)
    Mono<Rendering> one(ServerWebExchange exchange, @PathVariable String id) {
        var requestId = ConsoleCalls.id(id);
        var call = ConsoleCalls.call(exchange);
        // notes first: they are agent-only, so a person's token is refused before their own request would be shown
        return ConsoleCalls.asAgent(agents.notes(call, requestId))
                .zipWith(agents.request(call, requestId))
                .zipWith(rights.audit(call, requestId))
                .map(all -> {
                    Request request = all.getT1().getT2();
                    return Rendering.view("console/request")
                            .modelAttribute("console", true)
                            .modelAttribute("request", request)
                            .modelAttribute("left", TimeLeft.of(request, Instant.now()))
                            .modelAttribute("notes", all.getT1().getT1())
                            .modelAttribute("audit", all.getT2())
                            .modelAttribute("actions", ConsoleActions.of(request))
                            .build();
                });
    }

    @PostMapping(ID + "/approve")
    Mono<Rendering> approve(ServerWebExchange exchange, @PathVariable String id) {
        return act(
                exchange,
                id,
                "approved",
                (form) -> agents.approve(
                        ConsoleCalls.call(exchange), ConsoleCalls.id(id), blankToNull(form.getFirst("accountId"))));
    }

    @PostMapping(ID + "/refuse")
    Mono<Rendering> refuse(ServerWebExchange exchange, @PathVariable String id) {
        return act(
                exchange,
                id,
                "refused",
                form -> agents.refuse(ConsoleCalls.call(exchange), ConsoleCalls.id(id), text(form, "reason")));
    }

    @PostMapping(ID + "/extend")
    Mono<Rendering> extend(ServerWebExchange exchange, @PathVariable String id) {
        return act(
                exchange,
                id,
                "extended",
                form -> agents.extend(ConsoleCalls.call(exchange), ConsoleCalls.id(id), text(form, "reason")));
    }

    @PostMapping(ID + "/cancel")
    Mono<Rendering> cancel(ServerWebExchange exchange, @PathVariable String id) {
        return act(exchange, id, "cancelled", form -> agents.cancel(ConsoleCalls.call(exchange), ConsoleCalls.id(id)));
    }

    @PostMapping(ID + "/tasks/{taskId:[0-9a-fA-F-]{36}}/retry")
    Mono<Rendering> retry(ServerWebExchange exchange, @PathVariable String id, @PathVariable String taskId) {
        return act(
                exchange,
                id,
                "retried",
                form -> agents.retry(ConsoleCalls.call(exchange), ConsoleCalls.id(id), ConsoleCalls.id(taskId)));
    }

    @PostMapping(ID + "/tasks/{taskId:[0-9a-fA-F-]{36}}/complete")
    Mono<Rendering> complete(ServerWebExchange exchange, @PathVariable String id, @PathVariable String taskId) {
        return act(
                exchange,
                id,
                "confirmed",
                form -> agents.complete(
                        ConsoleCalls.call(exchange), ConsoleCalls.id(id), ConsoleCalls.id(taskId), text(form, "text")));
    }

    @PostMapping(ID + "/take")
    Mono<Rendering> take(ServerWebExchange exchange, @PathVariable String id) {
        return act(exchange, id, "taken", form -> agents.take(ConsoleCalls.call(exchange), ConsoleCalls.id(id)));
    }

    @PostMapping(ID + "/release")
    Mono<Rendering> release(ServerWebExchange exchange, @PathVariable String id) {
        return act(exchange, id, "released", form -> agents.release(ConsoleCalls.call(exchange), ConsoleCalls.id(id)));
    }

    /** To another agent by username; an empty name goes to rights-service, which explains what is missing. */
    @PostMapping(ID + "/assign")
    Mono<Rendering> assign(ServerWebExchange exchange, @PathVariable String id) {
        return act(
                exchange,
                id,
                "assigned",
                form -> agents.assign(ConsoleCalls.call(exchange), ConsoleCalls.id(id), line(form, "assignee")));
    }

    @PostMapping(ID + "/notes")
    Mono<Rendering> note(ServerWebExchange exchange, @PathVariable String id) {
        return act(
                exchange,
                id,
                "noted",
                form -> agents.addNote(ConsoleCalls.call(exchange), ConsoleCalls.id(id), text(form, "text")));
    }

    /**
     * Runs an action with the posted form and returns to the request's page: {@code ?done} on success, or
     * {@code ?refused-by=<problem code>} when rights-service said no (shown as a sentence; nothing changed).
     */
    private Mono<Rendering> act(
            ServerWebExchange exchange,
            String id,
            String done,
            Function<MultiValueMap<String, String>, Mono<?>> action) {
        var page = "/console/requests/" + ConsoleCalls.id(id);
        return exchange.getFormData()
                .flatMap(form -> ConsoleCalls.asAgent(action.apply(form).then(Mono.just(page + "?" + done))))
                .onErrorResume(
                        ApiProblem.class,
                        problem -> problem.status() == 404
                                ? Mono.error(problem)
                                : Mono.just(page + "?problem=" + problem.code()))
                .map(target -> Rendering.redirectTo(target).build());
    }

    /** A reason or note: the text as typed, capped; an empty one goes to rights-service, which explains what's missing. */
    private static String text(MultiValueMap<String, String> form, String field) {
        var value = form.getFirst(field);
        if (value == null) {
            return "";
        }
        return value.length() > MAX_TEXT ? value.substring(0, MAX_TEXT) : value;
    }

    /** A one-line field (a username), trimmed and capped. */
    static String line(MultiValueMap<String, String> form, String field) {
        var value = form.getFirst(field);
        if (value == null) {
            return "";
        }
        var trimmed = value.trim();
        return trimmed.length() > 255 ? trimmed.substring(0, 255) : trimmed;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
