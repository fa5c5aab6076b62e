package dev.rightsplatform.notification.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rightsplatform.notification.AbstractNotificationIntegrationTests;
import dev.rightsplatform.notification.RequestEvents;
import dev.rightsplatform.notification.RequestEvents.Sample;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.amqp.core.Message;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * An export's archive is ready: the person learns, in their language and at the real SMTP server, to sign in and
 * download it from their request (linked: the request's page in the portal), and until when (in UTC, saying so);
 * never a download link, which only the signed-in owner gets. The mail goes out once, however often the event arrives.
 */
@ExtendWith(OutputCaptureExtension.class)
class ExportReadyIntegrationTests extends AbstractNotificationIntegrationTests {

    @Test
    void inEnglishSaysToSignInAndUntilWhenInUtc() throws Exception {
        String address = freshAddress();
        Sample event = RequestEvents.exportReady(address);

        publish(event);

        MimeMessage mail = awaitOnlyMail(address);
        assertThat(mail.getSubject())
                .isEqualTo("Your copy of your data is ready to download (reference " + event.requestId() + ")");
        // 01:30:59 on 21 February in Shanghai's offset, as published, is 17:30 on 20 February in UTC.
        assertThat(text(mail))
                .contains("Your request to receive a copy of your personal data that you can take "
                        + "elsewhere has been carried out: your copy is ready.")
                .contains("sign in to the privacy portal and open this request")
                .contains("You can download it until 17:30 UTC on 20 February 2026.")
                .contains("this email contains no download link")
                .contains("Your reference is " + event.requestId())
                .contains("You can see this request in the privacy portal: https://portal.rights.test/requests/"
                        + event.requestId())
                .doesNotContain("/api/")
                .doesNotContain("/exports/")
                .doesNotContain("21 February");
        assertThat(logRow(event.eventId()))
                .containsEntry("status", "SENT")
                .containsEntry("attempts", 1)
                .containsEntry("event_type", "request.export-ready")
                .containsEntry("template", "request-export-ready")
                .containsEntry("locale", "en");
    }

    @Test
    void inChineseSaysToSignInAndUntilWhenInUtc() throws Exception {
        String address = freshAddress();
        Sample event = RequestEvents.exportReady(address).with("recipient.locale", "zh-CN");

        publish(event);

        MimeMessage mail = awaitOnlyMail(address);
        assertThat(mail.getSubject()).isEqualTo("您的个人信息副本已可下载（编号 " + event.requestId() + "）");
        assertThat(text(mail))
                .contains("您关于“获取一份可转移至他处的个人信息副本”的请求已处理完成，副本已准备就绪。")
                .contains("请登录隐私门户，打开此请求下载副本。")
                .contains("副本可下载至 2026年2月20日 17:30（UTC），之后我们将予以删除")
                .contains("本邮件不含下载链接")
                .contains("您的请求编号为 " + event.requestId())
                .contains("您可以在隐私门户查看此请求：https://portal.rights.test/requests/" + event.requestId())
                .doesNotContain("/api/")
                .doesNotContain("/exports/")
                .doesNotContain("2026年2月21日");
        assertThat(logRow(event.eventId()))
                .containsEntry("status", "SENT")
                .containsEntry("template", "request-export-ready")
                .containsEntry("locale", "zh-CN");
    }

    @Test
    void aRedeliveredExportReadyIsSentAtMostOnce(CapturedOutput log) {
        String address = freshAddress();
        Sample event = RequestEvents.exportReady(address);

        publish(event);
        publish(event);
        awaitOnlyMail(address);
        publish(event);

        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> mailTo(address).size() == 1 && queueIsEmpty());
        assertThat(logRow(event.eventId())).containsEntry("status", "SENT").containsEntry("attempts", 1);
        assertThat(log.getAll())
                .contains("Event " + event.eventId() + " (request " + event.requestId() + ") is already SENT");
    }

    @Test
    void anExportCompletedTogetherWithItsArchiveGetsBothMailsOnce() {
        String address = freshAddress();
        Sample exportReady = RequestEvents.exportReady(address);
        Sample completed = RequestEvents.completed(address)
                .with("requestId", exportReady.requestId())
                .with("recipient.locale", "en");

        publish(completed);
        publish(exportReady);

        await().atMost(Duration.ofSeconds(30)).until(() -> mailTo(address).size() == 2);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> mailTo(address).size() == 2);
        assertThat(mailTo(address))
                .extracting(AbstractNotificationIntegrationTests::text)
                .anySatisfy(body -> assertThat(body)
                        .contains("Your copy is ready: sign in to the privacy portal and download it from this "
                                + "request.")
                        .contains("a separate email tells you until when"))
                .anySatisfy(
                        body -> assertThat(body).contains("You can download it until 17:30 UTC on 20 February 2026."));
        assertThat(logRow(completed.eventId()))
                .containsEntry("status", "SENT")
                .containsEntry("template", "request-completed");
        assertThat(logRow(exportReady.eventId()))
                .containsEntry("status", "SENT")
                .containsEntry("template", "request-export-ready");
    }

    @Test
    void anExportReadyWithoutUntilWhenIsParkedAndSendsNothing(CapturedOutput log) {
        String address = freshAddress();
        Sample event = RequestEvents.exportReady(address).without("availableUntil");

        publish(event);

        Message parked = rabbit.receive(EventTopology.PARKED_QUEUE, 30_000);
        assertThat(parked).isNotNull();
        assertThat(parked.getMessageProperties().getMessageId()).isEqualTo(event.eventId());
        assertThat(log.getAll())
                .contains("Parking message " + event.eventId()
                        + ": not a valid RequestEvent: availableUntil is required with request.export-ready")
                .doesNotContain(address);
        assertThat(logRow(event.eventId())).isEmpty();
        assertThat(mailTo(address)).isEmpty();
    }
}
