package dev.rightsplatform.notification.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rightsplatform.notification.AbstractNotificationIntegrationTests;
import dev.rightsplatform.notification.NotificationServiceApplication;
import dev.rightsplatform.notification.RequestEvents;
import dev.rightsplatform.notification.RequestEvents.Sample;
import jakarta.mail.Address;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Events for agents reach the privacy team (notification.agents.address, privacy-team@rights.test in the tests, in
 * English): one mail per event that names the kind of alert and the request, says what happened, and links to the
 * request in the agent console, with nothing of the person in it, in the log or in the delivery log. Delivered twice,
 * again after the listener restarted, or again to a fresh instance of the service, an event is still mailed once.
 */
@ExtendWith(OutputCaptureExtension.class)
class AgentAlertIntegrationTests extends AbstractNotificationIntegrationTests {

    static final String TEAM = "privacy-team@rights.test";

    @Autowired
    private RabbitListenerEndpointRegistry listeners;

    @Autowired
    private Environment environment;

    static Stream<Arguments> everyAlert() {
        return Stream.of(
                Arguments.of(
                        "request.review-required",
                        "[Review required] Request ",
                        "A rights request waits for an agent's review"),
                Arguments.of(
                        "request.needs-attention",
                        "[Needs attention] Request ",
                        "a downstream system failed for good (its task is parked after its\nlast retry)"),
                Arguments.of(
                        "request.due-soon", "[Due soon] Request ", "A rights request that is still open is due soon."),
                Arguments.of(
                        "request.overdue",
                        "[Overdue] Request ",
                        "A rights request is past its legal due date and still open."),
                Arguments.of(
                        "request.task-overdue",
                        "[System overdue] orders, request ",
                        "A downstream system has not answered by its own due time (its SLA)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyAlert")
    void eachAlertIsMailedOnceToTheTeamInItsLanguageWithoutThePerson(
            String type, String subjectStart, String whatHappened, CapturedOutput log) throws Exception {
        String person = freshAddress();
        Sample event = alert(type, person);

        publish(event);

        MimeMessage mail = awaitOnlyAlert(event);
        assertThat(mail.getSubject()).isEqualTo(subjectStart + event.requestId());
        assertThat(recipients(mail)).containsExactly(TEAM);
        assertThat(text(mail))
                .contains(whatHappened)
                .contains("Request:      " + event.requestId())
                .contains("Type:         Deregistration (close the account and erase)")
                .contains("Jurisdiction: DE")
                .contains("Due date:     15 March 2026")
                .contains("https://portal.rights.test/console/requests/" + event.requestId());
        if (type.equals("request.needs-attention") || type.equals("request.task-overdue")) {
            assertThat(text(mail)).contains("System:       orders");
        }
        assertNoPersonIn(mail, person);
        assertThat(mailTo(person))
                .as("the person is not told of agents' alerts")
                .isEmpty();
        assertThat(logRow(event.eventId()))
                .containsEntry("status", "SENT")
                .containsEntry("event_type", type)
                .containsEntry("template", "agent-" + type.replace('.', '-'))
                .containsEntry("locale", "en")
                .containsEntry("attempts", 1);
        assertThat(logRow(event.eventId()).values())
                .noneMatch(value -> String.valueOf(value).contains("@"));
        assertThat(log.getAll()).doesNotContain(person).doesNotContain(TEAM);
        await().atMost(Duration.ofSeconds(5)).until(this::queueIsEmpty);
        assertThat(rabbit.receive(EventTopology.PARKED_QUEUE, 500)).as("parked").isNull();
    }

    @Test
    void anAlertWithoutDueDateJurisdictionOrSystemSaysTheyAreNotGiven() throws Exception {
        Sample event = RequestEvents.forAgents("request.needs-attention", freshAddress())
                .without("dueDate")
                .without("dueAt");

        publish(event);

        assertThat(text(awaitOnlyAlert(event)))
                .contains("Jurisdiction: not given in the alert (see the console)")
                .contains("Due date:     not given in the alert (see the console)")
                .contains("System:       not named in the alert (see the console)");
    }

    @Test
    void anAlertDeliveredTwiceIsMailedOnce() throws Exception {
        Sample event = alert("request.overdue", freshAddress());

        publish(event);
        awaitOnlyAlert(event);
        publish(event);

        await().atMost(Duration.ofSeconds(10)).until(this::queueIsEmpty);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> alertsOf(event).size() == 1);
        assertThat(logRow(event.eventId())).containsEntry("status", "SENT").containsEntry("attempts", 1);
    }

    @Test
    void anAlertDeliveredAgainAfterTheListenerRestartedIsMailedOnce() throws Exception {
        Sample event = alert("request.task-overdue", freshAddress());
        publish(event);
        awaitOnlyAlert(event);

        listeners.stop();
        // delivered while nobody listens: it waits in the queue for the restarted listener
        publish(event);
        listeners.start();

        await().atMost(Duration.ofSeconds(15)).until(this::queueIsEmpty);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> alertsOf(event).size() == 1);
        assertThat(logRow(event.eventId())).containsEntry("status", "SENT").containsEntry("attempts", 1);
    }

