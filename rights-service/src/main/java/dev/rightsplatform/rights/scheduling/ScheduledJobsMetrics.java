package dev.rightsplatform.rights.scheduling;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Every periodic job's state as metrics, tagged {@code job}: when its last round succeeded (seconds since the epoch;
 * alert on {@code time() - rights_scheduler_last_success_seconds}), how long its last round took, and how many rounds
 * ran and failed.
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
                            work -> work.status().lastSuccess() == null
                                    ? 0
                                    : work.status().lastSuccess().getEpochSecond())
                    .tag("job", name)
                    .baseUnit("seconds")
                    .description("end of the job's last successful round")
                    .register(registry);
            Gauge.builder(
                            "rights.scheduler.last.round",
                            job,
                            work -> work.status().lastRoundDuration().toNanos() / 1e9)
                    .tag("job", name)
                    .baseUnit("seconds")
                    .description("duration of the job's last round")
                    .register(registry);
            FunctionCounter.builder(
                            "rights.scheduler.rounds",
                            job,
                            work -> work.status().rounds())
                    .tag("job", name)
                    .description("rounds finished")
                    .register(registry);
            FunctionCounter.builder(
                            "rights.scheduler.failures",
                            job,
                            work -> work.status().failures())
                    .tag("job", name)
                    .description("rounds failed or cancelled by the watchdog")
                    .register(registry);
        }
    }
}
