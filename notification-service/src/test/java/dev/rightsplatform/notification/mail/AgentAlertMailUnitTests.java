package dev.rightsplatform.notification.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.rightsplatform.notification.event.EventType;
import dev.rightsplatform.notification.event.RequestEvent;
import dev.rightsplatform.notification.event.RequestType;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/**
 * Every alert to agents in every language: its template exists, every placeholder is filled, it links to the request
 * in the console and carries nothing of the person (address, agent's reason); start-up refuses an alert template
 * without its link or with the person's placeholders, and a person's template with the console link.
 */
class AgentAlertMailUnitTests {

    private final MailTemplates templates = MailEvents.templates();

    private static final List<EventType> ALERTS = Arrays.stream(EventType.values())
            .filter(type -> !type.isForPerson())
            .toList();

    @Test
    void everyAlertInEveryLanguageIsFilledLinksToTheConsoleAndHoldsNothingOfThePerson() {
        assertThat(ALERTS).hasSize(5);
        for (SupportedLocale locale : SupportedLocale.values()) {
            for (EventType type : ALERTS) {
                assertThat(new ClassPathResource("mail/" + locale.tag() + "/" + type.alertTemplate() + ".txt").exists())
                        .as("mail/%s/%s.txt", locale.tag(), type.alertTemplate())
                        .isTrue();
                RenderedMail mail = templates.renderAlert(alert(type), locale);
                String all = mail.subject() + "\n" + mail.body();
                assertThat(all)
                        .as("%s in %s", type, locale)
                        .doesNotContainPattern("\\{[A-Za-z]+}")
                        .contains(MailEvents.REQUEST.toString())
                        .contains(MailEvents.PORTAL + "/console/requests/" + MailEvents.REQUEST)
                        .contains("US-CA")
                        .doesNotContain("person@example.org")
                        .doesNotContain("@")
                        .doesNotContain("a reason that names the person")
                        .doesNotContain(MailEvents.PORTAL + "/requests/");
                assertThat(all).contains(locale == SupportedLocale.EN ? "15 March 2026" : "2026年3月15日");
                if (type == EventType.TASK_OVERDUE || type == EventType.NEEDS_ATTENTION) {
                    assertThat(all).contains("billing");
                }
            }
        }
    }

    @Test
    void anAlertIsNotAPersonsMailNorTheOtherWayRound() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> templates.renderAlert(
                        MailEvents.event(EventType.RECEIVED, RequestType.ACCESS, null), SupportedLocale.EN));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> templates.render(alert(EventType.OVERDUE), SupportedLocale.EN));
    }

    @Test
    void startUpRefusesAnAlertWithoutItsLinkOrWithThePersonsPlaceholders() {
        String where = "mail/xx/agent-request-overdue.txt";
        Set<String> alertPlaceholders =
                Set.of("reference", "requestType", "jurisdiction", "dueDate", "systemId", "consoleLink");
        assertThatIllegalStateException()
                .isThrownBy(() -> MailTemplates.Template.parse(
                        where,
                        "Subject: Overdue {reference}\n\nLate.",
                        alertPlaceholders,
                        MailTemplates.requiredAlertPlaceholders(EventType.OVERDUE)))
                .withMessage(where + " must use {consoleLink}");
        assertThatIllegalStateException()
                .isThrownBy(() -> MailTemplates.Template.parse(
                        where,
                        "Subject: Overdue {reference}\n\n{reason} {consoleLink}",
                        alertPlaceholders,
                        MailTemplates.requiredAlertPlaceholders(EventType.OVERDUE)))
                .withMessageContaining("placeholder {reason}");
        assertThat(MailTemplates.requiredAlertPlaceholders(EventType.TASK_OVERDUE))
                .contains("systemId", "consoleLink", "reference");
        assertThatIllegalStateException()
                .isThrownBy(() -> MailTemplates.Template.parse(
                        "mail/xx/request-received.txt",
                        "Subject: Received\n\n{requestLink} {consoleLink}",
                        Set.of("requestLink")))
                .withMessageContaining("unknown placeholder {consoleLink}");
    }

    /** An alert about a deregistration in California due on 15 March 2026, about the system "billing". */
    private static RequestEvent alert(EventType type) {
        return new RequestEvent(
                UUID.randomUUID(),
                type,
                MailEvents.REQUEST,
                RequestType.DEREGISTER,
                "IN_PROGRESS",
                OffsetDateTime.parse("2026-03-10T09:30:00Z"),
                OffsetDateTime.parse("2026-03-15T23:59:59-07:00"),
                LocalDate.of(2026, 3, 15),
                "a reason that names the person",
                "billing",
                null,
                null,
                List.of(),
                false,
                null,
                new RequestEvent.Recipient("person@example.org", "zh-CN"),
                "US-CA");
    }
}
