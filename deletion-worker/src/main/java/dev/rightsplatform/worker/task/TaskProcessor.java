package dev.rightsplatform.worker.task;

import java.time.Clock;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.amqp.core.Message;
import org.springframework.stereotype.Component;

import dev.rightsplatform.worker.connector.Connector;
import dev.rightsplatform.worker.connector.ConnectorOutcome;
import dev.rightsplatform.worker.connector.Connectors;
import dev.rightsplatform.worker.execution.Claim;
import dev.rightsplatform.worker.execution.ExecutionStatus;
import dev.rightsplatform.worker.execution.NewExecution;
import dev.rightsplatform.worker.execution.TaskExecution;
import dev.rightsplatform.worker.execution.TaskExecutions;
import dev.rightsplatform.worker.result.ResultPublisher;
import dev.rightsplatform.worker.retry.Backoff;
import dev.rightsplatform.worker.retry.RetryScheduler;
import dev.rightsplatform.worker.settings.InvalidSettingException;

/**
 * Settles one delivery of a task: claims it in the ledger, calls the system's connector at most once per
 * attempt, and ends with exactly one of: a published result, a scheduled retry, a parked message, or nothing
 * (a stale duplicate). Completing means the delivery may be acked; an error means it must be handed back.
 * Logs name tasks by ids only; the subject never appears.
 */
@Component
class TaskProcessor {

    private static final Logger log = LoggerFactory.getLogger(TaskProcessor.class);

    private final TaskCommandReader reader;

    private final TaskExecutions executions;

    private final Connectors connectors;

    private final ResultPublisher results;

    private final RetryScheduler retries;

    private final TaskParking parking;

    private final Backoff backoff;

    private final TaskProperties properties;

    private final Clock clock;

    TaskProcessor(TaskCommandReader reader, TaskExecutions executions, Connectors connectors, ResultPublisher results,
            RetryScheduler retries, TaskParking parking, Backoff backoff, TaskProperties properties, Clock clock) {
        connectors.longestTimeout()
            .filter(longest -> longest.getValue().compareTo(properties.lease()) >= 0)
            .ifPresent(longest -> {
                throw new InvalidSettingException("worker.tasks.lease", "(" + properties.lease()
                        + ") must be longer than the longest call, " + longest.getValue() + " for system "
                        + longest.getKey() + ", or a second worker could call that system while the first waits");
            });
        this.reader = reader;
        this.executions = executions;
        this.connectors = connectors;
        this.results = results;
        this.retries = retries;
        this.parking = parking;
        this.backoff = backoff;
        this.properties = properties;
        this.clock = clock;
    }

    Mono<Void> process(Message message) {
        TaskCommand task;
        try {
            task = this.reader.read(message);
        }
        catch (MalformedTaskException ex) {
            log.warn("Parking message {}: {}", message.getMessageProperties().getMessageId(), ex.getMessage());
            return this.parking.park(message, ex.getMessage());
        }
        int attempt = RetryScheduler.attemptOf(message);
        Instant now = this.clock.instant();
        NewExecution execution = new NewExecution(task.taskId(), task.requestId(), task.systemId(),
                task.action().name(), task.dueAt());
        return this.executions.claim(execution, attempt, now, now.plus(this.properties.lease()))
            .flatMap(claim -> settle(claim, task, message, attempt));
    }

    private Mono<Void> settle(Claim claim, TaskCommand task, Message message, int attempt) {
        if (claim instanceof Claim.Claimed claimed) {
            return carryOut(task, message, claimed.attempts());
        }
        if (claim instanceof Claim.Finished finished) {
            log.info("Task {} (request {}, system {}) is already {}; publishing its result again", task.taskId(),
                    task.requestId(), task.systemId(), finished.execution().status());
            return this.results.publish(finished.execution());
        }
        if (claim instanceof Claim.Busy) {
            log.info("Task {} (request {}, system {}) is held by another delivery; looking again later",
                    task.taskId(), task.requestId(), task.systemId());
            return this.retries.defer(message).then();
        }
        log.info("Task {} (request {}, system {}): attempt {} is superseded by a scheduled later attempt; dropping"
                + " this copy", task.taskId(), task.requestId(), task.systemId(), attempt);
        return Mono.empty();
    }

    private Mono<Void> carryOut(TaskCommand task, Message message, int attempts) {
        Connector connector = this.connectors.forSystem(task.systemId()).orElse(null);
        Mono<ConnectorOutcome> outcome = (connector != null) ? call(connector, task)
                : Mono.just(new ConnectorOutcome.Rejected("no system '" + task.systemId()
                        + "' is configured in this worker (worker.systems." + task.systemId() + ")"));
        return outcome.flatMap(result -> record(task, message, attempts, result));
    }

    private static Mono<ConnectorOutcome> call(Connector connector, TaskCommand task) {
        return Mono.defer(() -> connector.erase(task.toErasureRequest()))
            // A connector should never fail; if one does, its message may hold anything, so keep only the type.
            .onErrorResume(ex -> Mono.just(new ConnectorOutcome.Retryable(
                    "connector failed unexpectedly (" + ex.getClass().getSimpleName() + ")")));
    }

    private Mono<Void> record(TaskCommand task, Message message, int attempts, ConnectorOutcome outcome) {
        if (outcome instanceof ConnectorOutcome.Done done) {
            return finish(task, ExecutionStatus.DONE, done.detail(), done.systemReference());
        }
        if (outcome instanceof ConnectorOutcome.Rejected rejected) {
            return finish(task, ExecutionStatus.FAILED, rejected.reason(), null);
        }
        String reason = ((ConnectorOutcome.Retryable) outcome).reason();
        if (attempts >= this.backoff.maxAttempts()) {
            return finish(task, ExecutionStatus.FAILED, "gave up after " + attempts + " attempts; last: " + reason,
                    null);
        }
        return this.retries.retryAfter(message, attempts).flatMap(delay -> {
            log.info("Task {} (request {}, system {}) attempt {} failed: {}; retrying in {}", task.taskId(),
                    task.requestId(), task.systemId(), attempts, reason, delay);
            Instant now = this.clock.instant();
            return this.executions.markRetryScheduled(task.taskId(), reason, now.plus(delay), now);
        });
    }

    private Mono<Void> finish(TaskCommand task, ExecutionStatus status, @Nullable String detail,
            @Nullable String systemReference) {
        return this.executions.finish(task.taskId(), status, detail, systemReference, this.clock.instant())
            .flatMap(stored -> {
                logOutcome(stored);
                return this.results.publish(stored);
            });
    }

    private static void logOutcome(TaskExecution stored) {
        if (stored.status() == ExecutionStatus.DONE) {
            log.info("Task {} (request {}, system {}) DONE after {} attempt(s)", stored.taskId(), stored.requestId(),
                    stored.systemId(), stored.attempts());
        }
        else {
            log.warn("Task {} (request {}, system {}) FAILED after {} attempt(s): {}", stored.taskId(),
                    stored.requestId(), stored.systemId(), stored.attempts(), stored.detail());
        }
    }
}
