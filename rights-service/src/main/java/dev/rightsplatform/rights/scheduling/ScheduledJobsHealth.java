package dev.rightsplatform.rights.scheduling;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component {@code scheduledJobs}: DOWN when any periodic job has had no successful round for longer than its
 * interval + the watchdog's limit + a grace — a job that hangs or keeps failing makes the service say so, instead of
 * deadlines silently passing. Details name each job's last success and last error (never personal data).
 */
@Component("scheduledJobs")
class ScheduledJobsHealth implements HealthIndicator {

    private final List<PeriodicWork> jobs;
    private final SchedulingProperties properties;
    private final Clock clock;

    ScheduledJobsHealth(List<PeriodicWork> jobs, SchedulingProperties properties, Clock clock) {
        this.jobs = jobs;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public Health health() {
        var now = clock.instant();
        var details = new LinkedHashMap<String, Object>();
        var healthy = true;
        for (var job : jobs) {
            var status = job.status();
            var allowed = job.expectedInterval().plus(job.maxRound()).plus(properties.healthGrace());
            var ok = status.healthyAt(now, allowed);
            healthy &= ok;
            var detail = new LinkedHashMap<String, Object>();
            detail.put("status", ok ? "UP" : "DOWN");
            detail.put("lastSuccess", String.valueOf(status.lastSuccess()));
            detail.put("consecutiveFailures", status.consecutiveFailures());
            if (status.lastError() != null) {
                detail.put("lastError", status.lastError());
            }
            details.put(status.job(), detail);
        }
        return (healthy ? Health.up() : Health.down()).withDetails(details).build();
    }
}
