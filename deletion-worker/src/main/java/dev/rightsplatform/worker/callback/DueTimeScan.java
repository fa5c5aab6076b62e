package dev.rightsplatform.worker.callback;

import dev.rightsplatform.worker.connector.CallbackProperties;
import dev.rightsplatform.worker.execution.TaskExecution;
import dev.rightsplatform.worker.execution.WaitingExecutions;
import dev.rightsplatform.worker.messaging.MessagingProperties;
import dev.rightsplatform.worker.result.ResultPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Every worker.callbacks.scan-interval: fails the tasks still waiting for a system's report when their due time
 * passed ("no callback before due time"), and publishes the results of tasks settled outside a delivery whose
 * publishing was not confirmed (a crash between the two). Rows are taken with FOR UPDATE SKIP LOCKED, so with
 * several workers each task is ended, and published, by one of them.
 * <p>
 * Each claim (an UPDATE ... RETURNING of at most {@value #BATCH} rows) is read to its end before anything is done
 * with its rows. Publishing a row while the claim's result was still being streamed kept the claim's connection,
 * and until the claim completed its row locks, while each publish issued a statement of its own on those rows: the
 * shape that hung rights-service's scanner once a burst outgrew the stream's prefetch (issue 16). Claims repeat
 * until one comes back short. A row whose publish fails is logged and left to a later round (it stays
 * publish_pending); the others go on. {@link ScanWatchdog} bounds each round.
 */
@Component
class DueTimeScan implements SmartLifecycle {

    static final String OVERDUE = "no callback before due time";

    static final String JOB = "due-time-scan";

    static final int BATCH = 100;

    private static final Logger log = LoggerFactory.getLogger(DueTimeScan.class);

    private final WaitingExecutions waiting;

    private final ResultPublisher results;

    private final CallbackProperties properties;

    private final Duration publishGrace;

    private final Clock clock;

    private final ScanWatchdog watchdog;

    private volatile @Nullable Disposable scans;

    DueTimeScan(
            WaitingExecutions waiting,
            ResultPublisher results,
            CallbackProperties properties,
            MessagingProperties messaging,
            Clock clock,
            MeterRegistry registry) {
        this.waiting = waiting;
        this.results = results;
        this.properties = properties;
        // Longer than any publish in progress can take, so the scan only repairs, never races a publisher.
        this.publishGrace = messaging.confirmTimeout().multipliedBy(3);
        this.clock = clock;
        this.watchdog = new ScanWatchdog(JOB, properties.scanMaxRound(), clock, registry);
    }

    /** One round; emits how many results it published. Unbounded here: {@link #start()} bounds it. */
    Mono<Integer> scanOnce() {
        return Mono.defer(() -> {
            // One "now" for the whole round: rows claimed in it are then never claimed again in it.
            Instant now = this.clock.instant();
            Mono<Integer> overdue = drain(
                    () -> this.waiting
                            .expireOverdue(OVERDUE, now, now.minus(this.properties.maxWait()), BATCH)
                            .collectList(),
                    this::publishOverdue);
            Mono<Integer> unpublished = drain(
                    () -> this.waiting
                            .claimUnpublished(now.minus(this.publishGrace), now, BATCH)
                            .collectList(),
                    this::republish);
            return overdue.flatMap(failed -> unpublished.map(repaired -> failed + repaired));
        });
    }

    /** Claims a batch, acts on each of its rows, and claims again while batches come back full. */
    private Mono<Integer> drain(Supplier<Mono<List<TaskExecution>>> claim, Function<TaskExecution, Mono<Void>> act) {
        Mono<Batch> batch = Mono.defer(claim)
                .flatMap(rows -> Flux.fromIterable(rows)
                        .concatMap(row -> act.apply(row).thenReturn(true).onErrorResume(failure -> {
                            // the task id only: a result carries no personal data, but keep the log to ids
                            log.warn(
                                    "{}: publishing the result of task {} failed ({}); the next round tries again",
                                    JOB,
                                    row.taskId(),
                                    failure.getClass().getSimpleName());
                            return Mono.just(false);
                        }))
                        .filter(Boolean::booleanValue)
                        .count()
                        .map(published -> new Batch(rows.size(), published.intValue())));
        return batch.expand(done -> done.claimed() >= BATCH ? batch : Mono.empty())
                .map(Batch::published)
                .reduce(0, Integer::sum);
    }

    private Mono<Void> publishOverdue(TaskExecution task) {
        log.warn(
                "Task {} (request {}, system {}) FAILED: {}",
                task.taskId(),
                task.requestId(),
                task.systemId(),
                OVERDUE);
        return this.results.publishAndRecord(task);
    }

    private Mono<Void> republish(TaskExecution task) {
        log.info(
                "Task {} (request {}, system {}): publishing its result again",
                task.taskId(),
                task.requestId(),
                task.systemId());
        return this.results.publishAndRecord(task);
    }

    ScanWatchdog watchdog() {
        return this.watchdog;
    }

    @Override
    public synchronized void start() {
        if (this.scans != null) {
            return; // already scanning: a second loop would only race the first
        }
        Duration interval = this.properties.scanInterval();
        this.scans = Flux.interval(interval, interval)
                .onBackpressureDrop()
                .concatMap(tick -> this.watchdog.watch(scanOnce()), 1)
                .subscribe();
    }

    @Override
    public synchronized void stop() {
        Disposable current = this.scans;
        if (current != null) {
            current.dispose();
        }
        this.scans = null;
    }

    @Override
    public boolean isRunning() {
        return this.scans != null;
    }

    private record Batch(int claimed, int published) {}
}
