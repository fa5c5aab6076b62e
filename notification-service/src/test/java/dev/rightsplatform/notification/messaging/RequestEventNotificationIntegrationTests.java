package dev.rightsplatform.notification.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rightsplatform.notification.AbstractNotificationIntegrationTests;
import dev.rightsplatform.notification.RequestEvents;
import dev.rightsplatform.notification.RequestEvents.Sample;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;

/** Events published to rights.events become exactly one e-mail each, in the person's language. */
class RequestEventNotificationIntegrationTests extends AbstractNotificationIntegrationTests {

    @Test
    void requestReceivedInEnglish() throws Exception {
        String address = freshAddress();
        Sample event = RequestEvents.received(address);

        publish(event);

        MimeMessage mail = awaitOnlyMail(address);
        assertThat(mail.getSubject()).isEqualTo("We have received your request (reference " + event.requestId() + ")");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("privacy@rights.example");
        assertThat(text(mail))
                .contains("close your account and erase your personal data")
                .contains("Your reference is " + event.requestId())
                .contains("by 15 March 2026 at the latest");
        assertThat(logRow(event.eventId()))
                .containsEntry("status", "SENT")
                .containsEntry("attempts", 1)
                .containsEntry("event_type", "request.received")
                .containsEntry("template", "request-received")
                .containsEntry("locale", "en")
                .containsEntry("request_id", UUID.fromString(event.requestId()));
    }

    @Test
    void requestCompletedInChinese() throws Exception {
        String address = freshAddress();
        Sample event = RequestEvents.completed(address);

        publish(event);

        MimeMessage mail = awaitOnlyMail(address);
        assertThat(mail.getSubject()).isEqualTo("您的请求已处理完成（编号 " + event.requestId() + "）");
        assertThat(text(mail))
                .contains("我们已完成您关于“获取一份可转移至他处的个人信息副本”的请求")
                .contains("您的个人信息副本已生成，请登录隐私门户，打开此请求下载。")
                .contains(event.requestId());
        assertThat(logRow(event.eventId())).containsEntry("status", "SENT").containsEntry("locale", "zh-CN");
    }

    @Test
    void everyMailLinksToTheRequestsPageInThePortal() throws Exception {
        String english = freshAddress();
        Sample received = RequestEvents.received(english);
        String chinese = freshAddress();
        Sample extended = RequestEvents.extended(chinese);

        publish(received);
        publish(extended);

        assertThat(text(awaitOnlyMail(english)))
                .contains("You can see this request in the privacy portal: https://portal.rights.test/requests/"
                        + received.requestId());
        assertThat(text(awaitOnlyMail(chinese)))
                .contains("您可以在隐私门户查看此请求：https://portal.rights.test/requests/" + extended.requestId());
    }

    @Test
    void aRequestWithoutAnAccountIsLinkedToItsOwnPageInBothLanguages() throws Exception {
        String english = freshAddress();
        Sample code = RequestEvents.verificationCode(english).with("withoutAccount", true);
        String chinese = freshAddress();
        Sample received =
                RequestEvents.received(chinese).with("withoutAccount", true).with("recipient.locale", "zh-CN");

        publish(code);
        publish(received);

        assertThat(text(awaitOnlyMail(english)))
                .contains("https://portal.rights.test/without-account/" + code.requestId())
                .doesNotContain("/requests/");
        assertThat(text(awaitOnlyMail(chinese)))
                .contains("您可以在隐私门户查看此请求：https://portal.rights.test/without-account/" + received.requestId())
                .doesNotContain("/requests/");
    }

    @Test
    void aCompletedDeregistrationLinksToItsSignedReceiptInBothLanguages() throws Exception {
        String english = freshAddress();
        Sample deregistration = RequestEvents.completedWithReceipt(english);
        String chinese = freshAddress();
        Sample withdrawal = RequestEvents.completedWithReceipt(chinese)
                .with("requestType", "WITHDRAW_CONSENT")
                .with("recipient.locale", "zh-CN");

        publish(deregistration);
        publish(withdrawal);

        assertThat(text(awaitOnlyMail(english)))
                .contains("Your signed receipt, which records what each of our systems did and which you can open "
                        + "and keep without signing in: https://portal.rights.test"
                        + RequestEvents.receiptPath(deregistration.requestId()))
                .contains("https://portal.rights.test/requests/" + deregistration.requestId());
        assertThat(text(awaitOnlyMail(chinese)))
                .contains("我们为此出具了签名回执，记录了我们各系统的处理情况，您无需登录即可查看和保存：https://portal.rights.test"
                        + RequestEvents.receiptPath(withdrawal.requestId()))
                .contains("您可以在隐私门户查看此请求：https://portal.rights.test/requests/" + withdrawal.requestId());
        assertThat(logRow(deregistration.eventId())).containsEntry("status", "SENT");
    }

    @Test
    void theSameEventTwiceSendsOneMail() {
        String address = freshAddress();
        Sample event = RequestEvents.received(address);

        publish(event);
        publish(event);

        awaitOnlyMail(address);
        assertThat(logRow(event.eventId())).containsEntry("status", "SENT").containsEntry("attempts", 1);
    }

