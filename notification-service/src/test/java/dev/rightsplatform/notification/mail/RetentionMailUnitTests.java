package dev.rightsplatform.notification.mail;

import static dev.rightsplatform.notification.mail.MailEvents.REQUEST;
import static dev.rightsplatform.notification.mail.MailEvents.completed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.notification.event.RequestEvent.Retention;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * The completed mail tells the person what is kept under a legal hold, why, until when, and that it is only stored
 * and secured (PIPL Art. 47); without such data the mail has no such paragraph.
 */
class RetentionMailUnitTests {

    private static final Retention INVOICES =
            new Retention("Invoices", "PRC Accounting Archives Measures Art. 14", LocalDate.of(2055, 12, 31));

    private static final Retention ORDERS =
            new Retention("Order records", "PRC E-Commerce Law Art. 31", LocalDate.of(2029, 6, 30));

    private final MailTemplates templates = MailEvents.templates();

    @Test
    void inEnglishEachItemWithItsLegalBasisAndDateAndWhatWeStillDoWithIt() {
        RenderedMail mail = templates.render(completed(INVOICES, ORDERS), SupportedLocale.EN);

        assertThat(mail.subject()).isEqualTo("Your request has been carried out (reference " + REQUEST + ")");
        assertThat(mail.body()).contains("""
                We have carried out your request to close your account and erase your personal data.

                Your account is closed, and we have deleted or anonymised your personal data.

                The law requires us to keep some of your data for a limited time:
                - Invoices (legal basis: PRC Accounting Archives Measures Art. 14), kept until 31 December 2055
                - Order records (legal basis: PRC E-Commerce Law Art. 31), kept until 30 June 2029
                We only store this data and keep it secure, and use it for nothing else. We delete it after the date \
                given.

                Your reference is %s.""".formatted(REQUEST));
    }

    @Test
    void inChineseTheDatesAreWrittenTheChineseWay() {
        RenderedMail mail = templates.render(
                completed(
                        new Retention("发票", "《会计档案管理办法》第十四条", LocalDate.of(2055, 12, 31)),
                        new Retention("订单记录", "《电子商务法》第三十一条", LocalDate.of(2029, 6, 30))),
                SupportedLocale.ZH_CN);

        assertThat(mail.body()).contains("""
                我们已完成您关于“注销您的账户并删除您的个人信息”的请求。

                您的账户已注销，您的个人信息已被删除或匿名化处理。

                根据法律规定，我们须在一定期限内保存您的以下信息：
                - 发票（法律依据：《会计档案管理办法》第十四条），保存至 2055年12月31日
                - 订单记录（法律依据：《电子商务法》第三十一条），保存至 2029年6月30日
                对上述信息，我们仅进行存储和采取必要的安全保护措施，不作任何其他处理，并将在上述日期之后删除。

                您的请求编号为 %s。""".formatted(REQUEST));
    }

    @Test
    void withoutRetainedDataTheMailHasNoRetentionParagraph() {
        assertThat(templates.render(completed(), SupportedLocale.EN).body()).isEqualTo("""
                Hello,

                We have carried out your request to close your account and erase your personal data.

                Your account is closed, and we have deleted or anonymised your personal data.

                Your reference is %s. Please quote it if you contact us about this request.

                You can see this request in the privacy portal: https://privacy.example.com/requests/%1$s

                This message was sent automatically. Please do not reply to it.
                """.formatted(REQUEST));
        assertThat(templates.render(completed(), SupportedLocale.ZH_CN).body()).isEqualTo("""
                您好：

                我们已完成您关于“注销您的账户并删除您的个人信息”的请求。

                您的账户已注销，您的个人信息已被删除或匿名化处理。

                您的请求编号为 %s。如就此请求联系我们，请提供该编号。

                您可以在隐私门户查看此请求：https://privacy.example.com/requests/%1$s

                此邮件由系统自动发送，请勿直接回复。
                """.formatted(REQUEST));
    }

    @Test
    void categoryAndBasisAreInsertedAsWrittenOnOneLine() {
        RenderedMail mail = templates.render(
                completed(new Retention("Costs $1 \\ {reference}", "Law\n  {until} Art. 1", LocalDate.of(2030, 1, 1))),
                SupportedLocale.EN);

        assertThat(mail.body())
                .contains("- Costs $1 \\ {reference} (legal basis: Law {until} Art. 1), kept until 1 January 2030\n");
    }

    @Test
    void aBlankCategoryOrBasisAsksThePersonToContactUs() {
        RenderedMail mail = templates.render(
                completed(
                        new Retention("Invoices", " ", LocalDate.of(2030, 1, 1)),
                        new Retention("", "A law", LocalDate.of(2031, 1, 1))),
                SupportedLocale.EN);

        assertThat(mail.body())
                .contains("- Invoices (legal basis: not recorded here (please contact us, quoting your reference)), "
                        + "kept until 1 January 2030\n")
                .contains("- not recorded here (please contact us, quoting your reference) (legal basis: A law), "
                        + "kept until 1 January 2031\n");
    }

    @Test
    void theSameItemFromTwoSystemsIsListedOnce() {
        RenderedMail mail = templates.render(completed(INVOICES, ORDERS, INVOICES), SupportedLocale.EN);

        assertThat(mail.body()).containsOnlyOnce("- Invoices").containsOnlyOnce("- Order records");
    }
}
