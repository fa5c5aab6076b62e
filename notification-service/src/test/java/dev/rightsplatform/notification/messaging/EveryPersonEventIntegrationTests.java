package dev.rightsplatform.notification.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rightsplatform.notification.AbstractNotificationIntegrationTests;
import dev.rightsplatform.notification.RequestEvents;
import dev.rightsplatform.notification.RequestEvents.Sample;
import dev.rightsplatform.notification.event.EventType;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every event type for the person, in every language we write in, reaches the SMTP server as one mail with every
 * placeholder filled and the reference given: the whole path, from the broker through the reader, the templates and
 * the delivery log.
 */
class EveryPersonEventIntegrationTests extends AbstractNotificationIntegrationTests {

    // A placeholder left in the text, or a brace that was part of one.
    private static final Pattern LEFTOVER = Pattern.compile("\\{[A-Za-z]*}|[{}]");

    @Test
    void everyEventForThePersonIsMailedInEveryLanguageWithEveryPlaceholderFilled() throws Exception {
        List<EventType> forPerson =
                Arrays.stream(EventType.values()).filter(EventType::isForPerson).toList();
        List<Sent> sent = new ArrayList<>();
        for (String locale : List.of("en", "zh-CN")) {
            for (EventType type : forPerson) {
                String address = freshAddress();
                Sample event = RequestEvents.ofType(type.wireName(), address)
                        .with("recipient.locale", locale)
                        .with("reason", "a reason");
                publish(event);
                sent.add(new Sent(type, locale, address, event));
            }
        }

        await().atMost(Duration.ofSeconds(60))
                .until(() -> sent.stream().allMatch(s -> mailTo(s.address()).size() == 1));
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> sent.stream().allMatch(s -> mailTo(s.address()).size() == 1));
        assertThat(sent).hasSize(2 * forPerson.size());
        for (Sent s : sent) {
            MimeMessage mail = mailTo(s.address()).get(0);
            String text = mail.getSubject() + "\n" + text(mail);
            assertThat(LEFTOVER.matcher(text).find())
                    .as("%s %s: %s", s.locale(), s.type(), text)
                    .isFalse();
            assertThat(text)
                    .as("%s %s", s.locale(), s.type())
                    .contains(s.event().requestId());
            assertThat(logRow(s.event().eventId()))
                    .as("%s %s", s.locale(), s.type())
                    .containsEntry("status", "SENT")
                    .containsEntry("template", s.type().template())
                    .containsEntry("locale", s.locale());
        }
    }

    private record Sent(EventType type, String locale, String address, Sample event) {}
}
