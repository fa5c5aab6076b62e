package dev.rightsplatform.rights.web;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Builds problem details of a {@link ProblemType}: the one place where their shape is decided. */
public final class Problems {

    private Problems() {}

    public static ProblemDetail of(ProblemType type, String detail) {
        var problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
        problem.setType(type.uri());
        problem.setTitle(type.title());
        return problem;
    }

    public static ProblemDetail of(ApiException e) {
        var problem = of(e.type(), e.getMessage());
        e.properties().forEach(problem::setProperty);
        return problem;
    }

    /** Writes a problem as the response, for filters that answer before any controller runs. */
    public static Mono<Void> write(ServerWebExchange exchange, JsonMapper json, ProblemDetail problem) {
        var response = exchange.getResponse();
        response.setRawStatusCode(problem.getStatus());
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (problem.getStatus() == 401) {
            response.getHeaders().set("WWW-Authenticate", "Bearer");
        }
        return response.writeWith(Mono.just(response.bufferFactory().wrap(json.writeValueAsBytes(problem))));
    }
}
