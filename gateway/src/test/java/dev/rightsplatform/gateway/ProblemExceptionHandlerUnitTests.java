package dev.rightsplatform.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.netty.channel.ConnectTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.client.PrematureCloseException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each kind of error that can reach the end of the gateway's chain, including those no route of the running gateway can
 * provoke (a 415, a status the gateway has no problem for): the answer is a problem of the right status and type.
 */
class ProblemExceptionHandlerUnitTests {

    final ProblemExceptionHandler handler = new ProblemExceptionHandler();

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void everyErrorBecomesAProblem(String name, Throwable error, int status, String type) {
        var exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/requests"));

        handler.handle(exchange, error).block();

        var response = exchange.getResponse();
        assertThat(response.getStatusCode().value()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        var problem = JsonMapper.shared().readTree(response.getBodyAsString().block());
        assertThat(problem.get("type").asString()).isEqualTo(type);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asString()).isNotBlank();
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                arguments(
                        "415",
                        new UnsupportedMediaTypeStatusException(
                                MediaType.TEXT_PLAIN, List.of(MediaType.APPLICATION_JSON)),
                        415,
                        "/problems/http-415"),
                arguments(
                        "406",
                        new NotAcceptableStatusException(List.of(MediaType.APPLICATION_JSON)),
                        406,
                        "/problems/http-406"),
                arguments("404", new ResponseStatusException(HttpStatus.NOT_FOUND), 404, "/problems/http-404"),
                arguments(
                        "a status without a problem of its own",
                        new ResponseStatusException(HttpStatus.CONFLICT),
                        409,
                        "/problems/http-409"),
                arguments("unreadable input", new ServerWebInputException("bad"), 400, "/problems/malformed-request"),
                arguments(
                        "response timeout",
                        new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT, "slow"),
                        504,
                        "/problems/gateway-timeout"),
                arguments(
                        "connect timeout",
                        new ConnectTimeoutException("slow to connect"),
                        504,
                        "/problems/gateway-timeout"),
                arguments("connection refused", new ConnectException("refused"), 503, "/problems/service-unavailable"),
                arguments("hung up", PrematureCloseException.TEST_EXCEPTION, 502, "/problems/bad-gateway"),
                arguments(
                        "wrapped I/O failure",
                        new IllegalStateException(new IOException("reset")),
                        502,
                        "/problems/bad-gateway"),
                arguments("a fault of the gateway", new IllegalStateException("bug"), 500, "/problems/internal-error"));
    }

    @Test
    void headersOfTheErrorAreKept() {
        var exchange = MockServerWebExchange.from(MockServerHttpRequest.method(HttpMethod.PATCH, "/actuator/health"));

        handler.handle(exchange, new MethodNotAllowedException(HttpMethod.PATCH, Set.of(HttpMethod.GET)))
                .block();

        assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(405);
        assertThat(exchange.getResponse().getHeaders().getAllow()).containsExactly(HttpMethod.GET);
    }

    @Test
    void anUnreachableServiceIsToBeTriedAgainLater() {
        var exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/requests"));

        handler.handle(exchange, new ConnectException("refused")).block();

        assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER))
                .isEqualTo(ProblemExceptionHandler.RETRY_AFTER_SECONDS);
    }

    @Test
    void aCallerThatHasGoneGetsNoAnswer() {
        var exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/requests"));

        assertThatThrownBy(() ->
                        handler.handle(exchange, new AbortedException("gone")).block())
                .isInstanceOf(AbortedException.class);
        assertThat(exchange.getResponse().getStatusCode()).isNull();
    }

    @Test
    void anAnswerAlreadyUnderWayIsLeftAlone() {
        var exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/requests"));
        exchange.getResponse().setComplete().block();

        assertThatThrownBy(
                        () -> handler.handle(exchange, new IOException("reset")).block())
                .hasRootCauseInstanceOf(IOException.class);
    }
}
