package dev.rightsplatform.notification.mail;

import static dev.rightsplatform.notification.mail.MailEvents.REQUEST;
import static dev.rightsplatform.notification.mail.MailEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.notification.event.EventType;
import dev.rightsplatform.notification.event.RequestType;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** The mails about what happens to a request after it is received: refusal, extension, cancellation, cooling off. */
class LifecycleMailUnitTests {

    private static final String REASON = "We could not confirm that the account is yours.";

    private final MailTemplates templates = MailEvents.templates();

    @Test
    void refusedInEnglishGivesTheReasonAndTheRightsToComplainAndGoToCourt() {
        RenderedMail mail =
                templates.render(event(EventType.REFUSED, RequestType.ACCESS, null, null, REASON), SupportedLocale.EN);

        assertThat(mail.subject()).isEqualTo("We cannot carry out your request (reference " + REQUEST + ")");
        assertThat(mail.body())
                .contains("not to carry out your request to see the personal data we hold about you")
                .contains("Our reason:\n" + REASON + "\n")
                .contains("lodge a complaint with a data protection authority")
                .contains("seek a judicial remedy");
    }

    @Test
    void refusedInChineseGivesTheReasonAndNamesTheRegulatorAndTheCourts() {
        RenderedMail mail = templates.render(
                event(EventType.REFUSED, RequestType.DEREGISTER, null, null, "无法核实身份"), SupportedLocale.ZH_CN);

        assertThat(mail.subject()).isEqualTo("我们无法处理您的请求（编号 " + REQUEST + "）");
        assertThat(mail.body())
                .contains("理由如下：\n无法核实身份\n")
                .contains("向个人信息保护监管部门投诉")
                .contains("向人民法院提起诉讼");
    }

    @Test
    void aRefusalWithoutAReasonStillTellsThePersonHowToLearnIt() {
        RenderedMail mail =
                templates.render(event(EventType.REFUSED, RequestType.ACCESS, null, null, "  "), SupportedLocale.EN);

        assertThat(mail.body()).contains("Please contact us, quoting your reference, and we will tell you why");
    }

    @Test
    void theReasonIsInsertedAsWritten() {
        String reason = "Costs $1 \\ {reference} {unknown}";

        RenderedMail mail =
                templates.render(event(EventType.REFUSED, RequestType.ACCESS, null, null, reason), SupportedLocale.EN);

        assertThat(mail.body()).contains("Our reason:\n" + reason + "\n");
    }

    @Test
    void extendedInEnglishGivesTheReasonAndTheNewDueDate() {
        RenderedMail mail = templates.render(
                event(
                        EventType.EXTENDED,
                        RequestType.EXPORT,
                        OffsetDateTime.parse("2026-04-14T22:59:59Z"),
                        LocalDate.of(2026, 4, 15),
                        "Many systems hold your data."),
                SupportedLocale.EN);

        assertThat(mail.subject()).isEqualTo("We need more time for your request (reference " + REQUEST + ")");
        assertThat(mail.body())
                .contains("Our reason:\nMany systems hold your data.\n")
                .contains("We will carry it out by 15 April 2026 at the latest.");
    }

    @Test
    void extendedInChineseFormatsTheNewDueDateTheChineseWay() {
        RenderedMail mail = templates.render(
                event(
                        EventType.EXTENDED,
                        RequestType.EXPORT,
                        OffsetDateTime.parse("2026-04-14T15:59:59Z"),
                        LocalDate.of(2026, 4, 15),
                        "需要更多时间汇总"),
                SupportedLocale.ZH_CN);

        assertThat(mail.subject()).isEqualTo("您的请求处理期限已延长（编号 " + REQUEST + "）");
        assertThat(mail.body()).contains("延长理由如下：\n需要更多时间汇总\n").contains("我们将最迟于 2026年4月15日 前完成处理。");
    }

    @Test
    void anExtensionWithOnlyTheInstantUsesItsDate() {
        RenderedMail mail = templates.render(
                event(
                        EventType.EXTENDED,
                        RequestType.ACCESS,
                        OffsetDateTime.parse("2026-04-15T23:59:59+02:00"),
                        null,
                        "late"),
                SupportedLocale.EN);

        assertThat(mail.body()).contains("by 15 April 2026 at the latest");
    }

    @Test
    void cancelledInBothLanguages() {
        var cancelled = event(EventType.CANCELLED, RequestType.WITHDRAW_CONSENT, null);

        RenderedMail english = templates.render(cancelled, SupportedLocale.EN);
        RenderedMail chinese = templates.render(cancelled, SupportedLocale.ZH_CN);

        assertThat(english.subject()).isEqualTo("Your request has been cancelled (reference " + REQUEST + ")");
        assertThat(english.body()).contains("Your request to withdraw your consent has been cancelled");
        assertThat(chinese.subject()).isEqualTo("您的请求已取消（编号 " + REQUEST + "）");
        assertThat(chinese.body()).contains("您关于“撤回您的同意”的请求已取消");
    }

    @Test
    void coolingOffInBothLanguagesSaysTheAccountIsDisabledAndHowLongItCanBeCancelled() {
        var coolingOff = event(
                EventType.COOLING_OFF_STARTED,
                RequestType.DEREGISTER,
                OffsetDateTime.parse("2026-03-15T23:59:59+01:00"));

        RenderedMail english = templates.render(coolingOff, SupportedLocale.EN);
        RenderedMail chinese = templates.render(coolingOff, SupportedLocale.ZH_CN);

        assertThat(english.subject()).startsWith("Your account is disabled for a cooling-off period");
        assertThat(english.body())
                .contains("close your account and erase your personal data")
                .contains("your account has been disabled")
                .contains("cancel it in the privacy portal until the cooling-off period ends");
        assertThat(chinese.subject()).startsWith("您的账户已停用并进入冷静期");
        assertThat(chinese.body()).contains("注销您的账户并删除您的个人信息").contains("可在冷静期结束前通过隐私门户取消该请求");
    }
}
