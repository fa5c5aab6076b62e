package dev.rightsplatform.rights.web;

import dev.rightsplatform.rights.request.IllegalTransitionException;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

/**
 * Turns every failure of a request into an RFC 9457 problem with a stable type. Framework messages are replaced,
 * because they can echo the caller's input (and so personal data) back.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> handleApi(ApiException e) {
        return ResponseEntity.status(e.type().status()).body(Problems.of(e));
    }

    @ExceptionHandler(IllegalTransitionException.class)
    ResponseEntity<ProblemDetail> handleTransition(IllegalTransitionException e) {
        return ResponseEntity.status(ProblemType.ILLEGAL_TRANSITION.status())
                .body(Problems.of(ProblemType.ILLEGAL_TRANSITION, e.getMessage()));
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(WebExchangeBindException e,
            HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        List<Map<String, String>> errors = e.getFieldErrors().stream()
                .map(error -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        var problem = Problems.of(ProblemType.INVALID_REQUEST, "Some fields are missing or invalid.");
        problem.setProperty("errors", errors);
        return Mono.just(ResponseEntity.status(problem.getStatus()).body(problem));
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleServerWebInputException(ServerWebInputException e,
            HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        if (causedBy(e, DataBufferLimitException.class)) {
            var problem = Problems.of(ProblemType.PAYLOAD_TOO_LARGE, "The request body exceeds the size this endpoint accepts.");
            return Mono.just(ResponseEntity.status(problem.getStatus()).body(problem));
        }
        var problem = Problems.of(ProblemType.MALFORMED_REQUEST,
                "The request is not well-formed: check the JSON syntax, the field names and types, and the path.");
        return Mono.just(ResponseEntity.status(problem.getStatus()).body(problem));
    }

    /** Any other framework error keeps its status and gets a type of its own instead of about:blank. */
    @Override
    protected Mono<ResponseEntity<Object>> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode status, ServerWebExchange exchange) {
        if (body instanceof ProblemDetail problem && problem.getType() != null
                && "about:blank".equals(problem.getType().toString())) {
            problem.setType(ProblemType.forStatus(status.value()));
        }
        return super.handleExceptionInternal(e, body, headers, status, exchange);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (var cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
