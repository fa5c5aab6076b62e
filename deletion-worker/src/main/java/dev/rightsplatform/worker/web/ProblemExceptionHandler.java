package dev.rightsplatform.worker.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers every failure no controller answered itself (an unknown path, a method, media type or Accept a path does
 * not take, a failure anywhere) as application/problem+json with a {@code /problems/http-<status>} type, whatever
 * the Accept header says: a client that asked for something else still learns what went wrong. Ordered before
 * Boot's own error handler (-1), whose JSON is not a problem.
 */
@Component
@Order(-2)
class ProblemExceptionHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    private final JsonMapper json;

    ProblemExceptionHandler(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(failure);
        }
        int status = 500;
        if (failure instanceof ErrorResponse known) {
            status = known.getStatusCode().value();
            // e.g. Allow on a 405, Accept on a 415
            response.getHeaders().putAll(known.getHeaders());
        }
        if (status >= 500) {
            // The path holds ids only (callbacks name a system and a task), never personal data.
            log.error(
                    "Failed to answer {} {}",
                    exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(),
                    failure);
        }
        ProblemDetail problem = Problems.ofStatus(status);
        response.setStatusCode(HttpStatusCode.valueOf(status));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(this.json.writeValueAsBytes(problem))));
    }
}
