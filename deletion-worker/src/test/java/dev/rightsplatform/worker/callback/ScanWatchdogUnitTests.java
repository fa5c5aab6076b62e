package dev.rightsplatform.worker.callback;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import reactor.core.publisher.Mono;

/** The watchdog cancels a round that outlives its limit, and health and metrics tell a stuck scan apart. */
class ScanWatchdogUnitTests {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));

    private final ScanWatchdog watchdog =
            new ScanWatchdog("due-time-scan", Duration.ofMillis(100), this.clock, this.registry);

    private final DueTimeScanHealth health = new DueTimeScanHealth(this.watchdog, Duration.ofMinutes(5), this.clock);

    @Test
    void aRoundPastItsLimitIsCancelledAndCountedAsATimeout() {
        boolean[] cancelled = {false};

        this.watchdog.watch(Mono.never().doOnCancel(() -> cancelled[0] = true)).block(Duration.ofSeconds(5));

        assertThat(cancelled[0]).isTrue();
        assertThat(this.watchdog.lastSuccess()).isNull();
        assertThat(this.registry
                        .get("worker.scan.round")
                        .tag("outcome", "timeout")
                        .timer()
                        .count())
                .isEqualTo(1);
        assertThat(this.registry.get("worker.scan.last.success").gauge().value())
                .isZero();
    }

    @Test
    void aSuccessfulRoundIsRememberedAndTimed() {
        this.watchdog.watch(Mono.just(3)).block(Duration.ofSeconds(5));

        assertThat(this.watchdog.lastSuccess()).isEqualTo(this.clock.instant());
        assertThat(this.registry
                        .get("worker.scan.last.success")
                        .tag("scheduled.job", "due-time-scan")
                        .gauge()
                        .value())
                .isEqualTo(this.clock.instant().getEpochSecond());
        assertThat(this.registry
                        .get("worker.scan.round")
                        .tag("outcome", "success")
                        .timer()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void aFailedRoundNeitherStopsTheWatchNorCountsAsASuccess() {
        this.watchdog
                .watch(Mono.error(new IllegalStateException("database gone")))
                .block(Duration.ofSeconds(5));

        assertThat(this.watchdog.lastSuccess()).isNull();
        assertThat(this.registry
                        .get("worker.scan.round")
                        .tag("outcome", "failure")
                        .timer()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void healthIsDownOnceNoRoundSucceededForLongerThanAllowed() {
        this.watchdog.watch(Mono.just(0)).block(Duration.ofSeconds(5));
        assertThat(this.health.health().getStatus()).isEqualTo(Status.UP);

        this.clock.advance(Duration.ofMinutes(5));
        assertThat(this.health.health().getStatus()).isEqualTo(Status.UP);

        this.clock.advance(Duration.ofSeconds(1));
        assertThat(this.health.health().getStatus()).isEqualTo(Status.DOWN);

        this.watchdog.watch(Mono.just(0)).block(Duration.ofSeconds(5));
        assertThat(this.health.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void aScanThatNeverSucceededIsDownOnceAllowedTimeHasPassedSinceItBegan() {
        assertThat(this.health.health().getStatus()).isEqualTo(Status.UP);

        this.clock.advance(Duration.ofMinutes(6));

        assertThat(this.health.health().getStatus()).isEqualTo(Status.DOWN);
    }

    private static final class MutableClock extends Clock {

        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            this.now = this.now.plus(by);
        }

        @Override
        public Instant instant() {
            return this.now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
