package dev.rightsplatform.worker.web;

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

/** The last-resort handler: statuses and headers kept, framework messages never passed on, failures a 500 problem. */
class ProblemExceptionHandlerUnitTests {

    private final JsonMapper json = JsonMapper.builder().build();

    private final ProblemExceptionHandler handler = new ProblemExceptionHandler(this.json);

    @Test
    void anUnsupportedMediaTypeIsA415ProblemWithWhatThePathAccepts() {
        MockServerWebExchange exchange = exchange();

        this.handler
                .handle(
                        exchange,
                        new UnsupportedMediaTypeStatusException(
                                MediaType.TEXT_PLAIN, List.of(MediaType.APPLICATION_JSON)))
                .block();

        JsonNode problem = problemOf(exchange, 415);
        assertThat(problem.path("type").asString()).isEqualTo("/problems/http-415");
        assertThat(exchange.getResponse().getHeaders().getAccept()).containsExactly(MediaType.APPLICATION_JSON);
        assertThat(problem.toString()).doesNotContain("text/plain");
    }

    @Test
    void anUnreadableBodyIsA400ProblemThatDoesNotRepeatTheParsersMessage() {
        MockServerWebExchange exchange = exchange();

        this.handler
                .handle(exchange, new ServerWebInputException("Unexpected character 'a' in alice@example.com"))
                .block();

        JsonNode problem = problemOf(exchange, 400);
        assertThat(problem.path("type").asString()).isEqualTo("/problems/http-400");
        assertThat(problem.toString()).doesNotContain("alice");
    }

    @Test
    void anyOtherFailureIsA500ProblemWithoutItsMessage() {
        MockServerWebExchange exchange = exchange();

        this.handler
                .handle(exchange, new IllegalStateException("secret detail for bob@example.com"))
                .block();

        JsonNode problem = problemOf(exchange, 500);
        assertThat(problem.path("type").asString()).isEqualTo("/problems/http-500");
        assertThat(problem.toString()).doesNotContain("bob");
    }

    private JsonNode problemOf(MockServerWebExchange exchange, int status) {
        assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(status);
        assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem =
                this.json.readTree(exchange.getResponse().getBodyAsString().block());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        return problem;
    }

    private static MockServerWebExchange exchange() {
        return MockServerWebExchange.from(
                MockServerHttpRequest.post("/callbacks/crm/x").accept(MediaType.TEXT_HTML));
    }
}
