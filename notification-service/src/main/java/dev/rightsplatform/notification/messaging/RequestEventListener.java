package dev.rightsplatform.notification.messaging;

import com.rabbitmq.client.Channel;
import dev.rightsplatform.notification.delivery.DeliverySettings;
import dev.rightsplatform.notification.delivery.ErrorText;
import dev.rightsplatform.notification.delivery.EventDelivery;
import dev.rightsplatform.notification.delivery.Outcome;
import dev.rightsplatform.notification.event.InvalidEventException;
import dev.rightsplatform.notification.event.RequestEvent;
import dev.rightsplatform.notification.event.RequestEventReader;
import java.io.IOException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/**
 * Consumes RequestEvents and settles each message itself: acknowledged when dealt with, sent round a delay queue
 * when it must wait, rejected to the parked queue when it is not a RequestEvent or waiting got nowhere. Nothing is
 * ever requeued at once, so nothing hot-loops; message bodies are never logged (they hold e-mail addresses).
 */
@Component
class RequestEventListener {

    private static final Logger logger = LoggerFactory.getLogger(RequestEventListener.class);

    private final RequestEventReader reader;

    private final EventDelivery delivery;

    private final RetryScheduler retries;

    private final DeliverySettings settings;

    RequestEventListener(
            RequestEventReader reader, EventDelivery delivery, RetryScheduler retries, DeliverySettings settings) {
        this.reader = reader;
        this.delivery = delivery;
        this.retries = retries;
        this.settings = settings;
    }

    @RabbitListener(id = "request-events", queues = EventTopology.QUEUE, ackMode = "MANUAL")
    void onMessage(Message message, Channel channel) throws IOException {
        long tag = message.getMessageProperties().getDeliveryTag();
        RequestEvent event;
        try {
            event = reader.read(message.getBody());
        } catch (InvalidEventException ex) {
            logger.warn("Parking message {}: not a valid RequestEvent: {}", messageId(message), ex.getMessage());
            channel.basicReject(tag, false);
            return;
        }
        Outcome outcome = deliver(event);
        if (outcome instanceof Outcome.Finished) {
            channel.basicAck(tag, false);
        } else if (outcome instanceof Outcome.RetryAfter retry) {
            sendRound(message, channel, retry.delay());
        } else if (RetryScheduler.rounds(message) < settings.maxAttempts()) {
            // Held elsewhere, or our database is unreachable: look again later, waiting longer each round.
            Duration delay = settings.delayBeforeRetry(RetryScheduler.rounds(message) + 1);
            logger.info(
                    "Event {} (request {}) cannot be settled now, looking again in {}",
                    event.eventId(),
                    event.requestId(),
                    delay);
            sendRound(message, channel, delay);
        } else {
            logger.error(
                    "Parking event {} (request {}) after {} rounds without getting through",
                    event.eventId(),
                    event.requestId(),
                    RetryScheduler.rounds(message));
            channel.basicReject(tag, false);
        }
    }

    /** The outcome, or null when the delivery log could not be reached or answered too slowly. */
    private @Nullable Outcome deliver(RequestEvent event) {
        try {
            // the listener's span (the event's traceparent) goes into the Reactor context: the mail's span joins it
            return delivery.deliver(event).contextCapture().block(settings.claimLease());
        } catch (RuntimeException ex) {
            logger.warn(
                    "Could not deal with event {} (request {}) now: {}",
                    event.eventId(),
                    event.requestId(),
                    ErrorText.describe(ex, event.secrets()));
            return null;
        }
    }

    private void sendRound(Message message, Channel channel, Duration delay) throws IOException {
        long tag = message.getMessageProperties().getDeliveryTag();
        try {
            retries.later(message, delay);
        } catch (RuntimeException ex) {
            // Requeueing is safe: RabbitMQ's delivery limit parks the message if this keeps happening.
            logger.error(
                    "Could not schedule message {} for later, requeueing it: {}",
                    messageId(message),
                    ErrorText.describe(ex));
            channel.basicNack(tag, false, true);
            return;
        }
        channel.basicAck(tag, false);
    }

    private static String messageId(Message message) {
        String id = message.getMessageProperties().getMessageId();
        return id == null ? "(no message id)" : id;
    }
}
