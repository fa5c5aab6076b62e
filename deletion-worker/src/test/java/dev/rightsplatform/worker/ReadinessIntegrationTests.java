package dev.rightsplatform.worker;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.rightsplatform.worker.support.WorkerIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The readiness probe reports the worker ready only with its database and RabbitMQ reachable. */
class ReadinessIntegrationTests extends WorkerIntegrationTest {

    @LocalServerPort
    private int port;

    @Test
    void readinessIncludesRabbitAndTheDatabase() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/health/readiness"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode health = this.json.readTree(response.body());
        assertThat(health.path("status").asString()).isEqualTo("UP");
        assertThat(health.path("components").path("rabbit").path("status").asString()).isEqualTo("UP");
        assertThat(health.path("components").path("r2dbc").path("status").asString()).isEqualTo("UP");
        assertThat(health.path("components").path("readinessState").path("status").asString()).isEqualTo("UP");
    }
}
