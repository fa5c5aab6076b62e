package dev.rightsplatform.notification.mail;

import static dev.rightsplatform.notification.mail.MailEvents.AVAILABLE_UNTIL;
import static dev.rightsplatform.notification.mail.MailEvents.CODE;
import static dev.rightsplatform.notification.mail.MailEvents.REQUEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.rightsplatform.notification.event.EventType;
import dev.rightsplatform.notification.event.RequestEvent;
import dev.rightsplatform.notification.event.RequestType;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/**
 * Every event for the person has its mail in every language we write in, for every kind of request, and no mail
 * ever shows a placeholder unfilled; events for agents have none. Looks at the resource files themselves, not only
 * through MailTemplates, so a template that start-up forgot to check would still be found missing here.
 */
class EveryPersonMailUnitTests {

    // A placeholder left in the text, or a brace that was part of one.
    private static final Pattern LEFTOVER = Pattern.compile("\\{[A-Za-z]*}|[{}]");

    private final MailTemplates templates = MailEvents.templates();

    @Test
    void everyEventForThePersonHasATemplateFileInEveryLanguage() {
        for (SupportedLocale locale : SupportedLocale.values()) {
            for (EventType type : personEvents()) {
                assertThat(new ClassPathResource("mail/" + locale.tag() + "/" + type.template() + ".txt").exists())
                        .as("mail/%s/%s.txt", locale.tag(), type.template())
                        .isTrue();
            }
        }
    }

    @Test
    void everyEventForThePersonRendersWithNoPlaceholderLeftInEveryLanguageAndForEveryKindOfRequest() {
        for (SupportedLocale locale : SupportedLocale.values()) {
            for (EventType type : personEvents()) {
                for (RequestType requestType : RequestType.values()) {
                    RenderedMail mail = templates.render(everything(type, requestType), locale);
                    String text = mail.subject() + "\n" + mail.body();
                    assertThat(LEFTOVER.matcher(text).find())
                            .as("%s %s %s: %s", locale, type, requestType, text)
                            .isFalse();
                    assertThat(text).as("%s %s %s", locale, type, requestType).contains(REQUEST.toString());
                    assertThat(mail.subject())
                            .as("%s %s %s", locale, type, requestType)
                            .isNotBlank();
                }
            }
        }
    }

    @Test
    void everyKindOfRequestHasItsWordsInEveryLanguage() throws IOException {
        for (SupportedLocale locale : SupportedLocale.values()) {
            Properties labels = labels(locale);
            for (String prefix : List.of("requestType.", "completed.")) {
                List<String> words = Arrays.stream(RequestType.values())
                        .map(type -> labels.getProperty(prefix + type.name()))
                        .toList();
                assertThat(words)
                        .as("%s %s*", locale.tag(), prefix)
                        .doesNotContainNull()
                        .allSatisfy(word -> assertThat(word).isNotBlank())
                        .doesNotHaveDuplicates();
            }
        }
    }

    @Test
    void eventsForAgentsHaveNoMailForThePerson() {
        for (EventType type : EventType.values()) {
            if (!type.isForPerson()) {
                assertThatIllegalArgumentException()
                        .as(type.wireName())
                        .isThrownBy(() -> templates.render(everything(type, RequestType.ACCESS), SupportedLocale.EN));
            }
        }
    }

    private static List<EventType> personEvents() {
        List<EventType> forPerson =
                Arrays.stream(EventType.values()).filter(EventType::isForPerson).toList();
        assertThat(forPerson).contains(EventType.EXPORT_READY, EventType.COMPLETED, EventType.VERIFICATION_CODE);
        return forPerson;
    }

    /** An event of the type with every field the contract allows for it filled in. */
    private static RequestEvent everything(EventType type, RequestType requestType) {
        return new RequestEvent(
                UUID.randomUUID(),
                type,
                REQUEST,
                requestType,
                "ANY",
                OffsetDateTime.parse("2026-02-13T09:30:00Z"),
                OffsetDateTime.parse("2026-03-15T23:59:59+08:00"),
                LocalDate.of(2026, 3, 15),
                "a reason",
                "orders",
                type == EventType.VERIFICATION_CODE ? CODE : null,
                type == EventType.EXPORT_READY ? AVAILABLE_UNTIL : null,
                List.of(new RequestEvent.Retention("Invoices", "a law", LocalDate.of(2055, 12, 31))),
                false,
                type == EventType.COMPLETED && requestType.hasReceipt() ? MailEvents.RECEIPT_PATH : null,
                new RequestEvent.Recipient("a@example.org", "en"));
    }

    private static Properties labels(SupportedLocale locale) throws IOException {
        Properties labels = new Properties();
        try (InputStream in = new ClassPathResource("mail/" + locale.tag() + "/labels.properties").getInputStream()) {
            labels.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return labels;
    }
}
