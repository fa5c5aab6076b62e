package dev.rightsplatform.portal.console;

import dev.rightsplatform.portal.api.AgentApi;
import dev.rightsplatform.portal.api.ApiProblem;
import java.util.List;
import java.util.function.Function;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Acting for a person who called or wrote in. The agent finds the person's account by exact username or e-mail address
 * (posted, so it stays out of addresses and logs), then on the person's page opens a request for them (access, copy,
 * account closure) saying how they checked who the person is, or records a consent withdrawal the person asked for.
 * The request is the person's: they get the usual mails and see it in their own list; rights-service audits it under
 * the agent with the method.
 */
@Controller
class PeoplePages {

    private static final String PERSON = "/console/people/{id:[0-9a-fA-F-]{36}}";

    static final List<String> TYPES = List.of("ACCESS", "EXPORT", "DEREGISTER");
    static final List<String> METHODS = List.of("ID_DOCUMENT", "KNOWLEDGE_BASED", "CALLBACK", "EMAIL_LINK");

    private final AgentApi api;

    PeoplePages(AgentApi api) {
        this.api = api;
    }

    @GetMapping("/console/people")
    Mono<Rendering> find() {
        return Mono.just(
                Rendering.view("console/people").modelAttribute("console", true).build());
    }

    @PostMapping("/console/people")
    Mono<Rendering> lookup(ServerWebExchange exchange) {
        return exchange.getFormData()
                .flatMap(form -> {
                    var who = RequestConsolePages.line(form, "who");
                    if (who.isEmpty()) {
                        return Mono.just("/console/people?problem=invalid-request");
                    }
                    return ConsoleCalls.asAgent(api.lookup(ConsoleCalls.call(exchange), who))
                            .map(subject -> "/console/people/" + subject.id());
                })
                .onErrorResume(ApiProblem.class, problem -> Mono.just("/console/people?problem=" + problem.code()))
                .map(target -> Rendering.redirectTo(target).build());
    }

    @GetMapping(PERSON)
    Mono<Rendering> person(ServerWebExchange exchange, @PathVariable String id) {
        var call = ConsoleCalls.call(exchange);
        return ConsoleCalls.asAgent(api.subject(call, id))
                .zipWith(api.consentsOf(call, id))
                .onErrorResume(
                        ApiProblem.class,
                        problem -> Mono.error(
                                problem.status() == 422
                                        ? new org.springframework.web.server.ResponseStatusException(
                                                org.springframework.http.HttpStatus.NOT_FOUND)
                                        : problem))
                .map(both -> Rendering.view("console/person")
                        .modelAttribute("console", true)
                        .modelAttribute("subject", both.getT1())
                        .modelAttribute("consents", both.getT2())
                        .modelAttribute("types", TYPES)
                        .modelAttribute("methods", METHODS)
                        .build());
    }

    /** The person is named by the account the page is about, looked up again: never by what the form says. */
    @PostMapping(PERSON + "/requests")
    Mono<Rendering> open(ServerWebExchange exchange, @PathVariable String id) {
        var call = ConsoleCalls.call(exchange);
        return exchange.getFormData()
                .flatMap(form -> ConsoleCalls.asAgent(api.subject(call, id))
                        .flatMap(subject -> api.openOnBehalf(
                                call,
                                subject.username(),
                                oneOf(form, "type", TYPES),
                                oneOf(form, "method", METHODS),
                                text(form, "note")))
                        .map(request -> "/console/requests/" + request.id() + "?opened"))
                .onErrorResume(
                        ApiProblem.class,
                        problem -> problem.status() == 404
                                ? Mono.error(problem)
                                : Mono.just("/console/people/" + id + "?problem=" + problem.code()))
                .map(target -> Rendering.redirectTo(target).build());
    }

    @PostMapping(PERSON + "/consents/{purpose:[a-z0-9-]{1,64}}/withdraw")
    Mono<Rendering> withdraw(ServerWebExchange exchange, @PathVariable String id, @PathVariable String purpose) {
        return back(
                exchange,
                id,
                "withdrawn",
                form -> api.withdrawFor(ConsoleCalls.call(exchange), id, purpose, text(form, "note")));
    }

    private Mono<Rendering> back(
            ServerWebExchange exchange,
            String id,
            String done,
            Function<MultiValueMap<String, String>, Mono<?>> action) {
        var page = "/console/people/" + id;
        return exchange.getFormData()
                .flatMap(form -> ConsoleCalls.asAgent(action.apply(form).then(Mono.just(page + "?" + done))))
                .onErrorResume(
                        ApiProblem.class,
                        problem -> problem.status() == 404
                                ? Mono.error(problem)
                                : Mono.just(page + "?problem=" + problem.code()))
                .map(target -> Rendering.redirectTo(target).build());
    }

    /** A value from the form's list, or an empty one that rights-service refuses with its own explanation. */
    private static String oneOf(MultiValueMap<String, String> form, String field, List<String> allowed) {
        var value = form.getFirst(field);
        return value != null && allowed.contains(value) ? value : "";
    }

    private static String text(MultiValueMap<String, String> form, String field) {
        var value = form.getFirst(field);
        if (value == null) {
            return "";
        }
        return value.length() > 2000 ? value.substring(0, 2000) : value;
    }
}
