package dev.rightsplatform.worker.messaging;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;

/**
 * Names of the exchanges and queues the worker uses (infra/asyncapi.yaml), and the one way it declares queues:
 * durable quorum queues whose dead letters are delivered at least once, so a message RabbitMQ gives up on
 * (expired, or over a delivery limit) moves on instead of vanishing. Each system has its own task queue, delay
 * queues and consumers, so a slow or failing system holds up only its own tasks.
 */
public final class Topology {

    /** Topic exchange of task commands; routing key task.&lt;action&gt;.&lt;systemId&gt;. */
    public static final String TASKS_EXCHANGE = "rights.tasks";

    /** Prefix of every task queue: deletion-worker.tasks.&lt;systemId&gt;. */
    public static final String TASKS_QUEUE_PREFIX = "deletion-worker.tasks.";

    /** Messages the worker cannot read, kept for a person to look at; never consumed automatically. */
    public static final String PARKED_QUEUE = "deletion-worker.tasks.parked";

    /** Topic exchange of task results; routing key result.&lt;systemId&gt;. */
    public static final String RESULTS_EXCHANGE = "rights.task-results";

    /** RabbitMQ's default exchange: publishing to it with a queue's name as routing key reaches that queue. */
    public static final String DEFAULT_EXCHANGE = "";

    private Topology() {}

    /** The queue of one system's tasks. */
    public static String tasksQueue(String systemId) {
        return TASKS_QUEUE_PREFIX + systemId;
    }

    /** Binds a system's queue to every action for that system: task.*.&lt;systemId&gt;. */
    public static String tasksBinding(String systemId) {
        return "task.*." + systemId;
    }

    /** The system whose task queue this is, or null for any other queue. */
    public static @Nullable String systemOfQueue(@Nullable String queue) {
        if (queue == null || !queue.startsWith(TASKS_QUEUE_PREFIX) || PARKED_QUEUE.equals(queue)) {
            return null;
        }
        String rest = queue.substring(TASKS_QUEUE_PREFIX.length());
        return rest.contains(".") ? null : rest;
    }

    /** One system's delay queue for one backoff step, e.g. deletion-worker.tasks.crm.retry.10000ms. */
    public static String retryQueue(String systemId, Duration delay) {
        return tasksQueue(systemId) + ".retry." + delay.toMillis() + "ms";
    }

    /** One system's delay queue for status checks, e.g. deletion-worker.tasks.vendor.check.60000ms. */
    public static String checkQueue(String systemId, Duration interval) {
        return tasksQueue(systemId) + ".check." + interval.toMillis() + "ms";
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