    @Test
    void anAlertDeliveredAgainToAFreshInstanceOfTheServiceIsMailedOnce() throws Exception {
        Sample event = alert("request.needs-attention", freshAddress());
        publish(event);
        awaitOnlyAlert(event);

        // this instance stops listening; a new one starts on the same database, broker and mail server
        listeners.stop();
        try (ConfigurableApplicationContext fresh = new SpringApplicationBuilder(NotificationServiceApplication.class)
                .profiles("test", "dev")
                .run(
                        "--server.port=0",
                        "--spring.mail.port=" + environment.getRequiredProperty("spring.mail.port"),
                        "--spring.r2dbc.password=" + environment.getRequiredProperty("spring.r2dbc.password"))) {
            publish(event);

            await().atMost(Duration.ofSeconds(15)).until(this::queueIsEmpty);
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> alertsOf(event).size() == 1);
            assertThat(logRow(event.eventId())).containsEntry("status", "SENT").containsEntry("attempts", 1);
        } finally {
            listeners.start();
        }
    }

    @Test
    void anAlertTheMailServerCannotTakeIsRetriedAndMailedOnce() throws Exception {
        Sample event = alert("request.due-soon", freshAddress());
        smtp.stop();

        publish(event);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "RETRYING".equals(logRow(event.eventId()).get("status")));
        smtp.start();

        awaitOnlyAlert(event);
        assertThat(logRow(event.eventId())).containsEntry("status", "SENT");
        assertThat((Integer) logRow(event.eventId()).get("attempts")).isGreaterThan(1);
    }

    /** An alert of {@code type} about a deregistration in Germany due on 15 March 2026, naming the system "orders". */
    static Sample alert(String type, String person) {
        Sample event = RequestEvents.forAgents(type, person).with("jurisdiction", "DE");
        return type.equals("request.needs-attention") || type.equals("request.task-overdue")
                ? event.with("systemId", "orders")
                : event;
    }

    /** Waits for the team's one alert about the event's request, then makes sure no second one follows. */
    private static MimeMessage awaitOnlyAlert(Sample event) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !alertsOf(event).isEmpty());
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> alertsOf(event).size() == 1);
        return alertsOf(event).get(0);
    }

    /** The team's mail about the event's request (every test mails the same team address). */
    static List<MimeMessage> alertsOf(Sample event) {
        return mailTo(TEAM).stream()
                .filter(mail -> subjectOf(mail).contains(event.requestId()))
                .toList();
    }

    private static String subjectOf(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (jakarta.mail.MessagingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static List<String> recipients(MimeMessage mail) throws Exception {
        Address[] all = mail.getAllRecipients();
        return all == null
                ? List.of()
                : Arrays.stream(all).map(Address::toString).toList();
    }

    /** Neither the person's address nor anything else of the event's recipient is anywhere in the mail. */
    static void assertNoPersonIn(MimeMessage mail, String person) throws Exception {
        assertThat(text(mail)).doesNotContain(person).doesNotContain("@");
        assertThat(mail.getSubject()).doesNotContain(person);
        for (var header : Collections.list(mail.getAllHeaders())) {
            assertThat(header.getValue()).as(header.getName()).doesNotContain(person);
        }
        assertThat(mail.getRecipients(RecipientType.CC)).isNull();
        assertThat(mail.getRecipients(RecipientType.BCC)).isNull();
    }
}
