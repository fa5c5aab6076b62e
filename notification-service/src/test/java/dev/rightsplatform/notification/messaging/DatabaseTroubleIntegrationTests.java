package dev.rightsplatform.notification.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rightsplatform.notification.AbstractNotificationIntegrationTests;
import dev.rightsplatform.notification.RequestEvents;
import dev.rightsplatform.notification.RequestEvents.Sample;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** While the delivery log cannot be written, events wait in the retry queues; none is sent unrecorded or lost. */
class DatabaseTroubleIntegrationTests extends AbstractNotificationIntegrationTests {

    @AfterEach
    void restoreWriting() {
        allowWriting(true);
    }

    @Test
    void anEventWaitsUntilItsDeliveryCanBeRecorded() {
        String address = freshAddress();
        Sample event = RequestEvents.received(address);
        // The owner revoking its own rights: the simplest database failure a test can cause and undo.
        allowWriting(false);

        publish(event);
        await().pollDelay(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(30))
                .until(this::somethingWaitsInARetryQueue);
        assertThat(mailTo(address)).isEmpty();
        allowWriting(true);

        await().atMost(Duration.ofSeconds(30)).until(() -> mailTo(address).size() == 1);
        // The row is marked SENT just after the mail is handed over: wait for it rather than race it.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "SENT".equals(logRow(event.eventId()).get("status")));
        assertThat(logRow(event.eventId())).containsEntry("attempts", 1);
        assertThat(mailTo(address)).hasSize(1);
    }

    private boolean somethingWaitsInARetryQueue() {
        return deliverySettings.retryDelays().stream()
                .map(EventTopology::retryQueue)
                .map(amqpAdmin::getQueueInfo)
                .anyMatch(info -> info != null && info.getMessageCount() > 0);
    }

    private void allowWriting(boolean allowed) {
        String sql = allowed
                ? "GRANT INSERT, UPDATE ON delivery_log TO CURRENT_USER"
                : "REVOKE INSERT, UPDATE ON delivery_log FROM CURRENT_USER";
        db.sql(sql).then().block();
    }
}
