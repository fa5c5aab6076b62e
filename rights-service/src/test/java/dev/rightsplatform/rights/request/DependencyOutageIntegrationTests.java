package dev.rightsplatform.rights.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rightsplatform.rights.support.AbstractRightsIntegrationTests;
import dev.rightsplatform.rights.support.TcpProxy;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * The service's answers while PostgreSQL or RabbitMQ is out of its reach. Neither can be stopped here (other suites
 * share them), so this context reaches both through a {@link TcpProxy} that the test cuts. Database gone: a submission
 * is a 503 problem with Retry-After, quickly, nothing of it is stored, and readiness is DOWN (liveness is not).
 * Broker gone: a submission is accepted all the same (the outbox holds its messages), readiness is DOWN, and the
 * messages leave once the broker is back.
 */
@TestPropertySource(
        properties = {
            // short bounds keep the test quick; the defaults (application.yml) are a few seconds each
            "spring.r2dbc.pool.max-acquire-time=2s",
            "spring.r2dbc.pool.max-create-connection-time=2s",
            "spring.r2dbc.properties.connectTimeout=PT1S",
            "spring.rabbitmq.connection-timeout=1s",
            "rights.outbox.max-backoff=1s",
            "rights.web.retry-after=12s",
        })
class DependencyOutageIntegrationTests extends AbstractRightsIntegrationTests {

    private static final TcpProxy database = TcpProxy.to("127.0.0.1", 5432);
    private static final TcpProxy broker = TcpProxy.to("127.0.0.1", 5672);

    /** Host and database name stay those of the it profile (or the environment); only the port is the proxy's. */
    @DynamicPropertySource
    static void throughTheProxies(DynamicPropertyRegistry registry) {
        registry.add("spring.r2dbc.properties.port", () -> String.valueOf(database.port()));
        registry.add("spring.rabbitmq.port", broker::port);
    }

    @AfterEach
    void bringBothBack() {
        database.forward();
        broker.forward();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> readiness().expectStatus().isOk());
    }

    @AfterAll
    static void closeProxies() {
        database.close();
        broker.close();
    }

    @Test
    void databaseRefusingConnectionsGives503WithRetryAfterAndReadinessDown() {
        var person = tokens.subject(newSubject());
        submit(tokens.subject(newSubject())).expectStatus().isAccepted();
        readiness().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
        var requests = count("rights_request");

        database.refuse();
        assertUnavailable(person);
        readiness()
                .expectStatus()
                .isEqualTo(503)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("DOWN");
        http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();

        database.forward();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> readiness().expectStatus().isOk());
        assertThat(count("rights_request"))
                .as("nothing of the refused submission stored")
                .isEqualTo(requests);
        submit(person).expectStatus().isAccepted();
    }

    @Test
    void databaseThatAcceptsButNeverAnswersFailsFastToo() {
        var person = tokens.subject(newSubject());
        var requests = count("rights_request");

        database.hang();
        assertUnavailable(person);
        readiness().expectStatus().isEqualTo(503);

        database.forward();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> readiness().expectStatus().isOk());
        assertThat(count("rights_request")).isEqualTo(requests);
    }

    @Test
    void brokerDownStillAcceptsSubmissionsButIsNotReady() {
        broker.refuse();
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> readiness()
                        .expectStatus()
                        .isEqualTo(503)
                        .expectBody()
                        .jsonPath("$.status")
                        .isEqualTo("DOWN"));

        var id = submit(tokens.subject(newSubject()))
                .expectStatus()
                .isAccepted()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .asString();
        assertThat(count("rights_request where id = '" + id + "'")).isOne();
        assertThat(count("outbox_message where status in ('PENDING', 'PROCESSING')"))
                .as("held in the outbox")
                .isPositive();

        broker.forward();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> readiness().expectStatus().isOk());
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(count("outbox_message where status in ('PENDING', 'PROCESSING')"))
                        .as("sent once the broker is back")
                        .isZero());
    }

    private void assertUnavailable(String person) {
        var started = System.nanoTime();
        submit(person)
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .valueEquals("Retry-After", "12")
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/service-unavailable");
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("fails fast, not hanging")
                .isLessThan(Duration.ofSeconds(10));
    }

    private WebTestClient.ResponseSpec submit(String token) {
        return http.post()
                .uri("/api/v1/requests")
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"type\":\"DEREGISTER\",\"jurisdiction\":\"DE\"}")
                .exchange();
    }

    private WebTestClient.ResponseSpec readiness() {
        return http.get().uri("/actuator/health/readiness").exchange();
    }
}
