package dev.rightsplatform.notification.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rightsplatform.notification.AbstractNotificationIntegrationTests;
import dev.rightsplatform.notification.RequestEvents;
import dev.rightsplatform.notification.RequestEvents.Sample;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.amqp.core.Message;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The one-time code for a request made without a login reaches the address, in the person's language, and
 * nowhere else: not the service's log, not the delivery log. Each test uses a fresh random code, so that finding
 * it anywhere but in the mail can only mean it leaked.
 */
@ExtendWith(OutputCaptureExtension.class)
class VerificationCodeIntegrationTests extends AbstractNotificationIntegrationTests {

    @Test
    void theCodeArrivesInEnglishAndIsNeitherLoggedNorRecorded(CapturedOutput log) throws Exception {
        String address = freshAddress();
        String code = freshCode();
        Sample event = RequestEvents.verificationCode(address).with("code", code);

        publish(event);

        MimeMessage mail = awaitOnlyMail(address);
        assertThat(mail.getSubject()).isEqualTo("Your verification code: " + code);
        assertThat(text(mail))
                .contains("Your verification code is:\n\n" + code + "\n")
                .contains("confirm your request to close your account and erase your personal data (reference "
                        + event.requestId() + ")")
                .contains("The code expires at 09:45 UTC on 13 February 2026.")
                .contains("If you did not ask for this, ignore this email; nothing will happen.");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "SENT".equals(logRow(event.eventId()).get("status")));
        assertThat(logRow(event.eventId()))
                .containsEntry("attempts", 1)
                .containsEntry("event_type", "request.verification-code")
                .containsEntry("template", "request-verification-code")
                .containsEntry("locale", "en");
        assertNowhereButInTheMail(code, address, event, log);
    }

    @Test
    void theCodeArrivesInChineseAndIsNeitherLoggedNorRecorded(CapturedOutput log) throws Exception {
        String address = freshAddress();
        String code = freshCode();
        Sample event = RequestEvents.verificationCode(address)
                .with("code", code)
                .with("recipient.locale", "zh-CN")
                .with("requestType", "ACCESS");

        publish(event);

        MimeMessage mail = awaitOnlyMail(address);
        assertThat(mail.getSubject()).isEqualTo("您的验证码：" + code);
        assertThat(text(mail))
                .contains("您的验证码为：\n\n" + code + "\n")
                .contains("请使用此验证码确认您关于“查阅我们持有的您的个人信息”的请求（编号 " + event.requestId() + "）")
                .contains("验证码将于 2026年2月13日 09:45（UTC） 失效。")
                .contains("如果您并未提出此请求，请忽略本邮件，我们不会进行任何处理。");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "SENT".equals(logRow(event.eventId()).get("status")));
        assertThat(logRow(event.eventId()))
                .containsEntry("template", "request-verification-code")
                .containsEntry("locale", "zh-CN");
        assertNowhereButInTheMail(code, address, event, log);
    }

    @Test
    void aRedeliveredCodeIsSentAtMostOnce(CapturedOutput log) {
        String address = freshAddress();
        String code = freshCode();
        Sample event = RequestEvents.verificationCode(address).with("code", code);

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
        assertNowhereButInTheMail(code, address, event, log);
    }

    @Test
    void aFailedAttemptRecordsAndLogsNoCode(CapturedOutput log) throws Exception {
        String address = freshAddress();
        String code = freshCode();
        Sample event = RequestEvents.verificationCode(address).with("code", code);
        smtp.stop();

        publish(event);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "RETRYING".equals(logRow(event.eventId()).get("status")));
        assertThat(logRow(event.eventId()).get("last_error")).isNotNull();
        assertNotIn(code, logRow(event.eventId()).toString(), "the delivery log row while RETRYING");
        smtp.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> !mailTo(address).isEmpty());
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> mailTo(address).size() == 1);
        assertThat(mailTo(address).get(0).getSubject()).endsWith(code);
        assertThat(log.getAll()).contains("for event " + event.eventId());
        assertNowhereButInTheMail(code, address, event, log);
    }

    @Test
    void aVerificationCodeEventWithoutAValidCodeIsParkedAndLoggedWithoutIt(CapturedOutput log) {
        String address = freshAddress();
        // Five digits and a letter: not a code, but what a leak of the value would look like.
        String notACode = freshCode().substring(1) + "Z";
        Sample badCode = RequestEvents.verificationCode(address).with("code", notACode);
        Sample noCode = RequestEvents.verificationCode(address).without("code");

        publishRaw(badCode.type(), badCode.eventId(), badCode.bytes());
        publish(noCode);

        Message first = rabbit.receive(EventTopology.PARKED_QUEUE, 30_000);
        Message second = rabbit.receive(EventTopology.PARKED_QUEUE, 30_000);
        assertThat(first).isNotNull();
        assertThat(second).isNotNull();
        assertThat(List.of(first, second))
                .extracting(message -> message.getMessageProperties().getMessageId())
                .containsExactlyInAnyOrder(badCode.eventId(), noCode.eventId());
        assertThat(log.getAll())
                .contains("Parking message " + badCode.eventId() + ": not a valid RequestEvent: code is not six digits")
                .contains("Parking message " + noCode.eventId()
                        + ": not a valid RequestEvent: code is required with request.verification-code")
                .doesNotContain(notACode)
                .doesNotContain(address);
        assertThat(logRow(badCode.eventId())).isEmpty();
        assertThat(logRow(noCode.eventId())).isEmpty();
        assertThat(mailTo(address)).isEmpty();
    }

    /** The code is neither in the log nor in any column of the event's delivery-log row; nor is the address. */
    private void assertNowhereButInTheMail(String code, String address, Sample event, CapturedOutput log) {
        Map<String, Object> row = logRow(event.eventId());
        assertThat(row).as("delivery-log row").isNotEmpty();
        assertNotIn(code, row.toString(), "the delivery log row");
        // The capture holds the service's own log lines for this event, so it did capture what the service logs.
        assertThat(log.getAll()).contains("Event " + event.eventId()).doesNotContain(address);
        assertNotIn(code, log.getAll(), "the log");
    }

    /**
     * Fails when the code stands in the text as a number of its own. Six digits may well occur inside a UUID or a
     * longer number by chance; a leak never hides that way, since the code is written as it is.
     */
    private static void assertNotIn(String code, String text, String where) {
        assertThat(Pattern.compile("(?<![0-9A-Za-z])" + code + "(?![0-9A-Za-z])")
                        .matcher(text)
                        .find())
                .as("the code appears in " + where)
                .isFalse();
    }

    private static String freshCode() {
        return "%06d".formatted(ThreadLocalRandom.current().nextInt(1_000_000));
    }
}
