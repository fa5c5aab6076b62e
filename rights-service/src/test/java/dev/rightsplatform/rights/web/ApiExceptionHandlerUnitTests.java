package dev.rightsplatform.rights.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.R2dbcNonTransientResourceException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.server.MethodNotAllowedException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The handler as the service's last resort (ErrorWebExceptionHandler): whatever escaped the controller advice is
 * still a problem with a type, and a database out of reach is a 503 with Retry-After.
 */
class ApiExceptionHandlerUnitTests {

    private final JsonMapper json = JsonMapper.builder().build();
    private final ApiExceptionHandler handler = new ApiExceptionHandler(json, Duration.ofSeconds(7));

    @Test
    void aDatabaseOutOfReachIs503WithRetryAfter() {
        for (var outage : new Exception[] {
            new CannotCreateTransactionException("no connection", new R2dbcNonTransientResourceException("refused")),
            new DataAccessResourceFailureException("gone", new ConnectException("refused")),
            new RuntimeException(new java.util.concurrent.TimeoutException("pool"))
        }) {
            var exchange = exchange();
            var problem = answer(exchange, outage);
            assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(503);
            assertThat(exchange.getResponse().getHeaders().getFirst("Retry-After"))
                    .isEqualTo("7");
            assertThat(problem.get("type").asString()).isEqualTo("/problems/service-unavailable");
        }
    }

    @Test
    void anythingUnforeseenIsA500ProblemThatSaysNothingOfIt() {
        var exchange = exchange();
        var problem = answer(exchange, new IllegalStateException("secret detail of user@example.com"));
        assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(500);
        assertThat(problem.get("type").asString()).isEqualTo("/problems/internal-error");
        assertThat(problem.toString()).doesNotContain("user@example.com");
    }

    @Test
    void frameworkAndFirewallRejectionsKeepTheirStatusAndGetAType() {
        var exchange = exchange();
        var problem = answer(exchange, new MethodNotAllowedException(HttpMethod.PUT, Set.of(HttpMethod.GET)));
        assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(405);
        assertThat(exchange.getResponse().getHeaders().getAllow()).containsExactly(HttpMethod.GET);
        assertThat(problem.get("type").asString()).isEqualTo("/problems/http-405");

        exchange = exchange();
        problem = answer(exchange, new ServerExchangeRejectedException("header value \u0000 not allowed"));
        assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(400);
        assertThat(problem.get("type").asString()).isEqualTo("/problems/request-rejected");

        exchange = exchange();
        problem = answer(exchange, new ApiException(ProblemType.LINK_EXPIRED, "expired"));
        assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(410);
        assertThat(problem.get("type").asString()).isEqualTo("/problems/link-expired");
    }

    private static MockServerWebExchange exchange() {
        // the caller asked for HTML: a problem is JSON all the same
        return MockServerWebExchange.from(
                MockServerHttpRequest.get("/api/v1/anything").accept(MediaType.TEXT_HTML));
    }

    private JsonNode answer(MockServerWebExchange exchange, Exception e) {
        handler.handle(exchange, e).block();
        assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        return json.readTree(exchange.getResponse().getBodyAsString().block());
    }
}
