package dev.rightsplatform.worker.retry;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import reactor.core.publisher.Mono;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.stereotype.Component;

import dev.rightsplatform.worker.messaging.ConfirmedPublisher;
import dev.rightsplatform.worker.messaging.Topology;

/**
 * Sends a task back through RabbitMQ after a delay, so retries survive restarts and a failing system never makes
 * the worker spin. The copy goes to the delay queue for the backoff step with its attempt number in a header; when
 * it expires RabbitMQ moves it back to the tasks queue. The copy is confirmed before the original is acked.
 */
@Component
public class RetryScheduler {

    /** The attempt number a delivery is meant to make, 1 for the first; absent means 1. */
    public static final String ATTEMPT_HEADER = "x-rights-attempt";

    private final ConfirmedPublisher publisher;

    private final Backoff backoff;

    public RetryScheduler(ConfirmedPublisher publisher, Backoff backoff) {
        this.publisher = publisher;
        this.backoff = backoff;
    }

    /** The attempt number of a delivered task. */
    public static int attemptOf(Message message) {
        Object header = message.getMessageProperties().getHeaders().get(ATTEMPT_HEADER);
        if (header instanceof Number number && number.intValue() >= 1) {
            return number.intValue();
        }
        return 1;
    }

    /** Schedules the attempt after failedAttempts failures; completes with the delay chosen. */
    public Mono<Duration> retryAfter(Message original, int failedAttempts) {
        return send(original, failedAttempts + 1, this.backoff.nominalDelay(failedAttempts));
    }

    /** Puts the same attempt back for the shortest delay, e.g. while another worker still holds the task. */
    public Mono<Duration> defer(Message original) {
        return send(original, attemptOf(original), this.backoff.nominalDelay(1));
    }

    private Mono<Duration> send(Message original, int attempt, Duration nominal) {
        Duration delay = this.backoff.jittered(nominal, ThreadLocalRandom.current().nextDouble());
        Message copy = new Message(original.getBody(), copyProperties(original.getMessageProperties(), attempt, delay));
        return this.publisher.publish(Topology.DEFAULT_EXCHANGE, Backoff.queueFor(nominal), copy).thenReturn(delay);
    }

    private static MessageProperties copyProperties(MessageProperties from, int attempt, Duration delay) {
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
        to.setHeader(ATTEMPT_HEADER, attempt);
        to.setExpiration(Long.toString(delay.toMillis()));
        return to;
    }
}
