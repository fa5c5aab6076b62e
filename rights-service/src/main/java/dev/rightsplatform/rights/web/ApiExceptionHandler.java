package dev.rightsplatform.rights.web;

import dev.rightsplatform.observability.ContextThreadLocals;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.validation.method.MethodValidationException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns every failure of a request into an RFC 9457 problem with a stable type: the one place where that is decided.
 * As the controller advice it answers what a handler or the framework around it threw; as the service's
 * {@link ErrorWebExceptionHandler} (instead of Spring Boot's, whose JSON has no type) it answers whatever escaped
 * that, in the same words and always as {@code application/problem+json}, whatever the request's Accept said.
 * Framework messages are replaced, because they can echo the caller's input (and so personal data) back.
 */
@RestControllerAdvice
@Order(-2) // before Spring's WebFluxResponseStatusExceptionHandler (0), which answers with an empty body
class ApiExceptionHandler extends ResponseEntityExceptionHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final JsonMapper json;
    private final Duration retryAfter;

    ApiExceptionHandler(JsonMapper json, @Value("${rights.web.retry-after:10s}") Duration retryAfter) {
        this.json = json;
        this.retryAfter = retryAfter;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> handleApi(ApiException e) {
        return ResponseEntity.status(e.type().status()).body(Problems.of(e));
    }

    @ExceptionHandler(ServerExchangeRejectedException.class)
    ResponseEntity<ProblemDetail> handleRejected(ServerExchangeRejectedException e) {
        return problem(Problems.of(
                ProblemType.REQUEST_REJECTED,
                "The URL or a header holds something this service never accepts (such as an encoded slash or dot, "
                        + "';' or a control character)."));
    }

    /** The database is out of reach: 503 with Retry-After, or a 500 for anything nobody foresaw. */
    @ExceptionHandler(Exception.class)
    Mono<ResponseEntity<ProblemDetail>> handleUnforeseen(Exception e) {
        if (e instanceof AccessDeniedException || e instanceof AuthenticationException) {
            return Mono.error(e); // Spring Security's ExceptionTranslationWebFilter answers those (401, 403)
        }
        if (Outages.isDatabaseOutage(e)) {
            // in the call's trace: its log line carries the trace and request ids
            return ContextThreadLocals.defer(() -> {
                log.warn("answering 503: the database is unavailable ({})", e.toString());
                return Mono.just(ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                        .header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, retryAfter.toSeconds())))
                        .body(Problems.of(
                                ProblemType.SERVICE_UNAVAILABLE,
                                "The service cannot reach its database; try again in " + retryAfter.toSeconds()
                                        + " seconds.")));
            });
        }
        return ContextThreadLocals.defer(() -> {
            log.error("answering 500 for an unforeseen failure", e);
            return Mono.just(problem(
                    Problems.of(ProblemType.INTERNAL_ERROR, "Something went wrong on our side; try again later.")));
        });
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(
            WebExchangeBindException e, HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        var errors = e.getFieldErrors().stream()
                .map(error -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        var problem = Problems.of(ProblemType.INVALID_REQUEST, "Some fields are missing or invalid.");
        problem.setProperty("errors", errors);
        return Mono.just(ResponseEntity.status(problem.getStatus()).body(problem));
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleServerWebInputException(
            ServerWebInputException e, HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        if (InputProblems.causeOf(e, DataBufferLimitException.class) != null) {
            return Mono.just(problem(Problems.of(
                    ProblemType.PAYLOAD_TOO_LARGE, "The request body exceeds the size this endpoint accepts.")));
        }
        return Mono.just(problem(InputProblems.of(e)));
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleMissingRequestValueException(
            MissingRequestValueException e, HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        return Mono.just(problem(InputProblems.missing(e.getName())));
    }

    /**
     * Any other framework error (404, 405, 406, 415...) keeps its status and headers (Allow, Accept) and gets a type
     * of its own ({@code /problems/http-<status>}) and words of ours instead of about:blank and Spring's text.
     */
    @Override
    protected Mono<ResponseEntity<Object>> handleExceptionInternal(
            Exception e,
            @Nullable Object body,
            HttpHeaders headers,
            HttpStatusCode status,
            ServerWebExchange exchange) {
        if (body == null && e instanceof ErrorResponse response) {
            body = response.getBody(); // what the base class would fill in after us
        }
        if (body instanceof ProblemDetail problem
                && (problem.getType() == null
                        || "about:blank".equals(problem.getType().toString()))) {
            var known = HttpStatus.resolve(status.value());
            problem.setType(ProblemType.forStatus(status.value()));
            problem.setTitle(known == null ? "HTTP " + status.value() : known.getReasonPhrase());
            problem.setDetail(plainDetail(status.value()));
        }
        return super.handleExceptionInternal(e, body, headers, status, exchange);
    }

    /** What escaped the controller advice (or never reached it), answered in the same words. */
    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable e) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(e);
        }
        if (!(e instanceof Exception exception)) {
            return Mono.error(e); // an Error (out of memory...): nothing sensible to answer
        }
        return answerFor(exception, exchange)
                .onErrorResume(Exception.class, other -> handleUnforeseen(other).map(entity -> entity))
                .flatMap(entity -> write(exchange, entity));
    }

    private Mono<ResponseEntity<?>> answerFor(Exception e, ServerWebExchange exchange) {
        if (e instanceof ApiException api) {
            return Mono.just(handleApi(api));
        }
        if (e instanceof ServerExchangeRejectedException rejected) {
            return Mono.just(handleRejected(rejected));
        }
        if (e instanceof ErrorResponse || e instanceof MethodValidationException) {
            try {
                return handleException(e, exchange).map(entity -> entity); // Spring's own (404, 405, 415...)
            } catch (Exception other) {
                return handleUnforeseen(other).map(entity -> entity);
            }
        }
        return handleUnforeseen(e).map(entity -> entity);
    }

    private Mono<Void> write(ServerWebExchange exchange, ResponseEntity<?> entity) {
        var body = entity.getBody() instanceof ProblemDetail problem
                ? problem
                : Problems.of(ProblemType.INTERNAL_ERROR, "Something went wrong on our side; try again later.");
        var response = exchange.getResponse();
        response.setStatusCode(HttpStatusCode.valueOf(body.getStatus()));
        entity.getHeaders().forEach((name, values) -> response.getHeaders().put(name, values));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().remove(HttpHeaders.CONTENT_LENGTH);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(json.writeValueAsBytes(body))));
    }

    /** Our words for a plain HTTP error: the framework's name the path or the Content-Type sent. */
    private static String plainDetail(int status) {
        return switch (status) {
            case 404 -> "There is nothing at this path.";
            case 405 -> "This path does not take this method; the Allow header lists those it takes.";
            case 406 -> "This path answers only in the media types it produces (JSON, or what its documentation says).";
            case 415 -> "Send the body as application/json.";
            default -> "The request cannot be handled as sent.";
        };
    }

    private static <T> ResponseEntity<T> problem(ProblemDetail problem) {
        @SuppressWarnings("unchecked")
        var body = (T) problem;
        return ResponseEntity.status(problem.getStatus()).body(body);
    }
}
