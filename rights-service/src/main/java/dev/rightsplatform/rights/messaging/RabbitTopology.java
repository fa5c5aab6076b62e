package dev.rightsplatform.rights.messaging;

import static dev.rightsplatform.rights.messaging.Messaging.EVENTS_EXCHANGE;
import static dev.rightsplatform.rights.messaging.Messaging.TASKS_EXCHANGE;
import static dev.rightsplatform.rights.messaging.Messaging.TASK_RESULTS_EXCHANGE;
import static dev.rightsplatform.rights.messaging.Messaging.TASK_RESULTS_PARKED_QUEUE;
import static dev.rightsplatform.rights.messaging.Messaging.TASK_RESULTS_QUEUE;

import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Declares what rights-service publishes to (exchanges) and what it consumes (its own quorum queues). Publisher confirms
 * and returns, which the outbox relies on to know a message reached a queue, are checked at start-up by the platform's
 * {@code ConfirmedPublishing} (the outbox's publisher).
 */
@Configuration(proxyBeanMethods = false)
class RabbitTopology {

    @Bean
    Declarables rightsServiceTopology() {
        var tasks = ExchangeBuilder.topicExchange(TASKS_EXCHANGE).durable(true).build();
        var events =
                ExchangeBuilder.topicExchange(EVENTS_EXCHANGE).durable(true).build();
        var results = ExchangeBuilder.topicExchange(TASK_RESULTS_EXCHANGE)
                .durable(true)
                .build();
        var parked = QueueBuilder.durable(TASK_RESULTS_PARKED_QUEUE).quorum().build();
        var resultsQueue = QueueBuilder.durable(TASK_RESULTS_QUEUE)
                .quorum()
                .deadLetterExchange("")
                .deadLetterRoutingKey(TASK_RESULTS_PARKED_QUEUE)
                .build();
        return new Declarables(
                tasks,
                events,
                results,
                parked,
                resultsQueue,
                BindingBuilder.bind(resultsQueue).to((TopicExchange) results).with("result.#"));
    }
}
