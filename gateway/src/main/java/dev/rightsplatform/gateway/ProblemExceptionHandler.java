package dev.rightsplatform.gateway;

import dev.rightsplatform.observability.ContextThreadLocals;
import io.netty.channel.ConnectTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import org.springframework.web.util.DisconnectedClientHelper;
import reactor.core.publisher.Mono;

/**
 * Turns every error that reaches the end of the gateway's chain into a problem. Framework errors keep their status and
 * headers such as {@code Allow}: 404 for a path no route serves, 405, 406, 415, and 504 when a service passes the
 * response timeout. A service that refuses the connection is 503 with {@code Retry-After}, one too slow to connect to
 * 504, one that hangs up or answers with something other than HTTP 502; anything else 500. Ordered before Spring Boot's
 * handler (-1), whose JSON is not a problem.
 */
@Component
@Order(-2)
class ProblemExceptionHandler implements WebExceptionHandler {

    /** How long a caller should wait before trying an unreachable service again. */
    static final String RETRY_AFTER_SECONDS = "5";

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        // its log lines carry the call's trace id (context propagation "limited")
        return ContextThreadLocals.defer(() -> answer(exchange, error));
    }

    private Mono<Void> answer(ServerWebExchange exchange, Throwable error) {
        var response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(error); // a status is already on the wire: Reactor Netty closes the connection
        }
        if (error instanceof ErrorResponse framework) {
            response.getHeaders().addAll(framework.getHeaders());
            if (framework.getStatusCode().is5xxServerError()) {
                logUpstreamFailure(exchange, framework.getStatusCode().value(), error);
            }
            return Problems.write(exchange, framework.getStatusCode());
        }
        var problem = upstreamProblem(error);
        if (problem == null && DisconnectedClientHelper.isClientDisconnectedException(error)) {
            return Mono.error(error); // nobody is left to read an answer; Spring logs it quietly
        }
        if (problem == null) {
            log.error("Request {} failed in the gateway", requestId(exchange), error);
            return Problems.write(exchange, ProblemType.INTERNAL_ERROR);
        }
        logUpstreamFailure(exchange, problem.status().value(), error);
        if (problem == ProblemType.SERVICE_UNAVAILABLE) {
            response.getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        return Problems.write(exchange, problem);
    }

    /** What a failed call to the service means for the caller; none when the error is no such failure. */
    static @Nullable ProblemType upstreamProblem(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectTimeoutException) {
                return ProblemType.GATEWAY_TIMEOUT;
            }
            if (cause instanceof ConnectException) {
                return ProblemType.SERVICE_UNAVAILABLE;
            }
            if (cause instanceof IOException) {
                return ProblemType.BAD_GATEWAY; // closed before answering (PrematureCloseException), reset, not HTTP
            }
        }
        return null;
    }

    /** No path or query in the log (ids in them can point at a person); the request id ties it to the call. */
    private static void logUpstreamFailure(ServerWebExchange exchange, int status, Throwable error) {
        log.warn("Answered {} to request {}: {}", status, requestId(exchange), error.toString());
    }

    private static @Nullable String requestId(ServerWebExchange exchange) {
        return exchange.getResponse().getHeaders().getFirst(RequestIdFilter.HEADER); // set there for routed calls
    }
}
