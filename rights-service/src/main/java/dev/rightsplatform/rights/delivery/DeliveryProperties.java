package dev.rightsplatform.rights.delivery;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long collected data is kept and how exports are handed over.
 *
 * @param accessRetention  an access request's data stays readable this long after the request completed
 * @param archiveRetention an export's archive can be downloaded this long after it was built, then it is deleted
 * @param linkTtl          a download link works this long after it was issued
 * @param buildInterval    how often pending exports are looked for (a build starts at once otherwise)
 * @param buildLease       how long a builder holds an export it builds before another may take it over
 * @param sweepInterval    how often expired data is deleted
 */
@ConfigurationProperties("rights.delivery")
public record DeliveryProperties(
        Duration accessRetention,
        Duration archiveRetention,
        Duration linkTtl,
        Duration buildInterval,
        Duration buildLease,
        Duration sweepInterval) {

    public DeliveryProperties {
        accessRetention = orDefault(accessRetention, Duration.ofDays(30));
        archiveRetention = orDefault(archiveRetention, Duration.ofDays(7));
        linkTtl = orDefault(linkTtl, Duration.ofMinutes(10));
        buildInterval = orDefault(buildInterval, Duration.ofSeconds(2));
        buildLease = orDefault(buildLease, Duration.ofMinutes(30));
        sweepInterval = orDefault(sweepInterval, Duration.ofMinutes(10));
    }

    private static Duration orDefault(@Nullable Duration value, Duration fallback) {
        if (value != null && (value.isZero() || value.isNegative())) {
            throw new IllegalStateException("rights.delivery durations must be positive");
        }
        return value == null ? fallback : value;
    }
}
