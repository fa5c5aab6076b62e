package dev.rightsplatform.notification.messaging;

import dev.rightsplatform.notification.delivery.DeliverySettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The exchange, queues and binding this service declares (queues belong to their consumer, infra/asyncapi.yaml).
 * Names and arguments are part of the platform's contract: another declaration with different arguments fails.
 */
@Configuration(proxyBeanMethods = false)
public class EventTopology {

    public static final String EXCHANGE = "rights.events";

    public static final String QUEUE = "notification-service.events";

    public static final String BINDING = "request.#";

    /** Messages that are not RequestEvents, and any that kept failing, wait here for a person to look. */
    public static final String PARKED_QUEUE = QUEUE + ".parked";

    // Caps redeliveries RabbitMQ makes by itself (consumer crashes, lost connections) so no message loops forever.
    private static final int DELIVERY_LIMIT = 20;

    /** The delay queue a retry waits in: one per distinct delay, so a long wait never holds up a short one. */
    public static String retryQueue(Duration delay) {
        return QUEUE + ".retry." + delay.toMillis() + "ms";
    }

    @Bean
    Declarables notificationQueues(DeliverySettings settings) {
        TopicExchange exchange =
                ExchangeBuilder.topicExchange(EXCHANGE).durable(true).build();
        Queue queue = quorum(QUEUE)
                .deadLetterExchange("")
                .deadLetterRoutingKey(PARKED_QUEUE)
                .deliveryLimit(DELIVERY_LIMIT)
                .build();
        List<Declarable> declarables = new ArrayList<>(List.of(
                exchange,
                queue,
                quorum(PARKED_QUEUE).build(),
                BindingBuilder.bind(queue).to(exchange).with(BINDING)));
        settings.retryDelays().stream()
                .distinct()
                .forEach(delay -> declarables.add(quorum(retryQueue(delay))
                        // Nobody consumes a retry queue: its messages expire and dead-letter straight back to the main
                        // queue.
                        .ttl((int) delay.toMillis())
                        .deadLetterExchange("")
                        .deadLetterRoutingKey(QUEUE)
                        .build()));
        return new Declarables(declarables);
    }

    // at-least-once dead-lettering (RabbitMQ 3.10+) so a message moving between queues is never dropped on the way;
    // RabbitMQ only honours it together with the reject-publish overflow behaviour.
    private static QueueBuilder quorum(String name) {
        return QueueBuilder.durable(name)
                .quorum()
                .overflow(QueueBuilder.Overflow.rejectPublish)
                .withArgument("x-dead-letter-strategy", "at-least-once");
    }
}
