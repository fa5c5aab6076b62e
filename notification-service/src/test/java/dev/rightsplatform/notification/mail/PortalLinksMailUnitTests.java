package dev.rightsplatform.notification.mail;

import static dev.rightsplatform.notification.mail.MailEvents.PORTAL;
import static dev.rightsplatform.notification.mail.MailEvents.RECEIPT_PATH;
import static dev.rightsplatform.notification.mail.MailEvents.REQUEST;
import static dev.rightsplatform.notification.mail.MailEvents.REQUEST_LINK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.rightsplatform.notification.event.EventType;
import dev.rightsplatform.notification.event.RequestEvent;
import dev.rightsplatform.notification.event.RequestType;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every mail to the person links to the request's page in the privacy portal ({@code notification.portal-base-url}):
 * {@code <base>/requests/<id>}, or {@code <base>/without-account/<id>} for a request made without an account; the
 * completed mail of a deregistration or a consent withdrawal also links to its signed receipt,
 * {@code <base><receiptPath>}. In both languages; never a download link.
 */
class PortalLinksMailUnitTests {

    private final MailTemplates templates = MailEvents.templates();

    static Stream<Arguments> everyPersonMailInEveryLanguage() {
        return Arrays.stream(EventType.values())
                .filter(EventType::isForPerson)
                .flatMap(type -> Arrays.stream(SupportedLocale.values()).map(locale -> arguments(type, locale)));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("everyPersonMailInEveryLanguage")
    void everyMailLinksToTheRequestsPage(EventType type, SupportedLocale locale) {
        String body = templates
                .render(MailEvents.event(type, RequestType.DEREGISTER, null), locale)
                .body();

        assertThat(body)
                .contains(REQUEST_LINK + "\n")
                .contains(
                        locale == SupportedLocale.EN
                                ? "You can see this request in the privacy portal: "
                                : "您可以在隐私门户查看此请求：")
                .doesNotContain("/without-account/")
                .doesNotContain("/receipts/");
        assertNoDownloadLink(body);
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("everyPersonMailInEveryLanguage")
    void aRequestWithoutAnAccountIsLinkedToItsOwnPage(EventType type, SupportedLocale locale) {
        String body = templates
                .render(MailEvents.withoutAccount(type, RequestType.ACCESS), locale)
                .body();

        assertThat(body).contains(PORTAL + "/without-account/" + REQUEST + "\n").doesNotContain("/requests/");
        assertNoDownloadLink(body);
    }

    @Test
    void aCompletedDeregistrationLinksToItsSignedReceiptInEnglish() {
        RenderedMail mail =
                templates.render(MailEvents.completedWithReceipt(RequestType.DEREGISTER), SupportedLocale.EN);

        assertThat(mail.body()).isEqualTo("""
                Hello,

                We have carried out your request to close your account and erase your personal data.

                Your account is closed, and we have deleted or anonymised your personal data.

                Your signed receipt, which records what each of our systems did and which you can open and keep \
                without signing in: %s

                Your reference is %s. Please quote it if you contact us about this request.

                You can see this request in the privacy portal: %s

                This message was sent automatically. Please do not reply to it.
                """.formatted(PORTAL + RECEIPT_PATH, REQUEST, REQUEST_LINK));
    }

    @Test
    void aCompletedWithdrawalLinksToItsSignedReceiptInChinese() {
        RenderedMail mail =
                templates.render(MailEvents.completedWithReceipt(RequestType.WITHDRAW_CONSENT), SupportedLocale.ZH_CN);

        assertThat(mail.body()).isEqualTo("""
                您好：

                我们已完成您关于“撤回您的同意”的请求。

                我们已停止为您撤回同意所涉及的目的处理您的个人信息。

                我们为此出具了签名回执，记录了我们各系统的处理情况，您无需登录即可查看和保存：%s

                您的请求编号为 %s。如就此请求联系我们，请提供该编号。

                您可以在隐私门户查看此请求：%s

                此邮件由系统自动发送，请勿直接回复。
                """.formatted(PORTAL + RECEIPT_PATH, REQUEST, REQUEST_LINK));
    }

    @Test
    void theReceiptFollowsTheRetainedDataInBothLanguages() {
        RequestEvent event = new RequestEvent(
                MailEvents.completed(
                                new RequestEvent.Retention("Invoices", "a law", java.time.LocalDate.of(2055, 12, 31)))
                        .eventId(),
                EventType.COMPLETED,
                REQUEST,
                RequestType.DEREGISTER,
                "COMPLETED",
                MailEvents.completed().occurredAt(),
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(new RequestEvent.Retention("Invoices", "a law", java.time.LocalDate.of(2055, 12, 31))),
                false,
                RECEIPT_PATH,
                new RequestEvent.Recipient("a@example.org", "en"));

        String english = templates.render(event, SupportedLocale.EN).body();
        assertThat(english)
                .containsSubsequence(
                        "- Invoices (legal basis: a law), kept until 31 December 2055",
                        "We delete it after the date given.\n\nYour signed receipt",
                        ": " + PORTAL + RECEIPT_PATH + "\n\nYour reference is");
        String chinese = templates.render(event, SupportedLocale.ZH_CN).body();
        assertThat(chinese)
                .containsSubsequence(
                        "- Invoices（法律依据：a law），保存至 2055年12月31日", "签名回执", "：" + PORTAL + RECEIPT_PATH + "\n\n您的请求编号为");
    }

    @Test
    void aCompletedMailWithoutAReceiptHasNoReceiptParagraph() {
        for (SupportedLocale locale : SupportedLocale.values()) {
            for (RequestType type : RequestType.values()) {
                String body = templates
                        .render(MailEvents.event(EventType.COMPLETED, type, null), locale)
                        .body();
                assertThat(body)
                        .as("%s %s", type, locale)
                        .doesNotContain("/receipts/")
                        .doesNotContain("receipt")
                        .doesNotContain("回执");
            }
        }
    }

    @Test
    void aReceiptPathComesOnlyWithTheCompletionOfARequestThatHasAReceipt() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RequestEvent(
                        REQUEST,
                        EventType.COMPLETED,
                        REQUEST,
                        RequestType.ACCESS,
                        "COMPLETED",
                        MailEvents.completed().occurredAt(),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        List.of(),
                        false,
                        RECEIPT_PATH,
                        new RequestEvent.Recipient(null, "en")));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RequestEvent(
                        REQUEST,
                        EventType.RECEIVED,
                        REQUEST,
                        RequestType.DEREGISTER,
                        "RECEIVED",
                        MailEvents.completed().occurredAt(),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        List.of(),
                        false,
                        RECEIPT_PATH,
                        new RequestEvent.Recipient(null, "en")));
    }

    @Test
    void theBaseUrlIsTheConfiguredOneWithoutATrailingSlash() {
        MailTemplates elsewhere = new MailTemplates(new PortalSettings("https://portal.example.org/privacy//"));

        assertThat(elsewhere
                        .render(MailEvents.completedWithReceipt(RequestType.DEREGISTER), SupportedLocale.EN)
                        .body())
                .contains("https://portal.example.org/privacy/requests/" + REQUEST + "\n")
                .contains("https://portal.example.org/privacy" + RECEIPT_PATH + "\n");
    }

    @Test
    void startUpRefusesABaseUrlThatIsNoWebAddress() {
        for (String bad : List.of(
                "",
                " ",
                "portal.example.org",
                "ftp://portal.example.org",
                "https://",
                "https://portal.example.org/?x=1",
                "https://portal.example.org/#top",
                "https://user@portal.example.org",
                "http://exa mple.org")) {
            assertThatIllegalArgumentException()
                    .as(bad)
                    .isThrownBy(() -> new PortalSettings(bad))
                    .withMessageContaining("notification.portal-base-url");
        }
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new PortalSettings(null))
                .withMessageContaining("notification.portal-base-url");
    }

    @Test
    void startUpRefusesATemplateWithoutTheLinkAndACompletedOneWithoutTheReceipt() {
        for (EventType type : EventType.values()) {
            if (type.isForPerson()) {
                assertThat(MailTemplates.requiredPlaceholders(type))
                        .as(type.wireName())
                        .contains("requestLink");
            }
        }
        assertThat(MailTemplates.requiredPlaceholders(EventType.COMPLETED)).contains("receipt");
        String where = "mail/xx/request-cancelled.txt";
        assertThatIllegalStateException()
                .isThrownBy(() -> MailTemplates.Template.parse(
                        where,
                        "Subject: Cancelled\n\nCancelled.",
                        MailTemplates.requiredPlaceholders(EventType.CANCELLED)))
                .withMessage(where + " must use {requestLink}");
        assertThatIllegalStateException()
                .isThrownBy(() -> MailTemplates.Template.parse(
                        where,
                        "Subject: x\n\n{receipt} {requestLink}",
                        MailTemplates.requiredPlaceholders(EventType.CANCELLED)))
                .withMessage(where + " uses placeholder {receipt}, which this mail has no value for");
    }

    @Test
    void startUpRefusesAReceiptLabelWithoutTheLink() {
        String where = "mail/xx/labels.properties";
        assertThatIllegalStateException()
                .isThrownBy(() -> LabelChecks.checkReceiptLink(where, "Your receipt."))
                .withMessage(where + ": receipt.link must use {link} once");
        assertThatIllegalStateException()
                .isThrownBy(() -> LabelChecks.checkReceiptLink(where, "{link} {reference}"))
                .withMessageContaining("unknown placeholder {reference}");
        LabelChecks.checkReceiptLink(where, "Receipt: {link}");
    }

    /** The rule the export mails set: no link that downloads data, only the request's page and the receipt. */
    private static void assertNoDownloadLink(String body) {
        assertThat(body).doesNotContain("/api/").doesNotContain("/exports/").doesNotContain("/data");
    }
}
