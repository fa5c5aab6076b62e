package dev.rightsplatform.notification.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.notification.AbstractNotificationIntegrationTests;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Whatever goes wrong over HTTP, the service answers application/problem+json with a stable type (issue 10): an
 * unknown path, a method or an Accept a path does not take.
 */
class ProblemsIntegrationTests extends AbstractNotificationIntegrationTests {

    @Autowired
    private WebTestClient web;

    @Test
    void anUnknownPathIsANotFoundProblemThatDoesNotEchoThePath() {
        web.get()
                .uri("/no/such/thing-alice@example.com")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/http-404")
                .jsonPath("$.status")
                .isEqualTo(404)
                .jsonPath("$.title")
                .isEqualTo("Not Found")
                .consumeWith(result ->
                        assertThat(new String(result.getResponseBodyContent())).doesNotContain("alice"));
    }

    @Test
    void aMethodAPathDoesNotTakeIsAMethodNotAllowedProblemWithAllow() {
        web.delete()
                .uri("/actuator/health")
                .exchange()
                .expectStatus()
                .isEqualTo(405)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .exists("Allow")
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/http-405")
                .jsonPath("$.status")
                .isEqualTo(405);
    }

    @Test
    void anAcceptNothingHereCanProduceIsANotAcceptableProblem() {
        web.get()
                .uri("/actuator/health")
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isEqualTo(406)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/http-406");
    }
}
