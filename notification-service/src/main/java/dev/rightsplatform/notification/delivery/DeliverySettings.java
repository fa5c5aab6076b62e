package dev.rightsplatform.notification.delivery;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How hard we try to deliver.
 *
 * @param retryDelays the wait before each retry, in order; the last one repeats for retries past the list's end.
 *     A mail gets one first attempt plus one retry per entry, so {@code 10s,1m,5m} means at most four attempts.
 * @param claimLease how long a consumer may hold an event while sending before another may conclude it died;
 *     must exceed the SMTP timeouts ({@code spring.mail.properties.mail.smtp.*timeout}) added up, plus {@code
 *     timeout} once for each kept connection a send may check first (at most four, {@code SmtpConnections})
 */
@Validated
@ConfigurationProperties("notification.delivery")
public record DeliverySettings(
        @NotEmpty List<@NotNull Duration> retryDelays,
        @NotNull Duration claimLease) {

    public DeliverySettings {
        if (retryDelays != null
                && retryDelays.stream()
                        .anyMatch(delay -> delay == null
                                || delay.isNegative()
                                || delay.isZero()
                                || delay.toMillis() > Integer.MAX_VALUE)) {
            throw new IllegalArgumentException(
                    "notification.delivery.retry-delays: every delay must be positive and under 24 days");
        }
        if (claimLease != null && claimLease.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("notification.delivery.claim-lease must be at least 1s");
        }
        retryDelays = retryDelays == null ? null : List.copyOf(retryDelays);
    }

    /** The most times we try to hand one mail to the SMTP server. */
    public int maxAttempts() {
        return retryDelays.size() + 1;
    }

    /** The wait before retry number {@code retry} (1 for the first retry). */
    public Duration delayBeforeRetry(int retry) {
        return retryDelays.get(Math.min(Math.max(retry, 1), retryDelays.size()) - 1);
    }
}
