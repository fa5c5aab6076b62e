package dev.rightsplatform.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rightsplatform.notification.AbstractNotificationIntegrationTests;
import dev.rightsplatform.notification.RequestEvents;
import dev.rightsplatform.notification.RequestEvents.Sample;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * {@code /actuator/prometheus} shows mails by event type and outcome and the time spent on SMTP, after a mail that
 * failed once (the server down) and then went out; never an address.
 */
class MailMetricsIntegrationTests extends AbstractNotificationIntegrationTests {

    @Autowired
    private WebTestClient web;

    @Test
    void prometheusCountsMailsSentAndFailedAttempts() {
        String address = freshAddress();
        Sample event = RequestEvents.received(address);
        smtp.stop();
        publish(event);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "RETRYING".equals(logRow(event.eventId()).get("status")));
        smtp.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> !mailTo(address).isEmpty());

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(scrape())
                        .containsPattern(
                                "notification_mails_total\\{application=\"notification-service\",outcome=\"retrying\","
                                        + "type=\"request.received\"} [1-9]")
                        .containsPattern(
                                "notification_mails_total\\{.*outcome=\"sent\",type=\"request.received\"} [1-9]")
                        .containsPattern(
                                "notification_mail_send_seconds_count\\{application=\"notification-service\",error=\"[A-Za-z]+\","
                                        + "outcome=\"error\"} [1-9]")
                        .contains(
                                "notification_mail_send_seconds_count{application=\"notification-service\",error=\"none\","
                                        + "outcome=\"sent\"}")
                        .contains("jvm_memory_used_bytes{", "rabbitmq_")
                        // no long-task timer beside each observation (application.yml, management.metrics.observations)
                        .doesNotContain(address, "_active_seconds"));
    }

    private String scrape() {
        return this.web
                .get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }
}