    @Test
    void aRedeliveryAfterTheMailWentOutSendsNothingMore() {
        String address = freshAddress();
        Sample event = RequestEvents.received(address);
        publish(event);
        awaitOnlyMail(address);

        publish(event);

        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> mailTo(address).size() == 1 && queueIsEmpty());
    }

    @Test
    void anUnknownLocaleGetsEnglishAndPropertiesBeyondTheContractAreIgnored() throws Exception {
        String address = freshAddress();
        Sample event = RequestEvents.received(address)
                .with("recipient.locale", "fr")
                .with("priority", "a field a publisher added before the contract did");

        publishRaw(event.type(), event.eventId(), event.bytes());

        assertThat(awaitOnlyMail(address).getSubject()).startsWith("We have received your request");
        assertThat(logRow(event.eventId())).containsEntry("locale", "en");
    }

    @Test
    void anEventWithoutAnAddressIsRecordedAsSkipped() {
        Sample event = RequestEvents.received("unused@example.org").without("recipient.email");

        publish(event);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> !logRow(event.eventId()).isEmpty());
        assertThat(logRow(event.eventId())).containsEntry("status", "SKIPPED").containsEntry("attempts", 0);
        assertThat(smtp.getReceivedMessages()).noneMatch(mail -> text(mail).contains(event.requestId()));
    }

    @Test
    void aDuplicateArrivingWhileAnotherConsumerSendsWaitsForItsResult() {
        String address = freshAddress();
        Sample event = RequestEvents.received(address);
        UUID eventId = UUID.fromString(event.eventId());
        // Another consumer (a replica, or this one before a redelivery) holds the event and is sending it.
        db.sql("""
                INSERT INTO delivery_log (event_id, event_type, request_id, template, locale, status, attempts,
                                          claimed_until)
                VALUES (:id, 'request.received', :request, 'request-received', 'en', 'SENDING', 1,
                        now() + interval '1 minute')
                """)
                .bind("id", eventId)
                .bind("request", UUID.fromString(event.requestId()))
                .then()
                .block();

        publish(event);
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(this::queueIsEmpty);
        db.sql("UPDATE delivery_log SET status = 'SENT', claimed_until = NULL WHERE event_id = :id")
                .bind("id", eventId)
                .then()
                .block();

        await().atMost(Duration.ofSeconds(30)).until(() -> queueIsEmpty() && retryQueuesAreEmpty());
        assertThat(mailTo(address)).isEmpty();
        assertThat(logRow(event.eventId())).containsEntry("status", "SENT").containsEntry("attempts", 1);
        assertThat(rabbit.receive(EventTopology.PARKED_QUEUE, 500)).isNull();
    }

    @Test
    void anAttemptInterruptedMidSendIsNeverRepeated() {
        String address = freshAddress();
        Sample event = RequestEvents.received(address);
        // What a consumer that died while talking to the SMTP server leaves behind.
        db.sql("""
                INSERT INTO delivery_log (event_id, event_type, request_id, template, locale, status, attempts,
                                          claimed_until)
                VALUES (:id, 'request.received', :request, 'request-received', 'en', 'SENDING', 1,
                        now() - interval '1 minute')
                """)
                .bind("id", UUID.fromString(event.eventId()))
                .bind("request", UUID.fromString(event.requestId()))
                .then()
                .block();

        publish(event);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> "FAILED".equals(logRow(event.eventId()).get("status")));
        assertThat((String) logRow(event.eventId()).get("last_error")).contains("interrupted");
        assertThat(mailTo(address)).isEmpty();
    }

    @Test
    void messagesThatAreNotRequestEventsAreParkedAndSendNothing() {
        String address = freshAddress();
        byte[] notJson = "{\"eventId\": \"half a message".getBytes(StandardCharsets.UTF_8);
        Sample unknownType = RequestEvents.received(address).with("type", "request.rejected");
        Sample missingRecipient = RequestEvents.received(address).without("recipient");

        publishRaw("request.received", "not-json", notJson);
        publishRaw("request.rejected", unknownType.eventId(), unknownType.bytes());
        publishRaw("request.received", missingRecipient.eventId(), missingRecipient.bytes());

        List<Message> parked = List.of(awaitParked(), awaitParked(), awaitParked());
        assertThat(parked)
                .extracting(message -> message.getMessageProperties().getMessageId())
                .containsExactlyInAnyOrder("not-json", unknownType.eventId(), missingRecipient.eventId());
        assertThat(parked)
                .filteredOn(message ->
                        "not-json".equals(message.getMessageProperties().getMessageId()))
                .singleElement()
                .satisfies(message -> assertThat(message.getBody()).isEqualTo(notJson));
        assertThat(mailTo(address)).isEmpty();
        assertThat(db.sql("SELECT count(*) AS n FROM delivery_log")
                        .fetch()
                        .one()
                        .map(row -> row.get("n"))
                        .block())
                .isEqualTo(0L);
    }

    private Message awaitParked() {
        Message message = rabbit.receive(EventTopology.PARKED_QUEUE, 30_000);
        assertThat(message).as("a message in " + EventTopology.PARKED_QUEUE).isNotNull();
        return message;
    }

    private boolean retryQueuesAreEmpty() {
        return deliverySettings.retryDelays().stream()
                .map(EventTopology::retryQueue)
                .map(amqpAdmin::getQueueInfo)
                .allMatch(info -> info != null && info.getMessageCount() == 0);
    }
}
