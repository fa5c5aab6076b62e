package dev.rightsplatform.notification.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.notification.AbstractNotificationIntegrationTests;
import dev.rightsplatform.notification.RequestEvents;
import dev.rightsplatform.notification.RequestEvents.Sample;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Decisions about a request reach the person with what the law says they must learn. Events meant for agents are
 * {@link AgentAlertIntegrationTests}'s.
 */
class LifecycleNotificationIntegrationTests extends AbstractNotificationIntegrationTests {

    @Test
    void aRefusalInEnglishGivesTheReasonAndTheRightToComplain() throws Exception {
        String address = freshAddress();
        Sample event = RequestEvents.refused(address);

        publish(event);

        MimeMessage mail = awaitOnlyMail(address);
        assertThat(mail.getSubject())
                .isEqualTo("We cannot carry out your request (reference " + event.requestId() + ")");
        assertThat(text(mail))
                .contains("Our reason:\nWe could not confirm that the account is yours.")
                .contains("you have the right to lodge a complaint with a data protection authority and to seek a "
                        + "judicial remedy before the courts");
        assertThat(logRow(event.eventId()))
                .containsEntry("status", "SENT")
                .containsEntry("template", "request-refused")
                .containsEntry("event_type", "request.refused")
                .containsEntry("locale", "en");
    }

    @Test
    void anExtensionInChineseGivesTheReasonAndTheNewDueDateOfTheJurisdiction() throws Exception {
        String address = freshAddress();
        Sample event = RequestEvents.extended(address);

        publish(event);

        MimeMessage mail = awaitOnlyMail(address);
        assertThat(mail.getSubject()).isEqualTo("您的请求处理期限已延长（编号 " + event.requestId() + "）");
        // dueAt falls on 14 April in UTC; dueDate, the date in the person's jurisdiction, is the one they are told.
        assertThat(text(mail))
                .contains("延长理由如下：\n您的数据分布在多个系统中，需要更多时间汇总。")
                .contains("我们将最迟于 2026年4月15日 前完成处理。")
                .doesNotContain("2026年4月14日");
        assertThat(logRow(event.eventId()))
                .containsEntry("status", "SENT")
                .containsEntry("template", "request-extended")
                .containsEntry("locale", "zh-CN");
    }

    @Test
    void aCompletedDeregistrationInChineseListsTheDataKeptUnderALegalHold() throws Exception {
        String address = freshAddress();
        Sample event = RequestEvents.completedWithRetention(address);

        publish(event);

        MimeMessage mail = awaitOnlyMail(address);
        assertThat(mail.getSubject()).isEqualTo("您的请求已处理完成（编号 " + event.requestId() + "）");
        assertThat(text(mail))
                .contains("我们已完成您关于“注销您的账户并删除您的个人信息”的请求。")
                .contains("根据法律规定，我们须在一定期限内保存您的以下信息：\n"
                        + "- 发票（法律依据：《会计档案管理办法》第十四条），保存至 2055年12月31日\n"
                        + "- 订单记录（法律依据：《电子商务法》第三十一条），保存至 2029年6月30日\n"
                        + "对上述信息，我们仅进行存储和采取必要的安全保护措施，不作任何其他处理，并将在上述日期之后删除。\n")
                .contains("您的请求编号为 " + event.requestId());
        assertThat(logRow(event.eventId()))
                .containsEntry("status", "SENT")
                .containsEntry("template", "request-completed")
                .containsEntry("locale", "zh-CN");
    }

    @Test
    void aCompletedDeregistrationInEnglishListsTheDataKeptUnderALegalHold() throws Exception {
        String address = freshAddress();
        Sample event = RequestEvents.completedWithRetention(address)
                .with("recipient.locale", "en")
                .with(
                        "retention",
                        List.of(
                                RequestEvents.retained(
                                        "Invoices", "PRC Accounting Archives Measures Art. 14", "2055-12-31"),
                                RequestEvents.retained("Order records", "PRC E-Commerce Law Art. 31", "2029-06-30")));

        publish(event);

        MimeMessage mail = awaitOnlyMail(address);
        assertThat(mail.getSubject())
                .isEqualTo("Your request has been carried out (reference " + event.requestId() + ")");
        assertThat(text(mail))
                .contains("We have carried out your request to close your account and erase your personal data.")
                .contains("The law requires us to keep some of your data for a limited time:\n"
                        + "- Invoices (legal basis: PRC Accounting Archives Measures Art. 14), kept until "
                        + "31 December 2055\n"
                        + "- Order records (legal basis: PRC E-Commerce Law Art. 31), kept until 30 June 2029\n"
                        + "We only store this data and keep it secure, and use it for nothing else. We delete it "
                        + "after the date given.\n")
                .contains("Your reference is " + event.requestId());
        assertThat(logRow(event.eventId()))
                .containsEntry("status", "SENT")
                .containsEntry("template", "request-completed")
                .containsEntry("locale", "en");
    }
}
