package dev.rightsplatform.notification.messaging;

import java.time.Duration;

import dev.rightsplatform.notification.NotificationIntegrationTest;
import dev.rightsplatform.notification.RequestEvents;
import dev.rightsplatform.notification.RequestEvents.Sample;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Decisions about a request reach the person with what the law says they must learn; events meant for agents
 * reach nobody yet, and are recorded and acknowledged rather than parked.
 */
class LifecycleNotificationIntegrationTests extends NotificationIntegrationTest {

    @Test
    void aRefusalInEnglishGivesTheReasonAndTheRightToComplain() throws Exception {
        String address = freshAddress();
        Sample event = RequestEvents.refused(address);

        publish(event);

        MimeMessage mail = awaitOnlyMail(address);
        assertThat(mail.getSubject())
                .isEqualTo("We cannot carry out your request (reference " + event.requestId() + ")");
        assertThat(text(mail)).contains("Our reason:\nWe could not confirm that the account is yours.")
                .contains("you have the right to lodge a complaint with a data protection authority and to seek a "
                        + "judicial remedy before the courts");
        assertThat(logRow(event.eventId())).containsEntry("status", "SENT").containsEntry("template", "request-refused")
                .containsEntry("event_type", "request.refused").containsEntry("locale", "en");
    }

    @Test
    void anExtensionInChineseGivesTheReasonAndTheNewDueDateOfTheJurisdiction() throws Exception {
        String address = freshAddress();
        Sample event = RequestEvents.extended(address);

        publish(event);

        MimeMessage mail = awaitOnlyMail(address);
        assertThat(mail.getSubject()).isEqualTo("您的请求处理期限已延长（编号 " + event.requestId() + "）");
        // dueAt falls on 14 April in UTC; dueDate, the date in the person's jurisdiction, is the one they are told.
        assertThat(text(mail)).contains("延长理由如下：\n您的数据分布在多个系统中，需要更多时间汇总。")
                .contains("我们将最迟于 2026年4月15日 前完成处理。")
                .doesNotContain("2026年4月14日");
        assertThat(logRow(event.eventId())).containsEntry("status", "SENT")
                .containsEntry("template", "request-extended").containsEntry("locale", "zh-CN");
    }

    @ParameterizedTest
    @ValueSource(strings = {"request.review-required", "request.needs-attention", "request.due-soon",
            "request.overdue"})
    void anEventForAgentsMailsNobodyAndIsRecordedAsSkipped(String type) {
        String address = freshAddress();
        Sample event = RequestEvents.forAgents(type, address);

        publish(event);

        await().atMost(Duration.ofSeconds(30)).until(() -> !logRow(event.eventId()).isEmpty());
        assertThat(logRow(event.eventId())).containsEntry("status", "SKIPPED").containsEntry("event_type", type)
                .containsEntry("template", "agent-alert-not-configured").containsEntry("attempts", 0);
        assertThat((String) logRow(event.eventId()).get("last_error")).startsWith("agent-alert-not-configured");
        await().atMost(Duration.ofSeconds(5)).until(this::queueIsEmpty);
        assertThat(rabbit.receive(EventTopology.PARKED_QUEUE, 500)).as("parked").isNull();
        assertThat(mailTo(address)).isEmpty();
    }

}
