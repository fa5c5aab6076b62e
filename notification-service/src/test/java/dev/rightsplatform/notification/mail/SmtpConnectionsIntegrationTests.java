package dev.rightsplatform.notification.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailSendException;

/**
 * SMTP connections kept between mails ({@link SmtpConnections}): one connection carries many mails; one the server
 * closed, one idle too long, one worn out and one a mail failed on are never used again, and no mail is lost or sent
 * twice on the way. Against {@link PlainSmtpServer}, which counts the connections it accepts.
 */
class SmtpConnectionsIntegrationTests {

    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

    private final SmtpWriteTimeouts writeTimeouts = new SmtpWriteTimeouts();

    private final List<EmailSender> senders = new ArrayList<>();

    @AfterEach
    void stopSendersAndScheduler() {
        senders.forEach(EmailSender::destroy);
        writeTimeouts.destroy();
    }

    @Test
    void mailsOneAfterTheOtherShareOneConnection() throws IOException {
        try (var server = new PlainSmtpServer()) {
            EmailSender sender = senderTo(server, Duration.ofSeconds(30), 100);

            for (int i = 0; i < 30; i++) {
                sender.send("person@example.org", TestSenders.mail("mail " + i));
            }

            assertThat(server.received()).isEqualTo(30);
            assertThat(server.connections()).isEqualTo(1);
            assertThat(sender.idleConnections()).isEqualTo(1);
        }
    }

    @Test
    void aConnectionTheServerClosedIsReplacedBeforeAMailGoesOverIt() throws IOException {
        try (var server = new PlainSmtpServer()) {
            server.dropAfterEachMail();
            EmailSender sender = senderTo(server, Duration.ofSeconds(30), 100);

            for (int i = 0; i < 5; i++) {
                sender.send("person@example.org", TestSenders.mail("mail " + i)); // none fails
            }

            assertThat(server.received()).isEqualTo(5);
            assertThat(server.connections()).isEqualTo(5);
        }
    }

    @Test
    void aConnectionIdleLongerThanMaxIdleIsClosedAndNotUsedAgain() throws IOException {
        try (var server = new PlainSmtpServer()) {
            EmailSender sender = senderTo(server, Duration.ofMillis(300), 100);
            sender.send("person@example.org", TestSenders.mail("first"));
            assertThat(sender.idleConnections()).isEqualTo(1);

            // closed politely by the pool's evictor, without a mail asking for it
            await().atMost(Duration.ofSeconds(10)).until(() -> server.quits() == 1);
            assertThat(sender.idleConnections()).isZero();

            sender.send("person@example.org", TestSenders.mail("second"));
            assertThat(server.received()).isEqualTo(2);
            assertThat(server.connections()).isEqualTo(2);
        }
    }

    @Test
    void aConnectionCarriesAtMostMaxMails() throws IOException {
        try (var server = new PlainSmtpServer()) {
            EmailSender sender = senderTo(server, Duration.ofSeconds(30), 10);

            for (int i = 0; i < 25; i++) {
                sender.send("person@example.org", TestSenders.mail("mail " + i));
            }

            assertThat(server.received()).isEqualTo(25);
            assertThat(server.connections()).isEqualTo(3);
            assertThat(server.quits()).isEqualTo(2); // the worn-out ones said goodbye
        }
    }

    @Test
    void aConnectionAMailFailedOnIsClosedAndTheNextMailGetsANewOne() throws IOException {
        try (var server = new PlainSmtpServer()) {
            EmailSender sender = senderTo(server, Duration.ofSeconds(30), 100);
            sender.send("person@example.org", TestSenders.mail("first"));
            server.refuseNextRecipient();

            assertThatThrownBy(() -> sender.send("nobody@example.org", TestSenders.mail("refused")))
                    .isInstanceOf(MailSendException.class)
                    .hasMessageContaining("Failed messages");
            assertThat(sender.idleConnections()).isZero();

            sender.send("person@example.org", TestSenders.mail("third"));
            assertThat(server.received()).isEqualTo(2);
            assertThat(server.connections()).isEqualTo(2);
        }
    }

    @Test
    void aMailThatCannotBeWrittenIsAParseFailureAndTakesNoConnection() throws IOException {
        try (var server = new PlainSmtpServer()) {
            EmailSender sender = senderTo(server, Duration.ofSeconds(30), 100);

            // EventDelivery gives up at once on a MailParseException: retrying would not make it an address
            assertThatThrownBy(() -> sender.send("no address at all <", TestSenders.mail("nowhere")))
                    .isInstanceOf(MailParseException.class);

            assertThat(server.connections()).isZero();
            assertThat(server.received()).isZero();
        }
    }

    @Test
    void noServerIsAMailSendExceptionAndTheNextMailTriesAgain() throws IOException {
        int port;
        try (var gone = new PlainSmtpServer()) {
            port = gone.port();
        }
        EmailSender sender = TestSenders.to(
                port, WRITE_TIMEOUT, new MailSettings.Connections(Duration.ofSeconds(30), 100), writeTimeouts);
        senders.add(sender);

        assertThatThrownBy(() -> sender.send("person@example.org", TestSenders.mail("nowhere")))
                .isInstanceOf(MailSendException.class)
                .hasMessageContaining("connection failed");
        assertThat(sender.idleConnections()).isZero();
    }

    private EmailSender senderTo(PlainSmtpServer server, Duration maxIdle, int maxMails) {
        EmailSender sender = TestSenders.to(
                server.port(), WRITE_TIMEOUT, new MailSettings.Connections(maxIdle, maxMails), writeTimeouts);
        senders.add(sender);
        return sender;
    }
}
