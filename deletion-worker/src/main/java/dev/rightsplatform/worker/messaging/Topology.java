package dev.rightsplatform.worker.messaging;

import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;

/**
 * Names of the exchanges and queues the worker uses (infra/asyncapi.yaml), and the one way it declares queues:
 * durable quorum queues whose dead letters are delivered at least once, so a message RabbitMQ gives up on
 * (expired, or over a delivery limit) moves on instead of vanishing.
 */
public final class Topology {

    /** Topic exchange of task commands; routing key task.&lt;action&gt;.&lt;systemId&gt;. */
    public static final String TASKS_EXCHANGE = "rights.tasks";

    /** The worker's own queue of task commands. */
    public static final String TASKS_QUEUE = "deletion-worker.tasks";

    /** Binds {@link #TASKS_QUEUE} to every task. */
    public static final String TASKS_BINDING = "task.#";

    /** Messages the worker cannot read, kept for a person to look at; never consumed automatically. */
    public static final String PARKED_QUEUE = "deletion-worker.tasks.parked";

    /** Prefix of the delay queues; the suffix is the delay, e.g. deletion-worker.tasks.retry.10000ms. */
    public static final String RETRY_QUEUE_PREFIX = "deletion-worker.tasks.retry.";

    /** Topic exchange of task results; routing key result.&lt;systemId&gt;. */
    public static final String RESULTS_EXCHANGE = "rights.task-results";

    /** RabbitMQ's default exchange: publishing to it with a queue's name as routing key reaches that queue. */
    public static final String DEFAULT_EXCHANGE = "";

    private Topology() {
    }

    /** A durable quorum queue whose dead letters go, at least once, to the queue named deadLetterQueue. */
    public static QueueBuilder quorumQueue(String name, String deadLetterQueue) {
        return QueueBuilder.durable(name)
            .quorum()
            .deadLetterExchange(DEFAULT_EXCHANGE)
            .deadLetterRoutingKey(deadLetterQueue)
            .withArgument("x-dead-letter-strategy", "at-least-once")
            // at-least-once dead-lettering requires reject-publish; no length limit is set, so it never applies
            .overflow(QueueBuilder.Overflow.rejectPublish);
    }

    /** A durable quorum queue without dead-lettering, for messages that must stay until a person acts. */
    public static Queue quorumQueue(String name) {
        return QueueBuilder.durable(name).quorum().build();
    }
}
