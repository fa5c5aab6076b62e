package dev.rightsplatform.notification;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Readiness covers everything the service needs to do its job: RabbitMQ, its database and the SMTP server. */
class HealthIntegrationTests extends NotificationIntegrationTest {

    @Autowired
    private WebTestClient web;

    @Test
    void readyWhenRabbitDatabaseAndMailAreUp() {
        web.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.rabbit.status").isEqualTo("UP")
                .jsonPath("$.components.r2dbc.status").isEqualTo("UP")
                .jsonPath("$.components.mail.status").isEqualTo("UP");
    }

    @Test
    void notReadyWhileTheMailServerIsDown() {
        smtp.stop();

        web.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody()
                .jsonPath("$.components.mail.status").isEqualTo("DOWN");
    }

    @Test
    void aliveEvenWhenTheMailServerIsDown() {
        smtp.stop();

        web.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
    }

}
