package dev.rightsplatform.worker.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.worker.support.AbstractWorkerIntegrationTests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Whatever goes wrong, the worker answers application/problem+json with a stable type (issue 10): an unknown path,
 * a method or an Accept a path does not take, and the callback endpoint's own problems, also for a client that
 * accepts only HTML.
 */
class ProblemsIntegrationTests extends AbstractWorkerIntegrationTests {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anUnknownPathIsANotFoundProblemThatDoesNotEchoThePath() throws Exception {
        HttpResponse<String> response = send(
                HttpRequest.newBuilder(uri("/no/such/thing-alice@example.com")).GET());

        JsonNode problem = problem(response, 404, "/problems/http-404");
        assertThat(problem.path("title").asString()).isEqualTo("Not Found");
        assertThat(response.body()).doesNotContain("alice");
    }

    @Test
    void aMethodAPathDoesNotTakeIsAMethodNotAllowedProblemWithAllow() throws Exception {
        HttpResponse<String> callback = send(HttpRequest.newBuilder(uri("/callbacks/waiter/" + UUID.randomUUID()))
                .GET());
        HttpResponse<String> health =
                send(HttpRequest.newBuilder(uri("/actuator/health")).DELETE());

        problem(callback, 405, "/problems/http-405");
        assertThat(callback.headers().firstValue("Allow")).hasValue("POST");
        problem(health, 405, "/problems/http-405");
    }

    @Test
    void anAcceptNothingHereCanProduceIsANotAcceptableProblem() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/actuator/health"))
                .header("Accept", "text/html")
                .GET());

        problem(response, 406, "/problems/http-406");
    }

    @Test
    void theCallbacksOwnProblemsStayProblemsForAClientThatAcceptsOnlyHtml() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/callbacks/nobody/" + UUID.randomUUID()))
                .header("Accept", "text/html")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

        problem(response, 404, "/problems/unknown-callback");
    }

    private JsonNode problem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(contentType -> assertThat(contentType).startsWith("application/problem+json"));
        JsonNode problem = this.json.readTree(response.body());
        assertThat(problem.path("type").asString()).isEqualTo(type);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asString()).isNotBlank();
        return problem;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create(workerUrl() + path);
    }
}
