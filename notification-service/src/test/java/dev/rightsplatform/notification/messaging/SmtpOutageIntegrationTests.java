package dev.rightsplatform.notification.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rightsplatform.notification.AbstractNotificationIntegrationTests;
import dev.rightsplatform.notification.RequestEvents;
import dev.rightsplatform.notification.RequestEvents.Sample;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A mail server that is down delays mail but never loses it silently, and never sends it twice. */
@ExtendWith(OutputCaptureExtension.class)
class SmtpOutageIntegrationTests extends AbstractNotificationIntegrationTests {

    @Test
    void mailArrivesOnceTheServerIsBack() {
        String address = freshAddress();
        Sample event = RequestEvents.received(address);
        smtp.stop();

        publish(event);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "RETRYING".equals(logRow(event.eventId()).get("status")));
        smtp.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> !mailTo(address).isEmpty());
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> mailTo(address).size() == 1);
        assertThat(logRow(event.eventId())).containsEntry("status", "SENT");
        assertThat((Integer) logRow(event.eventId()).get("attempts")).isGreaterThan(1);
    }

    @Test
    void afterTheLastAttemptTheEventIsMarkedFailedWithoutPersonalData(CapturedOutput log) {
        String address = freshAddress();
        Sample event = RequestEvents.received(address);
        smtp.stop();

        publish(event);

        await().atMost(Duration.ofSeconds(40))
                .until(() -> "FAILED".equals(logRow(event.eventId()).get("status")));
        assertThat(logRow(event.eventId())).containsEntry("attempts", deliverySettings.maxAttempts());
        assertThat((String) logRow(event.eventId()).get("last_error"))
                .isNotBlank()
                .doesNotContain("@");
        assertThat(log.getAll()).contains("Gave up on event " + event.eventId()).doesNotContain(address);
        // Given up means acknowledged: nothing left going round or parked.
        assertThat(rabbit.receive(EventTopology.PARKED_QUEUE, 500)).isNull();
        smtp.start();
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> mailTo(address).isEmpty());
    }
}
