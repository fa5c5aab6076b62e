package dev.rightsplatform.worker.retry;

import dev.rightsplatform.worker.messaging.ConfirmedPublisher;
import dev.rightsplatform.worker.messaging.Topology;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Sends a task back through RabbitMQ after a delay, so retries survive restarts and a failing system never makes
 * the worker spin. The copy goes to the system's delay queue for the backoff step with its attempt number in a
 * header; when it expires RabbitMQ moves it back to the system's task queue. Status checks of a task a system
 * accepted travel the same way, numbered in their own header. A copy is confirmed before the original is acked.
 */
@Component
public class RetryScheduler {

    /** The attempt number a delivery is meant to make, 1 for the first; absent means 1. */
    public static final String ATTEMPT_HEADER = "x-rights-attempt";

    /** The number of the status check a delivery is meant to make; absent (0) means it carries the task out. */
    public static final String CHECK_HEADER = "x-rights-check";

    private final ConfirmedPublisher publisher;

    private final Backoff backoff;

    public RetryScheduler(ConfirmedPublisher publisher, Backoff backoff) {
        this.publisher = publisher;
        this.backoff = backoff;
    }

    /** The attempt number of a delivered task. */
    public static int attemptOf(Message message) {
        return positiveHeader(message, ATTEMPT_HEADER, 1);
    }

    /** The status check number of a delivered task; 0 when it is not a status check. */
    public static int checkOf(Message message) {
        return positiveHeader(message, CHECK_HEADER, 0);
    }

    /** Schedules the attempt after failedAttempts failures; completes with the delay chosen. */
    public Mono<Duration> retryAfter(Message original, String systemId, int failedAttempts) {
        Duration nominal = this.backoff.nominalDelay(failedAttempts);
        return send(
                original, Backoff.queueFor(systemId, nominal), ATTEMPT_HEADER, failedAttempts + 1, jittered(nominal));
    }

    /** Puts the same delivery back for the shortest delay, e.g. while another worker still holds the task. */
    public Mono<Duration> defer(Message original, String systemId) {
        Duration nominal = this.backoff.nominalDelay(1);
        return send(
                original, Backoff.queueFor(systemId, nominal), ATTEMPT_HEADER, attemptOf(original), jittered(nominal));
    }

    /** Schedules status check number check of a task the system accepted, after the system's interval. */
    public Mono<Duration> checkAfter(Message original, String systemId, int check, Duration interval) {
        return send(original, Topology.checkQueue(systemId, interval), CHECK_HEADER, check, interval);
    }

    private Duration jittered(Duration nominal) {
        return this.backoff.jittered(nominal, ThreadLocalRandom.current().nextDouble());
    }

    private Mono<Duration> send(Message original, String queue, String header, int number, Duration delay) {
        MessageProperties properties = copyProperties(original.getMessageProperties(), delay);
        properties.setHeader(header, number);
        Message copy = new Message(original.getBody(), properties);
        return this.publisher.publish(Topology.DEFAULT_EXCHANGE, queue, copy).thenReturn(delay);
    }

    private static MessageProperties copyProperties(MessageProperties from, Duration delay) {
        MessageProperties to = new MessageProperties();
        to.setContentType(from.getContentType());
        to.setContentEncoding(from.getContentEncoding());
        to.setMessageId(from.getMessageId());
        to.setType(from.getType());
        to.setCorrelationId(from.getCorrelationId());
        to.setAppId(from.getAppId());
        to.setTimestamp(from.getTimestamp());
        to.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        // Broker-owned headers (x-death, x-delivery-count, ...) describe the old delivery, not the new message.
        for (Map.Entry<String, Object> header : from.getHeaders().entrySet()) {
            if (!header.getKey().startsWith("x-") || header.getKey().startsWith("x-rights-")) {
                to.setHeader(header.getKey(), header.getValue());
            }
        }
        to.setExpiration(Long.toString(delay.toMillis()));
        return to;
    }

    private static int positiveHeader(Message message, String name, int absent) {
        Object header = message.getMessageProperties().getHeaders().get(name);
        return (header instanceof Number number && number.intValue() >= 1) ? number.intValue() : absent;
    }
}
