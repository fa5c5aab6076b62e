package dev.rightsplatform.worker.task;

import dev.rightsplatform.worker.connector.ConnectedSystem;
import dev.rightsplatform.worker.connector.Connectors;
import dev.rightsplatform.worker.messaging.Topology;
import java.util.ArrayList;
import java.util.List;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Declares what the worker consumes: rights.tasks, one queue per registered system bound to that system's tasks
 * (task.*.&lt;systemId&gt;), and the parked queue. {@link TaskConsumers} starts the consumers.
 */
@Configuration(proxyBeanMethods = false)
class TaskConfiguration {

    @Bean
    Declarables taskTopology(Connectors connectors) {
        TopicExchange tasks = ExchangeBuilder.topicExchange(Topology.TASKS_EXCHANGE)
                .durable(true)
                .build();
        List<Declarable> declarables = new ArrayList<>(List.of(tasks, Topology.quorumQueue(Topology.PARKED_QUEUE)));
        for (ConnectedSystem system : connectors.systems()) {
            // Whatever RabbitMQ itself gives up on (e.g. over a delivery limit) is parked, never dropped.
            Queue queue = Topology.quorumQueue(Topology.tasksQueue(system.id()), Topology.PARKED_QUEUE)
                    .build();
            declarables.add(queue);
            declarables.add(BindingBuilder.bind(queue).to(tasks).with(Topology.tasksBinding(system.id())));
        }
        return new Declarables(declarables);
    }
}
