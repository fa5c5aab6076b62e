package dev.rightsplatform.worker.task;

import dev.rightsplatform.observability.ContextThreadLocals;
import dev.rightsplatform.worker.connector.ConnectorOutcome;
import dev.rightsplatform.worker.execution.Claim;
import dev.rightsplatform.worker.execution.ExecutionStatus;
import dev.rightsplatform.worker.execution.FinalOutcome;
import dev.rightsplatform.worker.execution.TaskExecution;
import dev.rightsplatform.worker.execution.TaskExecutions;
import dev.rightsplatform.worker.execution.WaitingExecutions;
import dev.rightsplatform.worker.metrics.WorkerMetrics;
import dev.rightsplatform.worker.result.ResultPublisher;
import dev.rightsplatform.worker.retry.Backoff;
import dev.rightsplatform.worker.retry.RetryScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Turns what a connector answered into the ledger's next state and what goes back to RabbitMQ: a published result,
 * a retry copy, a status check copy, or a recorded wait for the system's callback. Every copy is confirmed before
 * the ledger says it exists, and the delivery is acked only after all of it.
 */
@Component
class OutcomeRecorder {

    private static final Logger log = LoggerFactory.getLogger(OutcomeRecorder.class);

    private final TaskExecutions executions;

    private final WaitingExecutions waiting;

    private final ResultPublisher results;

    private final RetryScheduler retries;

    private final Backoff backoff;

    private final Clock clock;

    private final WorkerMetrics metrics;

    OutcomeRecorder(
            TaskExecutions executions,
            WaitingExecutions waiting,
            ResultPublisher results,
            RetryScheduler retries,
            Backoff backoff,
            Clock clock,
            WorkerMetrics metrics) {
        this.metrics = metrics;
        this.executions = executions;
        this.waiting = waiting;
        this.results = results;
        this.retries = retries;
        this.backoff = backoff;
        this.clock = clock;
    }

    /** fromCheck: the delivery was a status check copy, which an ack cannot hold back once settled. */
    Mono<Void> record(
            TaskCommand task, Message message, Claim.Claimed claimed, ConnectorOutcome outcome, boolean fromCheck) {
        if (outcome instanceof ConnectorOutcome.Done done) {
            return finish(
                    task,
                    new FinalOutcome(
                            ExecutionStatus.DONE,
                            done.detail(),
                            done.systemReference(),
                            done.proof(),
                            done.retention(),
                            done.collected()),
                    fromCheck);
        }
        if (outcome instanceof ConnectorOutcome.Blocked blocked) {
            return finish(task, FinalOutcome.of(ExecutionStatus.BLOCKED, blocked.reason()), fromCheck);
        }
        if (outcome instanceof ConnectorOutcome.Rejected rejected) {
            return finish(task, FinalOutcome.of(ExecutionStatus.FAILED, rejected.reason()), fromCheck);
        }
        if (outcome instanceof ConnectorOutcome.Waiting wait) {
            return waitFor(task, message, claimed, wait);
        }
        String reason = ((ConnectorOutcome.Retryable) outcome).reason();
        if (claimed.attempts() >= this.backoff.maxAttempts()) {
            return finish(
                    task,
                    FinalOutcome.of(
                            ExecutionStatus.FAILED,
                            "gave up after " + claimed.attempts() + " attempts; last: " + reason),
                    fromCheck);
        }
        return this.retries
                .retryAfter(message, task.systemId(), claimed.attempts())
                .flatMap(delay -> ContextThreadLocals.defer(() -> {
                    this.metrics.retried(task.systemId());
                    log.info(
                            "Task {} (request {}, system {}) attempt {} failed: {}; retrying in {}",
                            task.taskId(),
                            task.requestId(),
                            task.systemId(),
                            claimed.attempts(),
                            reason,
                            delay);
                    Instant now = this.clock.instant();
                    return this.executions.markRetryScheduled(task.taskId(), reason, now.plus(delay), now);
                }));
    }

    private Mono<Void> waitFor(
            TaskCommand task, Message message, Claim.Claimed claimed, ConnectorOutcome.Waiting wait) {
        Duration interval = wait.checkAgainIn();
        Mono<Duration> scheduled = (interval != null)
                ? this.retries.checkAfter(message, task.systemId(), claimed.checks() + 1, interval)
                : Mono.empty();
        return scheduled
                .then(Mono.defer(() -> {
                    Instant now = this.clock.instant();
                    return this.waiting.markWaiting(
                            task.taskId(),
                            wait.systemReference(),
                            wait.detail(),
                            interval != null ? now.plus(interval) : null,
                            now);
                }))
                .handle(ContextThreadLocals.<Boolean>peek(recorded -> {
                    if (recorded && claimed.checks() == 0) {
                        log.info(
                                "Task {} (request {}, system {}) accepted by the system; {}",
                                task.taskId(),
                                task.requestId(),
                                task.systemId(),
                                interval != null
                                        ? "asking for its status every " + interval
                                        : "waiting for its callback");
                    }
                }))
                .then();
    }

    private Mono<Void> finish(TaskCommand task, FinalOutcome outcome, boolean trackPublish) {
        return this.executions
                .finish(task.taskId(), outcome, trackPublish, this.clock.instant())
                // the task's log line in its trace (context propagation "limited")
                .flatMap(finish -> ContextThreadLocals.defer(() -> {
                    TaskExecution stored = finish.execution();
                    if (finish.recordedNow()) {
                        logOutcome(stored);
                        this.metrics.finished(
                                stored.systemId(), stored.action(), String.valueOf(stored.status()), stored.attempts());
                    } else if (stored.publishPending()) {
                        return Mono.empty(); // settled first by a callback or the scan, which publish its result
                    }
                    return publish(stored);
                }));
    }

    Mono<Void> publish(TaskExecution stored) {
        return this.results.publishAndRecord(stored);
    }

    static void logOutcome(TaskExecution stored) {
        if (stored.status() == ExecutionStatus.DONE) {
            log.info(
                    "Task {} (request {}, system {}) DONE after {} attempt(s)",
                    stored.taskId(),
                    stored.requestId(),
                    stored.systemId(),
                    stored.attempts());
        } else {
            log.warn(
                    "Task {} (request {}, system {}) {} after {} attempt(s): {}",
                    stored.taskId(),
                    stored.requestId(),
                    stored.systemId(),
                    stored.status(),
                    stored.attempts(),
                    stored.detail());
        }
    }
}
