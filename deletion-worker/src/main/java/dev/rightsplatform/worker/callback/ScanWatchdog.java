package dev.rightsplatform.worker.callback;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Bounds each round of a periodic job and remembers how its rounds went. A round that outlives maxRound is
 * cancelled (its statement and publish in flight with it) and logged as an error naming the job, so a stuck round
 * can no longer hold the job forever without a word. The end of the last successful round feeds health and the
 * gauge {@code worker.scan.last.success} (seconds since the epoch, 0 before the first; alert on
 * {@code time() - worker_scan_last_success_seconds}); every round's duration goes to the timer
 * {@code worker.scan.round}, tagged by outcome (success, failure, timeout).
 */
final class ScanWatchdog {

    private static final Logger log = LoggerFactory.getLogger(ScanWatchdog.class);

    private final String job;

    private final Duration maxRound;

    private final Clock clock;

    private final Instant since;

    private final MeterRegistry registry;

    private volatile @Nullable Instant lastSuccess;

    ScanWatchdog(String job, Duration maxRound, Clock clock, MeterRegistry registry) {
        this.job = job;
        this.maxRound = maxRound;
        this.clock = clock;
        this.since = clock.instant();
        this.registry = registry;
        Gauge.builder("worker.scan.last.success", this, watchdog -> {
                    Instant last = watchdog.lastSuccess;
                    return (last != null) ? last.getEpochSecond() : 0;
                })
                .tag("scheduled.job", job)
                .baseUnit("seconds")
                .description("end of the job's last successful round")
                .register(registry);
    }

    /** Runs one round within maxRound; completes empty whatever happened (the failure is logged and counted). */
    Mono<Void> watch(Mono<?> round) {
        return Mono.defer(() -> {
            long started = System.nanoTime();
            return round.timeout(this.maxRound)
                    .doOnSuccess(result -> {
                        this.lastSuccess = this.clock.instant();
                        record(started, "success");
                    })
                    .onErrorResume(failure -> {
                        if (failure instanceof TimeoutException) {
                            record(started, "timeout");
                            log.error(
                                    "{}: round cancelled after {} (limit of one round); the next starts on schedule",
                                    this.job,
                                    this.maxRound);
                        } else {
                            // Usually the database or the broker away for a moment; health turns DOWN if it lasts.
                            record(started, "failure");
                            log.warn(
                                    "{}: round failed ({}); the next starts on schedule", this.job, failure.toString());
                        }
                        return Mono.empty();
                    })
                    .then();
        });
    }

    String job() {
        return this.job;
    }

    /** The end of the last successful round; null before the first. */
    @Nullable
    Instant lastSuccess() {
        return this.lastSuccess;
    }

    /** When the watchdog began: the reference for "no success yet". */
    Instant since() {
        return this.since;
    }

    private void record(long startedNanos, String outcome) {
        Timer.builder("worker.scan.round")
                .tag("scheduled.job", this.job)
                .tag("outcome", outcome)
                .description("duration of one round of a periodic job")
                .register(this.registry)
                .record(Duration.ofNanos(System.nanoTime() - startedNanos));
    }
}
