package dev.rightsplatform.worker.task;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.rightsplatform.worker.messaging.Topology;

/**
 * Declares what the worker consumes (rights.tasks, its queue and binding, the parked queue) and starts the
 * consumer. Acknowledgement is manual: a task is acked by {@link TaskListener} once it is settled.
 */
@Configuration(proxyBeanMethods = false)
class TaskConfiguration {

    @Bean
    Declarables taskTopology() {
        TopicExchange tasks = ExchangeBuilder.topicExchange(Topology.TASKS_EXCHANGE).durable(true).build();
        // Whatever RabbitMQ itself gives up on (e.g. over a delivery limit) is parked, never dropped.
        Queue queue = Topology.quorumQueue(Topology.TASKS_QUEUE, Topology.PARKED_QUEUE).build();
        Binding binding = BindingBuilder.bind(queue).to(tasks).with(Topology.TASKS_BINDING);
        return new Declarables(tasks, queue, binding, Topology.quorumQueue(Topology.PARKED_QUEUE));
    }

    @Bean
    SimpleMessageListenerContainer taskListenerContainer(ConnectionFactory connectionFactory, TaskListener listener,
            TaskProperties properties) {
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
        container.setQueueNames(Topology.TASKS_QUEUE);
        container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
        // One consumer is enough: the listener hands each task to a reactive pipeline and returns at once, so
        // the prefetch count is what bounds the tasks in flight.
        container.setConcurrentConsumers(1);
        container.setPrefetchCount(properties.prefetch());
        container.setMessageListener(listener);
        container.setPhase(TaskListenerDrain.PHASE - 1);
        return container;
    }
}
