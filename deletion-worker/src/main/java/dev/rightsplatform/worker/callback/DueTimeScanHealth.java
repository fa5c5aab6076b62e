package dev.rightsplatform.worker.callback;

import dev.rightsplatform.worker.connector.CallbackProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component {@code dueTimeScan}: DOWN when the scan has had no successful round for three intervals plus the
 * longest a round may take. A scan that hangs or keeps failing leaves waiting tasks past their due time unanswered
 * and settled results unpublished; health says so instead of staying silent. Not part of readiness: the worker can
 * still take tasks and callbacks meanwhile.
 */
@Component("dueTimeScanHealthIndicator") // the health component is named without the suffix
class DueTimeScanHealth implements HealthIndicator {

    private final ScanWatchdog watchdog;

    private final Duration allowed;

    private final Clock clock;

    @Autowired
    DueTimeScanHealth(DueTimeScan scan, CallbackProperties properties, Clock clock) {
        this(scan.watchdog(), properties.scanInterval().multipliedBy(3).plus(properties.scanMaxRound()), clock);
    }

    DueTimeScanHealth(ScanWatchdog watchdog, Duration allowed, Clock clock) {
        this.watchdog = watchdog;
        this.allowed = allowed;
        this.clock = clock;
    }

    @Override
    public Health health() {
        Instant last = this.watchdog.lastSuccess();
        Instant reference = (last != null) ? last : this.watchdog.since();
        boolean healthy = !this.clock.instant().isAfter(reference.plus(this.allowed));
        return (healthy ? Health.up() : Health.down())
                .withDetail("job", this.watchdog.job())
                .withDetail("lastSuccess", String.valueOf(last))
                .withDetail("allowedWithoutSuccess", this.allowed.toString())
                .build();
    }
}
