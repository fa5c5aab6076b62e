package dev.rightsplatform.notification.mail;

import static dev.rightsplatform.notification.mail.MailEvents.REQUEST;
import static dev.rightsplatform.notification.mail.MailEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.rightsplatform.notification.event.EventType;
import dev.rightsplatform.notification.event.RequestType;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The completed mail says, per kind of request, what now follows for the person: where to read their data, where to
 * download their copy, what withdrawing consent changed, that the account is closed.
 */
class CompletedMailUnitTests {

    private final MailTemplates templates = MailEvents.templates();

    static Stream<Arguments> english() {
        return Stream.of(
                arguments(
                        RequestType.ACCESS,
                        "see the personal data we hold about you",
                        "You can now read your data in the privacy portal: sign in and open this request. It can be "
                                + "read there for a limited time only."),
                arguments(
                        RequestType.EXPORT,
                        "receive a copy of your personal data that you can take elsewhere",
                        "Your copy is ready: sign in to the privacy portal and download it from this request. It can "
                                + "be downloaded for a limited time only; a separate email tells you until when."),
                arguments(
                        RequestType.WITHDRAW_CONSENT,
                        "withdraw your consent",
                        "We no longer use your personal data for the purpose you withdrew your consent for."),
                arguments(
                        RequestType.DEREGISTER,
                        "close your account and erase your personal data",
                        "Your account is closed, and we have deleted or anonymised your personal data."));
    }

    static Stream<Arguments> chinese() {
        return Stream.of(
                arguments(RequestType.ACCESS, "查阅我们持有的您的个人信息", "您现在可以登录隐私门户，打开此请求查阅您的个人信息。相关信息仅在有限期限内可供查阅。"),
                arguments(
                        RequestType.EXPORT,
                        "获取一份可转移至他处的个人信息副本",
                        "您的个人信息副本已生成，请登录隐私门户，打开此请求下载。副本仅在有限期限内可供下载，" + "截止时间请见我们另行发送的邮件。"),
                arguments(RequestType.WITHDRAW_CONSENT, "撤回您的同意", "我们已停止为您撤回同意所涉及的目的处理您的个人信息。"),
                arguments(RequestType.DEREGISTER, "注销您的账户并删除您的个人信息", "您的账户已注销，您的个人信息已被删除或匿名化处理。"));
    }

    @ParameterizedTest
    @MethodSource("english")
    void inEnglishSaysWhatFollowsForEachKindOfRequest(RequestType type, String request, String outcome) {
        RenderedMail mail = templates.render(event(EventType.COMPLETED, type, null), SupportedLocale.EN);

        assertThat(mail.subject()).isEqualTo("Your request has been carried out (reference " + REQUEST + ")");
        assertThat(mail.body()).isEqualTo("""
                Hello,

                We have carried out your request to %s.

                %s

                Your reference is %s. Please quote it if you contact us about this request.

                You can see this request in the privacy portal: https://privacy.example.com/requests/%3$s

                This message was sent automatically. Please do not reply to it.
                """.formatted(request, outcome, REQUEST));
    }

    @ParameterizedTest
    @MethodSource("chinese")
    void inChineseSaysWhatFollowsForEachKindOfRequest(RequestType type, String request, String outcome) {
        RenderedMail mail = templates.render(event(EventType.COMPLETED, type, null), SupportedLocale.ZH_CN);

        assertThat(mail.subject()).isEqualTo("您的请求已处理完成（编号 " + REQUEST + "）");
        assertThat(mail.body()).isEqualTo("""
                您好：

                我们已完成您关于“%s”的请求。

                %s

                您的请求编号为 %s。如就此请求联系我们，请提供该编号。

                您可以在隐私门户查看此请求：https://privacy.example.com/requests/%3$s

                此邮件由系统自动发送，请勿直接回复。
                """.formatted(request, outcome, REQUEST));
    }

    @Test
    void refusesACompletedTemplateThatDoesNotSayWhatFollows() {
        String where = "mail/xx/request-completed.txt";
        Set<String> allowed = Set.of("reference", "requestType", "retention", "outcome");
        Set<String> required = Set.of("retention", "outcome");

        assertThatIllegalStateException()
                .isThrownBy(() ->
                        MailTemplates.Template.parse(where, "Subject: Done\n\n{retention}Done.", allowed, required))
                .withMessage(where + " must use {outcome}");
    }
}
