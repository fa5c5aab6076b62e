package dev.rightsplatform.worker.task;

import dev.rightsplatform.worker.connector.ConnectedSystem;
import dev.rightsplatform.worker.connector.Connectors;
import dev.rightsplatform.worker.messaging.Topology;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * One listener container per system, with that system's concurrency as its consumers and a prefetch of one each:
 * the listener hands each task to a reactive pipeline and acks it when settled, so unacked deliveries are the
 * calls in flight, and a system never has more than its concurrency. A slow system fills only its own consumers.
 * Also drains the single queue of earlier versions, if it still exists, after unbinding it.
 */
@Component
class TaskConsumers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TaskConsumers.class);

    private final ConnectionFactory connectionFactory;

    private final TaskListener listener;

    private final Connectors connectors;

    private final AmqpAdmin admin;

    private final List<SimpleMessageListenerContainer> containers = new ArrayList<>();

    private volatile boolean running;

    private final ApplicationContext context;

    TaskConsumers(
            ConnectionFactory connectionFactory,
            TaskListener listener,
            Connectors connectors,
            AmqpAdmin admin,
            ApplicationContext context) {
        this.context = context;
        this.connectionFactory = connectionFactory;
        this.listener = listener;
        this.connectors = connectors;
        this.admin = admin;
    }

    @Override
    public synchronized void start() {
        for (ConnectedSystem system : this.connectors.systems()) {
            this.containers.add(container(Topology.tasksQueue(system.id()), system.concurrency()));
        }
        if (legacyQueueExists()) {
            // Tasks published before the upgrade, and retries of them, still arrive there: carry them out too.
            this.admin.removeBinding(new Binding(
                    Topology.LEGACY_TASKS_QUEUE,
                    Binding.DestinationType.QUEUE,
                    Topology.TASKS_EXCHANGE,
                    "task.#",
                    null));
            log.info(
                    "Draining {} (the single task queue of earlier versions); delete it once it stays empty",
                    Topology.LEGACY_TASKS_QUEUE);
            this.containers.add(container(Topology.LEGACY_TASKS_QUEUE, 1));
        }
        this.containers.forEach(SimpleMessageListenerContainer::start);
        this.running = true;
    }

    private SimpleMessageListenerContainer container(String queue, int consumers) {
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(this.connectionFactory);
        container.setQueueNames(queue);
        container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
        container.setConcurrentConsumers(consumers);
        container.setPrefetchCount(1);
        container.setMessageListener(this.listener);
        // each task is handled in the trace its traceparent header names (rights-service's request)
        container.setApplicationContext(this.context);
        container.setObservationEnabled(true);
        container.afterPropertiesSet();
        return container;
    }

    private boolean legacyQueueExists() {
        try {
            return this.admin.getQueueProperties(Topology.LEGACY_TASKS_QUEUE) != null;
        } catch (RuntimeException ex) {
            log.warn(
                    "Could not look for {} ({}); not draining it this time",
                    Topology.LEGACY_TASKS_QUEUE,
                    ex.toString());
            return false;
        }
    }

    /** Runs after {@link TaskListenerDrain} stopped (it has the higher phase), so running tasks could finish. */
    @Override
    public synchronized void stop() {
        this.containers.forEach(SimpleMessageListenerContainer::stop);
        this.containers.forEach(SimpleMessageListenerContainer::destroy);
        this.containers.clear();
        this.running = false;
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public int getPhase() {
        return TaskListenerDrain.PHASE - 1;
    }
}
