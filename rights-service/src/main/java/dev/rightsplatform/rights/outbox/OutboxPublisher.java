package dev.rightsplatform.rights.outbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes outbox messages and reports, per message, whether the broker confirmed it and routed it to a queue.
 * Blocking by nature (it waits for confirms): callers run it off the event loop.
 */
@Component
class OutboxPublisher {

    private final RabbitTemplate rabbit;
    private final OutboxProperties properties;
    private final OutboxCipher cipher;

    OutboxPublisher(RabbitTemplate rabbit, OutboxProperties properties, OutboxCipher cipher) {
        this.rabbit = rabbit;
        this.properties = properties;
        this.cipher = cipher;
    }

    /** Publishes every message, then waits for all confirms; a failure names its reason, never the payload. */
    List<Outcome> publishAll(List<OutboxMessage> messages) {
        // One channel for the whole batch: the broker keeps the order of what is published on one channel, not across
        // the template's cached channels (two events of one request, sent in order, could otherwise arrive swapped).
        return rabbit.invoke(channel -> {
            var pending = new ArrayList<Map.Entry<OutboxMessage, CorrelationData>>();
            for (var message : messages) {
                var correlation = new CorrelationData(message.id().toString());
                try {
                    channel.send(message.exchange(), message.routingKey(), toAmqp(message), correlation);
                    pending.add(Map.entry(message, correlation));
                } catch (RuntimeException e) {
                    pending.add(Map.entry(message, failed(correlation, e)));
                }
            }
            return pending.stream()
                    .map(entry -> awaitConfirm(entry.getKey(), entry.getValue()))
                    .toList();
        });
    }

    private Outcome awaitConfirm(OutboxMessage message, CorrelationData correlation) {
        try {
            var confirm =
                    correlation.getFuture().get(properties.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!confirm.ack()) {
                return Outcome.failure(message, "broker refused: " + confirm.reason());
            }
            if (correlation.getReturned() != null) {
                return Outcome.failure(message, "unroutable: no queue bound for " + message.routingKey());
            }
            return Outcome.success(message);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return Outcome.failure(message, "no confirm: " + e.getClass().getSimpleName());
        }
    }

    private static CorrelationData failed(CorrelationData correlation, RuntimeException cause) {
        correlation.getFuture().completeExceptionally(cause);
        return correlation;
    }

    private Message toAmqp(OutboxMessage message) {
        var props = new MessageProperties();
        props.setMessageId(message.id().toString());
        props.setType(message.type());
        props.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        props.setContentEncoding(StandardCharsets.UTF_8.name());
        props.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        if (message.traceparent() != null) {
            // the trace of the request that wrote the message goes on in its consumers
            props.setHeader(TraceParents.HEADER, message.traceparent());
        }
        return new Message(cipher.open(message.id(), message.payload()), props);
    }

    /** Whether one message made it; {@code error} is null on success. */
    record Outcome(OutboxMessage message, @Nullable String error) {
        static Outcome success(OutboxMessage message) {
            return new Outcome(message, null);
        }

        static Outcome failure(OutboxMessage message, String error) {
            return new Outcome(message, error);
        }

        boolean succeeded() {
            return error == null;
        }
    }
}
