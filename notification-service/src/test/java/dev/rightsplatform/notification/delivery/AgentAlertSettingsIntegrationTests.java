package dev.rightsplatform.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.rightsplatform.notification.AbstractNotificationIntegrationTests;
import dev.rightsplatform.notification.RequestEvents;
import dev.rightsplatform.notification.RequestEvents.Sample;
import dev.rightsplatform.notification.event.RequestEvent;
import dev.rightsplatform.notification.event.RequestEventReader;
import dev.rightsplatform.notification.mail.AgentSettings;
import dev.rightsplatform.notification.mail.EmailSender;
import dev.rightsplatform.notification.mail.MailTemplates;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the team's settings decide, against the real database and SMTP server: an alert in Chinese when the team reads
 * Chinese; no address, no mail (SKIPPED, saying why); a bad address or language stops start-up, naming the setting.
 * The delivery is built here with its own settings beside the running service's, which mails in English.
 */
class AgentAlertSettingsIntegrationTests extends AbstractNotificationIntegrationTests {

    @Autowired
    private DeliveryLog deliveryLog;

    @Autowired
    private MailTemplates templates;

    @Autowired
    private EmailSender sender;

    @Autowired
    private MailMetrics metrics;

    @Autowired
    private RequestEventReader reader;

    @Test
    void aTeamThatReadsChineseGetsItsAlertsInChinese() throws Exception {
        String team = "team-" + UUID.randomUUID() + "@rights.test";
        String person = freshAddress();
        Sample event = RequestEvents.forAgents("request.task-overdue", person)
                .with("systemId", "orders")
                .with("jurisdiction", "CN")
                .with("requestType", "EXPORT")
                .with("recipient.locale", "en");

        Outcome outcome =
                delivery(new AgentSettings(team, "zh-CN")).deliver(read(event)).block();

        assertThat(outcome).isEqualTo(new Outcome.Finished(DeliveryStatus.SENT));
        MimeMessage mail = awaitOnlyMail(team);
        assertThat(mail.getSubject()).isEqualTo("【系统逾期】orders，请求 " + event.requestId());
        assertThat(text(mail))
                .contains("某个下游系统未在其自身时限（服务水平约定）内就一项个人信息权利请求作出答复。")
                .contains("相关系统：orders")
                .contains("请求编号：" + event.requestId())
                .contains("请求类型：导出（可携带的副本）")
                .contains("适用法域：CN")
                .contains("截止日期：2026年3月15日")
                .contains("https://portal.rights.test/console/requests/" + event.requestId())
                .doesNotContain(person);
        assertThat(mailTo(person)).isEmpty();
        assertThat(logRow(event.eventId()))
                .containsEntry("status", "SENT")
                .containsEntry("template", "agent-request-task-overdue")
                .containsEntry("locale", "zh-CN");

        // the same event again: already sent, nothing more goes out
        assertThat(delivery(new AgentSettings(team, "zh-CN"))
                        .deliver(read(event))
                        .block())
                .isEqualTo(new Outcome.Finished(DeliveryStatus.SENT));
        assertThat(awaitOnlyMail(team)).isNotNull();
    }

    @Test
    void withoutATeamAddressAnAlertIsSkippedSayingWhy() {
        String person = freshAddress();
        Sample event = RequestEvents.forAgents("request.overdue", person);

        Outcome outcome =
                delivery(new AgentSettings(" ", null)).deliver(read(event)).block();

        assertThat(outcome).isEqualTo(new Outcome.Finished(DeliveryStatus.SKIPPED));
        assertThat(logRow(event.eventId()))
                .containsEntry("status", "SKIPPED")
                .containsEntry("template", "agent-alert-not-configured")
                .containsEntry("locale", "en")
                .containsEntry("attempts", 0);
        assertThat((String) logRow(event.eventId()).get("last_error"))
                .startsWith("agent-alert-not-configured")
                .contains("notification.agents.address is not set");
        org.awaitility.Awaitility.await()
                .during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> mailTo(person).isEmpty());
    }

    @Test
    void aBadTeamAddressOrLanguageIsRefusedNamingTheSetting() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new AgentSettings("Privacy Team <team@rights.test>", "en"))
                .withMessage("notification.agents.address is not a plain e-mail address");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new AgentSettings("not an address", "en"))
                .withMessageContaining("notification.agents.address");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new AgentSettings("team@rights.test", "fr"))
                .withMessage("notification.agents.locale must be one of [en, zh-CN]");
        assertThat(new AgentSettings("team@rights.test", null).language().tag()).isEqualTo("en");
    }

    private EventDelivery delivery(AgentSettings agents) {
        return new EventDelivery(deliveryLog, templates, sender, deliverySettings, metrics, agents);
    }

    private RequestEvent read(Sample event) {
        return reader.read(event.bytes());
    }
}
