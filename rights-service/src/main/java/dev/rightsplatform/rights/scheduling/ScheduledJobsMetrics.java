package dev.rightsplatform.rights.scheduling;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Every periodic job's state as metrics, tagged {@code scheduled.job} (in Prometheus {@code scheduled_job}: not
 * {@code job}, the label Prometheus gives every series for its scrape job, which would rename ours to
 * {@code exported_job}): when its last round succeeded (seconds since the epoch; alert on
 * {@code time() - rights_scheduler_last_success_seconds}), how long its last round took, and how many rounds ran and
 * failed. Before its first success a job reports when it was set up, the reference health counts from too: a zero
 * would read as "no good round since 1970", and alert on every start for a job whose first round is still ahead.
 */
@Component
class ScheduledJobsMetrics implements MeterBinder {

    private final List<PeriodicWork> jobs;

    ScheduledJobsMetrics(List<PeriodicWork> jobs) {
        this.jobs = jobs;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (var job : jobs) {
            var name = job.job();
            Gauge.builder(
                            "rights.scheduler.last.success",
                            job,
                            work -> lastSuccessOrSince(work.status()).getEpochSecond())
                    .tag("scheduled.job", name)
                    .baseUnit("seconds")
                    .description("end of the job's last successful round (before the first: when the job was set up)")
                    .register(registry);
            Gauge.builder(
                            "rights.scheduler.last.round",
                            job,
                            work -> work.status().lastRoundDuration().toNanos() / 1e9)
                    .tag("scheduled.job", name)
                    .baseUnit("seconds")
                    .description("duration of the job's last round")
                    .register(registry);
            FunctionCounter.builder(
                            "rights.scheduler.rounds",
                            job,
                            work -> work.status().rounds())
                    .tag("scheduled.job", name)
                    .description("rounds finished")
                    .register(registry);
            FunctionCounter.builder(
                            "rights.scheduler.failures",
                            job,
                            work -> work.status().failures())
                    .tag("scheduled.job", name)
                    .description("rounds failed or cancelled by the watchdog")
                    .register(registry);
        }
    }

    static Instant lastSuccessOrSince(JobStatus status) {
        var lastSuccess = status.lastSuccess();
        return lastSuccess != null ? lastSuccess : status.since();
    }
}
