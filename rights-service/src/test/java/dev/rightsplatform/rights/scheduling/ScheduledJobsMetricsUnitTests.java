package dev.rightsplatform.rights.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * The scheduled jobs' metrics as Prometheus reads them: tagged {@code scheduled.job} (never {@code job}, which
 * Prometheus sets itself), and a last success that is the job's set-up time until its first round succeeds, so that
 * {@code time() - rights_scheduler_last_success_seconds} counts from the start, not from 1970.
 */
class ScheduledJobsMetricsUnitTests {

    static final Instant SET_UP = Instant.parse("2026-12-06T10:00:00Z");

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void beforeItsFirstSuccessAJobReportsWhenItWasSetUp() {
        var job = new QuietJob(Clock.fixed(SET_UP, ZoneOffset.UTC));
        new ScheduledJobsMetrics(List.of(job)).bindTo(registry);

        assertThat(lastSuccess()).isEqualTo(SET_UP.getEpochSecond());
        assertThat(registry.get("rights.scheduler.rounds").functionCounter().count())
                .isZero();
    }

    @Test
    void afterASuccessfulRoundAJobReportsItsEnd() {
        var clock = new MovableClock(SET_UP);
        var job = new QuietJob(clock);
        new ScheduledJobsMetrics(List.of(job)).bindTo(registry);
        var later = SET_UP.plus(Duration.ofMinutes(10));
        clock.now = later;

        job.watchedRound().block(Duration.ofSeconds(5));

        assertThat(lastSuccess()).isEqualTo(later.getEpochSecond());
        assertThat(registry.get("rights.scheduler.rounds")
                        .tag("scheduled.job", "quiet-job")
                        .functionCounter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void noMeterCarriesTheTagPrometheusReservesForItsScrapeJob() {
        new ScheduledJobsMetrics(List.of(new QuietJob(Clock.fixed(SET_UP, ZoneOffset.UTC)))).bindTo(registry);

        assertThat(registry.getMeters())
                .hasSize(4)
                .allSatisfy(meter -> assertThat(meter.getId().getTag("job")).isNull())
                .allSatisfy(meter ->
                        assertThat(meter.getId().getTag("scheduled.job")).isEqualTo("quiet-job"));
    }

    private double lastSuccess() {
        return registry.get("rights.scheduler.last.success")
                .tag("scheduled.job", "quiet-job")
                .gauge()
                .value();
    }

    /** A clock the test moves by hand. */
    static class MovableClock extends Clock {

        Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** A job whose round does nothing; set up at the clock's instant. */
    static class QuietJob extends PeriodicWork {

        QuietJob(Clock clock) {
            super("quiet job");
            configure(new SchedulingProperties(Duration.ofSeconds(5), Duration.ZERO), clock);
        }

        @Override
        protected Duration interval() {
            return Duration.ofMinutes(10);
        }

        @Override
        protected Mono<?> round() {
            return Mono.empty();
        }
    }
}
