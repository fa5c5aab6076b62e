package dev.rightsplatform.notification.messaging;

import java.time.Duration;
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

    private static final long CONFIRM_TIMEOUT_MILLIS = 10_000;

    private final RabbitTemplate rabbit;

    RetryScheduler(RabbitTemplate rabbit) {
        this.rabbit = rabbit;
    }

    static int rounds(Message message) {
        Object rounds = message.getMessageProperties().getHeaders().get(ROUNDS_HEADER);
        return rounds instanceof Number number ? number.intValue() : 0;
    }

    /**
     * Publishes the copy and waits for the broker's confirm, so the caller may acknowledge the original only once
     * the copy is safe. Throws when the broker did not take it.
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
        rabbit.invoke(operations -> {
            operations.send("", EventTopology.retryQueue(delay), message);
            operations.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MILLIS);
            return null;
        });
    }
}
