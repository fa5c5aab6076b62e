package dev.rightsplatform.worker.callback;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import dev.rightsplatform.worker.connector.CallbackProperties;
import dev.rightsplatform.worker.execution.TaskExecution;
import dev.rightsplatform.worker.execution.WaitingExecutions;
import dev.rightsplatform.worker.messaging.MessagingProperties;
import dev.rightsplatform.worker.result.ResultPublisher;

/**
 * Every worker.callbacks.scan-interval: fails the tasks still waiting for a system's report when their due time
 * passed ("no callback before due time"), and publishes the results of tasks settled outside a delivery whose
 * publishing was not confirmed (a crash between the two). Rows are taken with FOR UPDATE SKIP LOCKED, so with
 * several workers each task is ended, and published, by one of them.
 */
@Component
class DueTimeScan implements SmartLifecycle {

    static final String OVERDUE = "no callback before due time";

    private static final int BATCH = 100;

    private static final Logger log = LoggerFactory.getLogger(DueTimeScan.class);

    private final WaitingExecutions waiting;

    private final ResultPublisher results;

    private final CallbackProperties properties;

    private final Duration publishGrace;

    private final Clock clock;

    private volatile @Nullable Disposable scans;

    DueTimeScan(WaitingExecutions waiting, ResultPublisher results, CallbackProperties properties,
            MessagingProperties messaging, Clock clock) {
        this.waiting = waiting;
        this.results = results;
        this.properties = properties;
        // Longer than any publish in progress can take, so the scan only repairs, never races a publisher.
        this.publishGrace = messaging.confirmTimeout().multipliedBy(3);
        this.clock = clock;
    }

    Mono<Void> scanOnce() {
        Instant now = this.clock.instant();
        Flux<TaskExecution> overdue = this.waiting.expireOverdue(OVERDUE, now, now.minus(this.properties.maxWait()),
                BATCH).doOnNext(task -> log.warn("Task {} (request {}, system {}) FAILED: {}", task.taskId(),
                        task.requestId(), task.systemId(), OVERDUE));
        Flux<TaskExecution> unpublished = this.waiting.claimUnpublished(now.minus(this.publishGrace), now, BATCH)
            .doOnNext(task -> log.info("Task {} (request {}, system {}): publishing its result again",
                    task.taskId(), task.requestId(), task.systemId()));
        return overdue.concatWith(unpublished).concatMap(this.results::publishAndRecord).then();
    }

    @Override
    public void start() {
        Duration interval = this.properties.scanInterval();
        this.scans = Flux.interval(interval, interval)
            .onBackpressureDrop()
            .concatMap(tick -> scanOnce().onErrorResume(ex -> {
                log.warn("Scan of waiting tasks failed ({}); trying again in {}", ex.toString(), interval);
                return Mono.empty();
            }), 1)
            .subscribe();
    }

    @Override
    public void stop() {
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
}
