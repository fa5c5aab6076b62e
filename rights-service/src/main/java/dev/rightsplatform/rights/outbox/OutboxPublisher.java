package dev.rightsplatform.rights.outbox;

import dev.rightsplatform.messaging.ConfirmedPublishing;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

/**
 * Turns outbox messages into AMQP messages and publishes a batch with the platform's confirmed publishing (one channel,
 * in order, each message confirmed and routed or failed on its own). Blocking by nature (it waits for confirms):
 * callers run it off the event loop.
 */
@Component
class OutboxPublisher {

    private final ConfirmedPublishing publishing;

    OutboxPublisher(RabbitTemplate rabbit, OutboxProperties properties) {
        this.publishing = new ConfirmedPublishing(rabbit, properties.publishTimeout());
    }

    /**
     * One outcome per message, in order; a failure names its reason, never the payload. Throws when no channel could
     * be had at all (the broker is out of reach): then nothing was sent.
     */
    List<ChannelOutcome> publishAll(List<OutboxMessage> messages) {
        var outgoing = messages.stream()
                .map(message ->
                        new ConfirmedPublishing.Outgoing(message.exchange(), message.routingKey(), toAmqp(message)))
                .toList();
        var verdicts = publishing.publishAndWait(outgoing);
        var outcomes = new java.util.ArrayList<ChannelOutcome>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            var id = messages.get(i).id();
            var verdict = verdicts.get(i);
            outcomes.add(
                    verdict.confirmed() ? ChannelOutcome.delivered(id) : ChannelOutcome.failed(id, verdict.error()));
        }
        return outcomes;
    }

    private static Message toAmqp(OutboxMessage message) {
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
        return new Message(message.body(), props);
    }
}
