package dev.rightsplatform.rights.scheduling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Work every instance does on a timer (scans, sweeps, senders, the outbox relay): one round at a time — a round that
 * outlasts the interval makes the next ticks collapse into one rather than pile up — and a failed round is logged and tried again
 * at the next tick, never ending the timer.
 * <p>
 * A watchdog bounds each round ({@code rights.scheduling.max-round}): a round past it is cancelled — which rolls its
 * transaction back — and logged as an error with the job's name. Every round's outcome lands in {@link JobStatus}, which
 * {@link ScheduledJobsHealth} and {@link ScheduledJobsMetrics} report, so a stuck or failing job is never silent.
 * Started and stopped with the application context.
 */
public abstract class PeriodicWork implements SmartLifecycle {

    /** Every round's duration at DEBUG (logger {@code dev.rightsplatform.rights.scheduling.rounds}), for benchmarks. */
    private static final Logger rounds = LoggerFactory.getLogger("dev.rightsplatform.rights.scheduling.rounds");

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String name;
    private final Sinks.Many<Boolean> wakeUps = Sinks.many().multicast().directBestEffort();
    private volatile JobStatus status;
    private volatile Duration maxRound = SchedulingProperties.DEFAULT_MAX_ROUND;
    private volatile Clock clock = Clock.systemUTC();
    private volatile @Nullable Disposable running;

    /** {@code name}: what a round does, for the log ("sending status callbacks"). */
    protected PeriodicWork(String name) {
        this.name = name;
        this.status = JobStatus.notStarted(job(), Instant.now());
    }

    @Autowired
    void configure(SchedulingProperties properties, Clock clock) {
        this.maxRound = properties.maxRound();
        this.clock = clock;
        this.status = JobStatus.notStarted(job(), clock.instant());
    }

    /** The pause between rounds. */
    protected abstract Duration interval();

    /** Before the first round: one interval by default. */
    protected Duration initialDelay() {
        return interval();
    }

    /** One round. It must end on its own well within the watchdog's limit; the limit is a safety net. */
    protected abstract Mono<?> round();

    /** Asks for a round now; requests that pile up while a round runs collapse into one. */
    public void wakeUp() {
        wakeUps.tryEmitNext(Boolean.TRUE);
    }

    /** The job's name in health and metrics: the class name in kebab case ("deadline-scanner"). */
    public final String job() {
        return getClass()
                .getSimpleName()
                .replaceAll("([a-z0-9])([A-Z])", "$1-$2")
                .toLowerCase(java.util.Locale.ROOT);
    }

    /** What the last rounds did, for health and metrics. */
    public final JobStatus status() {
        return status;
    }

    /** The longest a round may take before the watchdog cancels it. */
    public final Duration maxRound() {
        return roundLimit(maxRound);
    }

    /** A job whose single unit of work may legitimately take longer (an archive build) widens the limit here. */
    protected Duration roundLimit(Duration configured) {
        return configured;
    }

    /** How often a round starts when nothing wakes it earlier; health allows this much plus {@link #maxRound()}. */
    public final Duration expectedInterval() {
        return interval();
    }

    @Override
    public void start() {
        var ticks = Flux.merge(Flux.interval(initialDelay(), interval()).map(tick -> Boolean.TRUE), wakeUps.asFlux());
        // ticks during a round collapse into one that runs right after it
        running = ticks.onBackpressureLatest()
                .concatMap(tick -> watchedRound(), 1)
                .subscribe();
    }

    /** One round under the watchdog; never fails, so the timer never ends. */
    Mono<Void> watchedRound() {
        var startedAt = clock.instant();
        status = status.started(startedAt);
        return Mono.defer(this::round)
                .timeout(maxRound())
                .then(Mono.fromRunnable(() -> {
                    status = status.succeeded(startedAt, clock.instant());
                    rounds.debug(
                            "round of {} took {} ms",
                            job(),
                            status.lastRoundDuration().toMillis());
                }))
                .onErrorResume(e -> {
                    if (e instanceof TimeoutException) {
                        log.error(
                                "{} ({}) ran past its limit of {} and was cancelled; its transaction is rolled back",
                                name,
                                job(),
                                maxRound());
                    } else {
                        log.warn("{} ({}) failed, will retry: {}", name, job(), e.toString());
                    }
                    status = status.failed(
                            startedAt,
                            clock.instant(),
                            e instanceof TimeoutException
                                    ? "round exceeded " + maxRound()
                                    : e.getClass().getSimpleName());
                    return Mono.empty();
                })
                .then();
    }

    @Override
    public void stop() {
        if (running != null) {
            running.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return running != null && !running.isDisposed();
    }
}
