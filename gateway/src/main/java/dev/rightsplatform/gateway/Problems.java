package dev.rightsplatform.gateway;

import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Writes the gateway's own RFC 9457 answers: the one place where their shape is decided. */
public final class Problems {

    private Problems() {}

    public static Mono<Void> write(ServerWebExchange exchange, ProblemType problem) {
        return write(exchange, problem.status(), json(problem));
    }

    /** A framework error of a status the gateway has no problem for keeps its status, typed {@code http-<status>}. */
    static Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status) {
        var problem = ProblemType.forStatus(status.value());
        if (problem != null) {
            return write(exchange, problem);
        }
        var title = status instanceof HttpStatus known ? known.getReasonPhrase() : "HTTP " + status.value();
        return write(exchange, status, json(status.value(), "/problems/http-" + status.value(), title, title + "."));
    }

    /** The body of a problem, also for answers given below Spring (see {@link MalformedRequestHandler}). */
    static byte[] json(ProblemType problem) {
        return json(problem.status().value(), problem.type(), problem.title(), problem.detail());
    }

    private static Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status, byte[] body) {
        var response = exchange.getResponse();
        response.setStatusCode(status);
        var headers = response.getHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        headers.setContentLength(body.length);
        if (status.value() == HttpStatus.UNAUTHORIZED.value()) {
            headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    private static byte[] json(int status, String type, String title, String detail) {
        var body = """
                {"type":"%s","title":"%s","status":%d,"detail":"%s"}""".formatted(escaped(type), escaped(title), status, escaped(detail));
        return body.getBytes(StandardCharsets.UTF_8);
    }

    /** Texts are the gateway's own constants; escaping keeps the body valid JSON should one ever hold a quote. */
    private static String escaped(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
