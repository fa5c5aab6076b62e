package dev.rightsplatform.rights.scheduling;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of every periodic job ({@code rights.scheduling.*}).
 *
 * @param maxRound the longest one round of any job may take; past it the round is cancelled and rolled back
 * @param healthGrace added to a job's interval and {@code maxRound} before health calls it stuck: a job is DOWN when
 *                    no round succeeded within interval + maxRound + healthGrace
 */
@ConfigurationProperties("rights.scheduling")
public record SchedulingProperties(
        @DefaultValue("2m") Duration maxRound,
        @DefaultValue("1m") Duration healthGrace) {

    static final Duration DEFAULT_MAX_ROUND = Duration.ofMinutes(2);

    public SchedulingProperties {
        if (maxRound.isNegative() || maxRound.isZero()) {
            throw new IllegalArgumentException("rights.scheduling.max-round must be positive, was " + maxRound);
        }
        if (healthGrace.isNegative()) {
            throw new IllegalArgumentException(
                    "rights.scheduling.health-grace must not be negative, was " + healthGrace);
        }
    }
}
