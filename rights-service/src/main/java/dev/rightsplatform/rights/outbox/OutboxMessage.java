package dev.rightsplatform.rights.outbox;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A message a relay has claimed, its payload opened. Its id is the AMQP message id (or a callback's id), so consumers
 * recognise a redelivery.
 *
 * @param exchange the RabbitMQ exchange (channel {@code amqp}), else null
 * @param routingKey the routing key (channel {@code amqp}), else null
 * @param target where any other channel delivers it (a partner's callback URL), else null
 * @param type the AMQP "type" property: the message's name in infra/asyncapi.yaml
 * @param body the payload exactly as written (the bytes a callback's signature covers)
 * @param traceparent the W3C trace context of the work that wrote it (its {@code traceparent} header), or null
 * @param attempts how many delivery attempts were made before this one
 */
public record OutboxMessage(
        UUID id,
        @Nullable String exchange,
        @Nullable String routingKey,
        @Nullable String target,
        String type,
        byte[] body,
        @Nullable String traceparent,
        int attempts) {}
