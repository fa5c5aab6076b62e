package dev.rightsplatform.rights.outbox;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A message waiting to be published. Its id is the AMQP message id, so consumers can recognise a redelivery.
 *
 * @param type the AMQP "type" property: the message's name in infra/asyncapi.yaml
 * @param traceparent the W3C trace context of the work that wrote it (its {@code traceparent} header), or null
 */
public record OutboxMessage(
        UUID id,
        String exchange,
        String routingKey,
        String type,
        String payload,
        @Nullable String traceparent) {

    /** A message written outside any trace. */
    public OutboxMessage(UUID id, String exchange, String routingKey, String type, String payload) {
        this(id, exchange, routingKey, type, payload, null);
    }
}
