package dev.rightsplatform.notification.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;

/**
 * What sending one mail costs besides its connection (the senders here open one per mail; keeping them:
 * {@link SmtpConnectionsIntegrationTests}): no thread started (the write timeout's scheduler is shared) and
 * no look through the class path (the stream provider is named); and the write timeout still ends a send the server
 * stopped reading. Against {@link PlainSmtpServer}, whose one thread keeps the thread count the sender's alone.
 */
class EmailSenderIntegrationTests {

    private static final String SERVICES_FILE = "META-INF/services/jakarta.mail.util.StreamProvider";

    private final SmtpWriteTimeouts writeTimeouts = new SmtpWriteTimeouts();

    private final List<EmailSender> senders = new ArrayList<>();

    @AfterEach
    void stopSendersAndScheduler() {
        senders.forEach(EmailSender::destroy);
        writeTimeouts.destroy();
    }

    @Test
    void aMailStartsNoThread() throws IOException {
        try (var server = new PlainSmtpServer()) {
            EmailSender sender = senderTo(server.port(), Duration.ofSeconds(10));
            sender.send("person@example.org", mail("first")); // the shared scheduler's one thread starts here
            var threads = ManagementFactory.getThreadMXBean();
            long before = threads.getTotalStartedThreadCount();

            for (int i = 0; i < 30; i++) {
                sender.send("person@example.org", mail("mail " + i));
            }

            assertThat(server.received()).isEqualTo(31);
            assertThat(server.connections()).isEqualTo(31);
            // Angus Mail alone starts a scheduler thread per connection: 30 here (a connection per mail, see senderTo)
            assertThat(threads.getTotalStartedThreadCount() - before).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void aMailLooksNothingUpOnTheClassPath() throws IOException {
        System.clearProperty(StreamProviderLookup.PROPERTY); // so that only the sender made here can name it
        try (var server = new PlainSmtpServer()) {
            EmailSender sender = senderTo(server.port(), Duration.ofSeconds(10));
            var lookups = new AtomicInteger();
            Thread current = Thread.currentThread();
            ClassLoader original = current.getContextClassLoader();
            current.setContextClassLoader(new CountingLoader(original, lookups));
            try {
                for (int i = 0; i < 5; i++) {
                    sender.send("person@example.org", mail("mail " + i));
                }
            } finally {
                current.setContextClassLoader(original);
            }

            assertThat(server.received()).isEqualTo(5);
            // Jakarta Mail 2.1 without the named provider: a ServiceLoader lookup per part written, two or more a mail
            assertThat(lookups).hasValue(0);
        }
    }

    @Test
    void aServerThatStopsReadingTimesTheSendOut() throws IOException {
        try (var stalling = new PlainSmtpServer();
                var healthy = new PlainSmtpServer()) {
            stalling.stallAfterData();
            EmailSender toStalling = senderTo(stalling.port(), Duration.ofSeconds(1));
            // far more than loopback's socket buffers hold, so that a write blocks once the server stops reading
            String body = ("x".repeat(76) + "\n").repeat(400_000);

            assertTimeoutPreemptively(
                    Duration.ofSeconds(30),
                    () -> assertThatThrownBy(
                                    () -> toStalling.send("person@example.org", new RenderedMail("large", body)))
                            .isInstanceOf(MailSendException.class));
            assertThat(stalling.hasStalled()).isTrue();

            // the shared scheduler outlives the connection it timed out: the next send is bounded the same way
            senderTo(healthy.port(), Duration.ofSeconds(1)).send("person@example.org", mail("after"));
            assertThat(healthy.received()).isEqualTo(1);
        }
    }

    /** A sender that opens a connection per mail, so that what a connection costs shows in every mail. */
    private EmailSender senderTo(int port, Duration writeTimeout) {
        EmailSender sender = TestSenders.to(
                port, writeTimeout, new MailSettings.Connections(Duration.ofSeconds(30), 1), writeTimeouts);
        senders.add(sender);
        return sender;
    }

    private static RenderedMail mail(String subject) {
        return TestSenders.mail(subject);
    }

    /** Counts the looks for Jakarta Mail's stream provider; loads everything as the loader it wraps. */
    private static final class CountingLoader extends ClassLoader {

        private final AtomicInteger lookups;

        CountingLoader(ClassLoader parent, AtomicInteger lookups) {
            super(parent);
            this.lookups = lookups;
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            if (SERVICES_FILE.equals(name)) {
                lookups.incrementAndGet();
            }
            return super.getResources(name);
        }
    }
}
