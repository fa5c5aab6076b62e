package dev.rightsplatform.worker.retry;

import dev.rightsplatform.worker.messaging.Topology;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Exponential backoff with jitter, and the delay queues it needs. Each distinct nominal delay gets its own
 * queue per system whose TTL is that delay, and a message's own expiration is at most that TTL: RabbitMQ expires messages
 * only at the head of a queue, so in one queue with one upper bound a message waits at most the bound, never
 * behind a longer-lived one. Naming queues by their delay means a change of settings creates new queues
 * instead of clashing with the arguments of the old ones.
 */
public final class Backoff {

    private final RetryProperties properties;

    public Backoff(RetryProperties properties) {
        this.properties = properties;
    }

    /** The delay after the given number of failed attempts (1 for the first), before jitter. */
    public Duration nominalDelay(int failedAttempts) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("failedAttempts must be at least 1, was " + failedAttempts);
        }
        double millis = this.properties.initialDelay().toMillis();
        double cap = this.properties.maxDelay().toMillis();
        for (int i = 1; i < failedAttempts && millis < cap; i++) {
            millis *= this.properties.multiplier();
        }
        return Duration.ofMillis((long) Math.min(millis, cap));
    }

    /** The nominal delay shortened by up to the jitter fraction; random is uniform in [0, 1). */
    public Duration jittered(Duration nominal, double random) {
        long shortenBy = (long) (nominal.toMillis() * this.properties.jitter() * random);
        return nominal.minusMillis(shortenBy);
    }

    /** The system's delay queue whose TTL is the given nominal delay. */
    public static String queueFor(String systemId, Duration nominal) {
        return Topology.retryQueue(systemId, nominal);
    }

    /** Every nominal delay a task can meet, in order, each once: one delay queue per entry. */
    public List<Duration> distinctDelays() {
        Set<Duration> delays = new LinkedHashSet<>();
        for (int failed = 1; failed < this.properties.maxAttempts(); failed++) {
            delays.add(nominalDelay(failed));
        }
        // The shortest delay also parks copies deferred while another worker holds the task.
        delays.add(nominalDelay(1));
        return List.copyOf(delays);
    }

    public int maxAttempts() {
        return this.properties.maxAttempts();
    }
}
