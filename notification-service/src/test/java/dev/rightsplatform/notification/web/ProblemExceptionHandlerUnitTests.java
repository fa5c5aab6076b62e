package dev.rightsplatform.notification.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The handler: statuses and headers kept, framework messages never passed on, any other failure a 500 problem. */
class ProblemExceptionHandlerUnitTests {

    private final JsonMapper json = JsonMapper.builder().build();

    private final ProblemExceptionHandler handler = new ProblemExceptionHandler(json);

    @Test
    void anUnsupportedMediaTypeIsA415ProblemWithWhatThePathAccepts() {
        MockServerWebExchange exchange = exchange();

        handler.handle(
                        exchange,
                        new UnsupportedMediaTypeStatusException(
                                MediaType.TEXT_PLAIN, List.of(MediaType.APPLICATION_JSON)))
                .block();

        assertThat(problemOf(exchange, 415).path("type").asString()).isEqualTo("/problems/http-415");
        assertThat(exchange.getResponse().getHeaders().getAccept()).containsExactly(MediaType.APPLICATION_JSON);
    }

    @Test
    void anUnreadableBodyIsA400ProblemThatDoesNotRepeatTheParsersMessage() {
        MockServerWebExchange exchange = exchange();

        handler.handle(exchange, new ServerWebInputException("Unexpected character in alice@example.com"))
                .block();

        JsonNode problem = problemOf(exchange, 400);
        assertThat(problem.path("type").asString()).isEqualTo("/problems/http-400");
        assertThat(problem.toString()).doesNotContain("alice");
    }

    @Test
    void anyOtherFailureIsA500ProblemWithoutItsMessage() {
        MockServerWebExchange exchange = exchange();

        handler.handle(exchange, new IllegalStateException("failed for bob@example.com"))
                .block();

        JsonNode problem = problemOf(exchange, 500);
        assertThat(problem.path("type").asString()).isEqualTo("/problems/http-500");
        assertThat(problem.toString()).doesNotContain("bob");
    }

    private JsonNode problemOf(MockServerWebExchange exchange, int status) {
        assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(status);
        assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem =
                json.readTree(exchange.getResponse().getBodyAsString().block());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        return problem;
    }

    private static MockServerWebExchange exchange() {
        return MockServerWebExchange.from(
                MockServerHttpRequest.get("/actuator/health").accept(MediaType.TEXT_HTML));
    }
}
