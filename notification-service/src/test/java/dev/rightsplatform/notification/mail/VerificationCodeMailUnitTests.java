package dev.rightsplatform.notification.mail;

import static dev.rightsplatform.notification.mail.MailEvents.CODE;
import static dev.rightsplatform.notification.mail.MailEvents.REQUEST;
import static dev.rightsplatform.notification.mail.MailEvents.event;
import static dev.rightsplatform.notification.mail.MailEvents.verificationCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.rightsplatform.notification.event.EventType;
import dev.rightsplatform.notification.event.RequestEvent.VerificationCode;
import dev.rightsplatform.notification.event.RequestType;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The mail that carries the one-time code for a request made without a login: the code, when it expires (in UTC,
 * saying so, as we do not know the person's zone), which request it confirms, and what to do if it was not them.
 */
class VerificationCodeMailUnitTests {

    private final MailTemplates templates = MailEvents.templates();

    @Test
    void inEnglish() {
        RenderedMail mail =
                templates.render(event(EventType.VERIFICATION_CODE, RequestType.DEREGISTER, null), SupportedLocale.EN);

        assertThat(mail.subject()).isEqualTo("Your verification code: 048213");
        assertThat(mail.body()).isEqualTo("""
                Hello,

                Your verification code is:

                048213

                Enter it to confirm your request to close your account and erase your personal data (reference \
                %s). The code expires at 09:45 UTC on 13 February 2026.

                Do not give this code to anyone else.

                If you did not ask for this, ignore this email; nothing will happen.

                You can see this request in the privacy portal: https://privacy.example.com/requests/%1$s

                This message was sent automatically. Please do not reply to it.
                """.formatted(REQUEST));
    }

    @Test
    void inChinese() {
        RenderedMail mail =
                templates.render(event(EventType.VERIFICATION_CODE, RequestType.ACCESS, null), SupportedLocale.ZH_CN);

        assertThat(mail.subject()).isEqualTo("您的验证码：048213");
        assertThat(mail.body()).isEqualTo("""
                您好：

                您的验证码为：

                048213

                请使用此验证码确认您关于“查阅我们持有的您的个人信息”的请求（编号 %s）。验证码将于 2026年2月13日 09:45（UTC） \
                失效。

                请勿将验证码告知他人。

                如果您并未提出此请求，请忽略本邮件，我们不会进行任何处理。

                您可以在隐私门户查看此请求：https://privacy.example.com/requests/%1$s

                此邮件由系统自动发送，请勿直接回复。
                """.formatted(REQUEST));
    }

    @Test
    void theExpiryIsWrittenInUtcWhateverOffsetThePublisherGave() {
        // 00:10 on 1 March in Shanghai is still 28 February in UTC.
        VerificationCode code = new VerificationCode("000001", OffsetDateTime.parse("2026-03-01T00:10:59+08:00"));

        assertThat(templates
                        .render(verificationCode(RequestType.EXPORT, code), SupportedLocale.EN)
                        .body())
                .contains("The code expires at 16:10 UTC on 28 February 2026.");
        assertThat(templates
                        .render(verificationCode(RequestType.EXPORT, code), SupportedLocale.ZH_CN)
                        .body())
                .contains("验证码将于 2026年2月28日 16:10（UTC） 失效。");
    }

    @Test
    void theCodeKeepsItsLeadingZeros() {
        VerificationCode code = new VerificationCode("000000", CODE.expiresAt());

        RenderedMail mail = templates.render(verificationCode(RequestType.ACCESS, code), SupportedLocale.EN);

        assertThat(mail.subject()).isEqualTo("Your verification code: 000000");
        assertThat(mail.body()).contains("\n000000\n");
    }

    @Test
    void noOtherMailCanShowTheCode() {
        assertThatIllegalStateException()
                .isThrownBy(() -> MailTemplates.Template.parse(
                        "mail/xx/request-received.txt", "Subject: Received\n\nYour code {code}", Set.of()))
                .withMessage("mail/xx/request-received.txt uses placeholder {code}, which this mail has no value for");
    }

    @Test
    void refusesAVerificationCodeTemplateWithoutTheCodeItsExpiryOrTheReference() {
        Set<String> allowed = Set.of("reference", "requestType", "code", "codeExpiresAt");
        Set<String> required = Set.of("code", "codeExpiresAt", "reference");
        String where = "mail/xx/request-verification-code.txt";

        assertThatIllegalStateException()
                .isThrownBy(
                        () -> MailTemplates.Template.parse(where, "Subject: {code}\n\n{reference}", allowed, required))
                .withMessage(where + " must use {codeExpiresAt}");
        assertThatIllegalStateException()
                .isThrownBy(() -> MailTemplates.Template.parse(
                        where, "Subject: Code\n\n{codeExpiresAt} {reference}", allowed, required))
                .withMessage(where + " must use {code}");
        MailTemplates.Template.parse(where, "Subject: {code}\n\n{codeExpiresAt} {reference}", allowed, required);
    }

    @Test
    void refusesAnExpiryPatternThatDoesNotSayUtcOrLeavesOutTheTimeOrTheDate() {
        String where = "mail/xx/labels.properties";

        assertThatIllegalStateException()
                .isThrownBy(() -> LabelChecks.checkUtcPattern(where, utc("HH:mm d MMMM yyyy")))
                .withMessage(where + ": time.utc-pattern must write \"UTC\"");
        for (String incomplete :
                new String[] {"d MMMM yyyy 'UTC'", "HH:mm 'UTC'", "hh:mm 'UTC' d MMMM yyyy", "HH:mm 'UTC' d MMMM"}) {
            assertThatIllegalStateException()
                    .as(incomplete)
                    .isThrownBy(() -> LabelChecks.checkUtcPattern(where, utc(incomplete)))
                    .withMessageContaining("must write the time");
        }
        LabelChecks.checkUtcPattern(where, utc("HH:mm 'UTC on' d MMMM yyyy"));
    }

    @Test
    void aVerificationCodeEventCannotBeMadeWithoutAValidCode() {
        assertThatIllegalArgumentException().isThrownBy(() -> verificationCode(RequestType.ACCESS, null));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new VerificationCode("12345", CODE.expiresAt()))
                .withMessageNotContaining("12345");
    }

    private static DateTimeFormatter utc(String pattern) {
        return DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH).withZone(ZoneOffset.UTC);
    }
}
