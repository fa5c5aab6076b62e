package dev.rightsplatform.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.util.ServerSetup;
import dev.rightsplatform.notification.delivery.DeliverySettings;
import dev.rightsplatform.notification.messaging.EventTopology;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Runs the whole service against real PostgreSQL (notification_test), RabbitMQ (vhost rights-test) and an
 * in-process GreenMail SMTP server. Every test class shares one Spring context and one SMTP port, so only one
 * listener ever consumes the test queue. Tests tell their mail apart by a fresh recipient address each, because
 * other modules' tests may publish to the same vhost.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
// dev: the tests log in with the committed development secrets, which the service refuses under any other profile
@ActiveProfiles({"test", "dev"})
public abstract class AbstractNotificationIntegrationTests {

    private static final int SMTP_PORT = freePort();

    @RegisterExtension
    protected static final GreenMailExtension smtp = new GreenMailExtension(
                    new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withPerMethodLifecycle(false);

    @Autowired
    protected RabbitTemplate rabbit;

    @Autowired
    protected AmqpAdmin amqpAdmin;

    @Autowired
    protected DatabaseClient db;

    @Autowired
    protected DeliverySettings deliverySettings;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.port", () -> SMTP_PORT);
        registry.add("spring.r2dbc.password", () -> DevSecrets.get("NOTIFICATION_DB_PASSWORD"));
    }

    @BeforeEach
    void cleanSlate() throws FolderException {
        if (!smtp.isRunning()) {
            smtp.start();
        }
        smtp.purgeEmailFromAllMailboxes();
        amqpAdmin.purgeQueue(EventTopology.QUEUE, false);
        amqpAdmin.purgeQueue(EventTopology.PARKED_QUEUE, false);
        deliverySettings.retryDelays().forEach(delay -> amqpAdmin.purgeQueue(EventTopology.retryQueue(delay), false));
        db.sql("TRUNCATE delivery_log").then().block();
    }

    /** An address no other test uses, so its mail can be counted alone. */
    protected static String freshAddress() {
        return "person-" + UUID.randomUUID() + "@example.org";
    }

    /** Publishes as rights-service does (infra/asyncapi.yaml), after checking the sample against the contract. */
    protected void publish(RequestEvents.Sample event) {
        ContractSchema.assertValid(event.json());
        publishRaw(event.type(), event.eventId(), event.bytes());
    }

    protected void publishRaw(String routingKey, String messageId, byte[] body) {
        Message message = MessageBuilder.withBody(body)
                .setContentType("application/json")
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .setMessageId(messageId)
                .setType("RequestEvent")
                .build();
        rabbit.send(EventTopology.EXCHANGE, routingKey, message);
    }

    /** Waits for the address's mail, then makes sure no second one follows. */
    protected static MimeMessage awaitOnlyMail(String address) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !mailTo(address).isEmpty());
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> mailTo(address).size() == 1);
        return mailTo(address).get(0);
    }

    /** Whether the service's queue holds no message (none waiting, none unacknowledged by a consumer). */
    protected boolean queueIsEmpty() {
        var info = amqpAdmin.getQueueInfo(EventTopology.QUEUE);
        return info != null && info.getMessageCount() == 0;
    }

    protected static List<MimeMessage> mailTo(String address) {
        return Arrays.stream(smtp.getReceivedMessages())
                .filter(mail -> isTo(mail, address))
                .toList();
    }

    /** The delivery-log row of an event, column by column; empty when the event has none. */
    protected Map<String, Object> logRow(String eventId) {
        return db.sql("SELECT * FROM delivery_log WHERE event_id = :id")
                .bind("id", UUID.fromString(eventId))
                .fetch()
                .one()
                .blockOptional()
                .orElse(Map.of());
    }

    /** The body as the person reads it. Line ends are made \n: SMTP carries 7-bit text with CRLF, base64 not. */
    protected static String text(MimeMessage mail) {
        try {
            Object content = mail.getContent();
            assertThat(content).isInstanceOf(String.class);
            return ((String) content).replace("\r\n", "\n");
        } catch (IOException | MessagingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static boolean isTo(MimeMessage mail, String address) {
        try {
            return Arrays.stream(mail.getRecipients(RecipientType.TO))
                    .anyMatch(to -> to.toString().equals(address));
        } catch (MessagingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
