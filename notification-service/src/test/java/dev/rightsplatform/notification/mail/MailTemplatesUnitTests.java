package dev.rightsplatform.notification.mail;

import static dev.rightsplatform.notification.mail.MailEvents.REQUEST;
import static dev.rightsplatform.notification.mail.MailEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.notification.event.EventType;
import dev.rightsplatform.notification.event.RequestEvent;
import dev.rightsplatform.notification.event.RequestType;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** The wording people receive, per event and language, from the template files. */
class MailTemplatesUnitTests {

    private final MailTemplates templates = MailEvents.templates();

    @Test
    void receivedInEnglishNamesTheRequestItsReferenceAndDueDate() {
        RenderedMail mail = templates.render(
                event(EventType.RECEIVED, RequestType.DEREGISTER, OffsetDateTime.parse("2026-03-15T23:59:59+01:00")),
                SupportedLocale.EN);

        assertThat(mail.subject()).isEqualTo("We have received your request (reference " + REQUEST + ")");
        assertThat(mail.body())
                .contains("your request to close your account and erase your personal data")
                .contains("Your reference is " + REQUEST)
                .contains("by 15 March 2026 at the latest");
    }

    @Test
    void theLocalDueDateWinsOverTheInstant() {
        // 2026-03-15 in Shanghai ends at 15:59:59 UTC: taken alone, the instant would name the day before.
        RenderedMail mail = templates.render(
                event(
                        EventType.RECEIVED,
                        RequestType.ACCESS,
                        OffsetDateTime.parse("2026-03-14T15:59:59Z"),
                        LocalDate.of(2026, 3, 15),
                        null),
                SupportedLocale.ZH_CN);

        assertThat(mail.body()).contains("2026年3月15日").doesNotContain("2026年3月14日");
    }

    @Test
    void withoutALocalDueDateTheDueDateIsTheDayItFallsOnInThePublishersOffset() {
        RenderedMail mail = templates.render(
                event(EventType.RECEIVED, RequestType.ACCESS, OffsetDateTime.parse("2026-03-15T00:30:00+08:00")),
                SupportedLocale.EN);

        assertThat(mail.body()).contains("by 15 March 2026");
    }

    @Test
    void receivedWithoutDueDateSaysTheLegalTimeLimitApplies() {
        RenderedMail mail = templates.render(event(EventType.RECEIVED, RequestType.ACCESS, null), SupportedLocale.EN);

        assertThat(mail.body())
                .contains("see the personal data we hold about you")
                .contains("within the time the law allows");
    }

    @Test
    void receivedInChineseFormatsTheDateTheChineseWay() {
        RenderedMail mail = templates.render(
                event(EventType.RECEIVED, RequestType.EXPORT, OffsetDateTime.parse("2026-03-15T23:59:59+08:00")),
                SupportedLocale.ZH_CN);

        assertThat(mail.subject()).isEqualTo("我们已收到您的请求（编号 " + REQUEST + "）");
        assertThat(mail.body()).contains("获取一份可转移至他处的个人信息副本").contains("2026年3月15日");
    }

    @Test
    void completedInBothLanguages() {
        RequestEvent completed = event(EventType.COMPLETED, RequestType.WITHDRAW_CONSENT, null);

        assertThat(templates.render(completed, SupportedLocale.EN).subject())
                .isEqualTo("Your request has been carried out (reference " + REQUEST + ")");
        assertThat(templates.render(completed, SupportedLocale.ZH_CN).subject())
                .isEqualTo("您的请求已处理完成（编号 " + REQUEST + "）");
        assertThat(templates.render(completed, SupportedLocale.ZH_CN).body()).contains("撤回您的同意");
    }

    @Test
    void unknownOrMissingLocalesFallBackToEnglish() {
        assertThat(SupportedLocale.resolve("fr")).isEqualTo(SupportedLocale.EN);
        assertThat(SupportedLocale.resolve(null)).isEqualTo(SupportedLocale.EN);
        assertThat(SupportedLocale.resolve("zh-CN")).isEqualTo(SupportedLocale.ZH_CN);
        assertThat(SupportedLocale.resolve("zh-cn")).isEqualTo(SupportedLocale.ZH_CN);
    }
}
