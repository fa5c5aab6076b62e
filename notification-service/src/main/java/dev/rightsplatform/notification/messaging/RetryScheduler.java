package dev.rightsplatform.notification.messaging;

import dev.rightsplatform.messaging.ConfirmedPublishing;
import java.time.Duration;
import java.util.List;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends an event round again later: a copy goes to the delay queue for the wait, and RabbitMQ dead-letters it
 * back to the main queue when the wait is over. The wait survives restarts and holds no consumer thread.
 */
@Component
class RetryScheduler {

    /** How many times a message has been sent round; bounds the rounds spent waiting on our own infrastructure. */
    static final String ROUNDS_HEADER = "x-notification-rounds";

    private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(10);

    /** The platform's confirmed publishing (infra/service-support): confirmed by the broker and routed to a queue. */
    private final ConfirmedPublishing publishing;

    RetryScheduler(RabbitTemplate rabbit) {
        this.publishing = new ConfirmedPublishing(rabbit, CONFIRM_TIMEOUT);
    }

    static int rounds(Message message) {
        Object rounds = message.getMessageProperties().getHeaders().get(ROUNDS_HEADER);
        return rounds instanceof Number number ? number.intValue() : 0;
    }

    /**
     * Publishes the copy and waits for the broker's confirm, so the caller may acknowledge the original only once
     * the copy is safe in a queue. Throws when the broker did not take it, or no queue did (a delay queue missing).
     */
    void later(Message original, Duration delay) {
        MessageProperties properties = original.getMessageProperties();
        MessageProperties copy = new MessageProperties();
        copy.setMessageId(properties.getMessageId());
        copy.setType(properties.getType());
        copy.setContentType(properties.getContentType());
        copy.setContentEncoding(properties.getContentEncoding());
        copy.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        copy.setHeader(ROUNDS_HEADER, rounds(original) + 1);
        Message message = new Message(original.getBody(), copy);
        var verdict = publishing
                .publishAndWait(List.of(new ConfirmedPublishing.Outgoing("", EventTopology.retryQueue(delay), message)))
                .get(0);
        if (!verdict.confirmed()) {
            throw new AmqpException(verdict.error());
        }
    }
}
