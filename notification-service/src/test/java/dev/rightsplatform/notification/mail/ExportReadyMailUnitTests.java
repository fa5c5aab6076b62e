package dev.rightsplatform.notification.mail;

import static dev.rightsplatform.notification.mail.MailEvents.AVAILABLE_UNTIL;
import static dev.rightsplatform.notification.mail.MailEvents.REQUEST;
import static dev.rightsplatform.notification.mail.MailEvents.exportReady;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.rightsplatform.notification.event.EventType;
import dev.rightsplatform.notification.event.RequestEvent;
import dev.rightsplatform.notification.event.RequestType;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The mail that tells the person their export's archive is ready: sign in to the portal and download it from the
 * request, until when (in UTC, saying so, as we do not know the person's zone), and no link, since download links
 * are issued only to the signed-in owner.
 */
class ExportReadyMailUnitTests {

    private final MailTemplates templates = MailEvents.templates();

    @Test
    void inEnglish() {
        RenderedMail mail = templates.render(exportReady(AVAILABLE_UNTIL), SupportedLocale.EN);

        assertThat(mail.subject()).isEqualTo("Your copy of your data is ready to download (reference " + REQUEST + ")");
        assertThat(mail.body()).isEqualTo("""
                Hello,

                Your request to receive a copy of your personal data that you can take elsewhere has been carried \
                out: your copy is ready.

                To download it, sign in to the privacy portal and open this request. You can download it until 17:30 \
                UTC on 20 February 2026. After that we delete it; if you still want a copy then, you can make a new \
                request.

                For your security this email contains no download link: you get one in the privacy portal once you \
                have signed in.

                Your reference is %s. Please quote it if you contact us about this request.

                You can see this request in the privacy portal: https://privacy.example.com/requests/%1$s

                This message was sent automatically. Please do not reply to it.
                """.formatted(REQUEST));
    }

    @Test
    void inChinese() {
        RenderedMail mail = templates.render(exportReady(AVAILABLE_UNTIL), SupportedLocale.ZH_CN);

        assertThat(mail.subject()).isEqualTo("您的个人信息副本已可下载（编号 " + REQUEST + "）");
        assertThat(mail.body()).isEqualTo("""
                您好：

                您关于“获取一份可转移至他处的个人信息副本”的请求已处理完成，副本已准备就绪。

                请登录隐私门户，打开此请求下载副本。副本可下载至 2026年2月20日 17:30（UTC），之后我们将予以删除；届时如仍需副本，\
                您可以重新提交请求。

                为保障您的信息安全，本邮件不含下载链接：您登录隐私门户后即可获取下载链接。

                您的请求编号为 %s。如就此请求联系我们，请提供该编号。

                您可以在隐私门户查看此请求：https://privacy.example.com/requests/%1$s

                此邮件由系统自动发送，请勿直接回复。
                """.formatted(REQUEST));
    }

    @Test
    void theTimeIsCutToTheMinuteSoItNeverReadsLaterThanTheDeletion() {
        RenderedMail mail =
                templates.render(exportReady(OffsetDateTime.parse("2026-12-31T23:59:59.999Z")), SupportedLocale.EN);

        assertThat(mail.body()).contains("until 23:59 UTC on 31 December 2026.");
    }

    @Test
    void refusesAnExportReadyTemplateThatDoesNotSayUntilWhen() {
        Set<String> allowed = Set.of("reference", "requestType", "availableUntil");
        Set<String> required = Set.of("availableUntil", "reference");
        String where = "mail/xx/request-export-ready.txt";

        assertThatIllegalStateException()
                .isThrownBy(() -> MailTemplates.Template.parse(
                        where, "Subject: Ready\n\nDownload it ({reference}).", allowed, required))
                .withMessage(where + " must use {availableUntil}");
        MailTemplates.Template.parse(
                where, "Subject: Ready\n\nUntil {availableUntil} ({reference}).", allowed, required);
    }

    @Test
    void noOtherMailCanUseTheDownloadDeadline() {
        assertThatIllegalStateException()
                .isThrownBy(() -> MailTemplates.Template.parse(
                        "mail/xx/request-completed.txt", "Subject: Done\n\nUntil {availableUntil}", Set.of()))
                .withMessage("mail/xx/request-completed.txt uses placeholder {availableUntil}, which this mail has "
                        + "no value for");
    }

    @Test
    void anExportReadyEventCannotBeMadeWithoutItsDeadlineNorAnotherEventWithOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> exportReady(null));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RequestEvent(
                        REQUEST,
                        EventType.COMPLETED,
                        REQUEST,
                        RequestType.EXPORT,
                        "COMPLETED",
                        AVAILABLE_UNTIL,
                        null,
                        null,
                        null,
                        null,
                        null,
                        AVAILABLE_UNTIL,
                        List.of(),
                        false,
                        null,
                        new RequestEvent.Recipient(null, "en")));
    }
}
