package dev.rightsplatform.rights.outbox;

import java.util.UUID;

/**
 * A message waiting to be published. Its id is the AMQP message id, so consumers can recognise a redelivery.
 *
 * @param type the AMQP "type" property: the message's name in infra/asyncapi.yaml
 */
public record OutboxMessage(UUID id, String exchange, String routingKey, String type, String payload) {
}
