package dev.rightsplatform.worker.retry;

import dev.rightsplatform.worker.settings.InvalidSettingException;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How failed calls are retried, {@code worker.retry.*}. The delay after the n-th failed attempt is
 * {@code min(initialDelay * multiplier^(n-1), maxDelay)}, shortened by up to {@code jitter} (a fraction) at random
 * so that tasks that failed together do not all come back together.
 *
 * @param initialDelay the delay after the first failed attempt
 * @param multiplier how much each further delay grows
 * @param maxDelay the longest delay
 * @param maxAttempts attempts in all, the first one included; after the last a task is reported FAILED
 * @param jitter the largest fraction by which a delay is shortened at random, from 0 (none) to below 1
 */
@ConfigurationProperties("worker.retry")
public record RetryProperties(
        @DefaultValue("10s") Duration initialDelay,
        @DefaultValue("3") double multiplier,
        @DefaultValue("1h") Duration maxDelay,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("0.2") double jitter) {

    /** RabbitMQ takes message TTLs as a 32-bit number of milliseconds; a day is plenty for a retry delay. */
    static final Duration LONGEST_DELAY = Duration.ofDays(1);

    public RetryProperties {
        if (initialDelay.toMillis() < 1) {
            throw new InvalidSettingException("worker.retry.initial-delay", "must be at least 1ms");
        }
        if (!(multiplier >= 1.0) || multiplier > 100) {
            throw new InvalidSettingException("worker.retry.multiplier", "must be between 1 and 100");
        }
        if (maxDelay.compareTo(initialDelay) < 0 || maxDelay.compareTo(LONGEST_DELAY) > 0) {
            throw new InvalidSettingException(
                    "worker.retry.max-delay",
                    "must be at least worker.retry.initial-delay and at most " + LONGEST_DELAY);
        }
        if (maxAttempts < 1 || maxAttempts > 50) {
            throw new InvalidSettingException("worker.retry.max-attempts", "must be between 1 and 50");
        }
        if (!(jitter >= 0.0 && jitter < 1.0)) {
            throw new InvalidSettingException("worker.retry.jitter", "must be at least 0 and below 1");
        }
    }
}
