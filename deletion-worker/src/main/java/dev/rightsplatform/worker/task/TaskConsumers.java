package dev.rightsplatform.worker.task;

import dev.rightsplatform.worker.connector.ConnectedSystem;
import dev.rightsplatform.worker.connector.Connectors;
import dev.rightsplatform.worker.messaging.Topology;
import java.util.ArrayList;
import java.util.List;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * One listener container per system with one consumer whose prefetch is that system's concurrency: the listener
 * hands each task to a reactive pipeline and acks it when settled (in batches, {@link ChannelAcks}), so unacked
 * deliveries are the calls in flight and the ones settled but not yet acked, and a system never has more calls
 * than its concurrency. A slow system fills only its own window.
 */
@Component
class TaskConsumers implements SmartLifecycle {

    private final ConnectionFactory connectionFactory;

    private final TaskListener listener;

    private final Connectors connectors;

    private final List<SimpleMessageListenerContainer> containers = new ArrayList<>();

    private volatile boolean running;

    private final ApplicationContext context;

    TaskConsumers(
            ConnectionFactory connectionFactory,
            TaskListener listener,
            Connectors connectors,
            ApplicationContext context) {
        this.context = context;
        this.connectionFactory = connectionFactory;
        this.listener = listener;
        this.connectors = connectors;
    }

    @Override
    public synchronized void start() {
        for (ConnectedSystem system : this.connectors.systems()) {
            this.containers.add(container(Topology.tasksQueue(system.id()), system.concurrency()));
        }
        this.containers.forEach(SimpleMessageListenerContainer::start);
        this.running = true;
    }

    private SimpleMessageListenerContainer container(String queue, int concurrency) {
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(this.connectionFactory);
        container.setQueueNames(queue);
        container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
        // One consumer taking up to concurrency tasks at once: their acks can share one basic.ack (multiple).
        container.setConcurrentConsumers(1);
        container.setPrefetchCount(concurrency);
        container.setMessageListener(this.listener);
        // each task is handled in the trace its traceparent header names (rights-service's request)
        container.setApplicationContext(this.context);
        container.setObservationEnabled(true);
        container.afterPropertiesSet();
        return container;
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
