package dev.rightsplatform.worker.task;

import dev.rightsplatform.observability.ContextThreadLocals;
import dev.rightsplatform.worker.connector.Connector;
import dev.rightsplatform.worker.connector.ConnectorOutcome;
import dev.rightsplatform.worker.connector.Connectors;
import dev.rightsplatform.worker.connector.SystemsProperties;
import dev.rightsplatform.worker.execution.Claim;
import dev.rightsplatform.worker.execution.NewExecution;
import dev.rightsplatform.worker.execution.TaskExecutions;
import dev.rightsplatform.worker.messaging.Topology;
import dev.rightsplatform.worker.metrics.WorkerMetrics;
import dev.rightsplatform.worker.retry.RetryScheduler;
import dev.rightsplatform.worker.settings.InvalidSettingException;
import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Settles one delivery of a task: claims it in the ledger, calls the system's connector at most once per
 * attempt (or status check), and ends with exactly one of: a published result, a scheduled retry or status check,
 * a recorded wait for the system's callback, a parked message, or nothing (a stale duplicate). Completing means
 * the delivery may be acked; an error means it must be handed back. Logs name tasks by ids only.
 */
@Component
class TaskProcessor {

    private static final Logger log = LoggerFactory.getLogger(TaskProcessor.class);

    private final TaskCommandReader reader;

    private final TaskExecutions executions;

    private final Connectors connectors;

    private final OutcomeRecorder recorder;

    private final RetryScheduler retries;

    private final TaskParking parking;

    private final TaskProperties properties;

    private final Clock clock;

    private final WorkerMetrics metrics;

    TaskProcessor(
            TaskCommandReader reader,
            TaskExecutions executions,
            Connectors connectors,
            OutcomeRecorder recorder,
            RetryScheduler retries,
            TaskParking parking,
            TaskProperties properties,
            Clock clock,
            WorkerMetrics metrics) {
        connectors
                .longestTimeout()
                .filter(longest -> longest.getValue().compareTo(properties.lease()) >= 0)
                .ifPresent(longest -> {
                    throw new InvalidSettingException(
                            "worker.tasks.lease",
                            "(" + properties.lease()
                                    + ") must be longer than the longest call, " + longest.getValue() + " for system "
                                    + longest.getKey()
                                    + ", or a second worker could call that system while the first waits");
                });
        this.reader = reader;
        this.executions = executions;
        this.connectors = connectors;
        this.recorder = recorder;
        this.retries = retries;
        this.parking = parking;
        this.properties = properties;
        this.clock = clock;
        this.metrics = metrics;
    }

    Mono<Void> process(Message message) {
        TaskCommand task;
        try {
            task = this.reader.read(message);
        } catch (MalformedTaskException ex) {
            return park(message, ex.getMessage());
        }
        String queueSystem =
                Topology.systemOfQueue(message.getMessageProperties().getConsumerQueue());
        if (queueSystem != null && !queueSystem.equals(task.systemId())) {
            // Routed by one system, addressed to another: carrying it out would bypass that system's concurrency.
            return park(
                    message,
                    "systemId is '" + task.systemId() + "' but the task came through the queue of '" + queueSystem
                            + "'");
        }
        int attempt = RetryScheduler.attemptOf(message);
        int check = RetryScheduler.checkOf(message);
        Instant now = this.clock.instant();
        NewExecution execution = new NewExecution(
                task.taskId(), task.requestId(), task.systemId(), task.action().name(), task.dueAt());
        return this.executions
                .claim(execution, attempt, check, now, now.plus(this.properties.lease()))
                // settle's log lines in the task's trace (context propagation "limited")
                .flatMap(claim -> ContextThreadLocals.defer(() -> settle(claim, task, message, attempt, check)));
    }

    private Mono<Void> settle(Claim claim, TaskCommand task, Message message, int attempt, int check) {
        if (claim instanceof Claim.Claimed claimed) {
            return (check > 0) ? checkStatus(task, message, claimed) : carryOut(task, message, claimed);
        }
        if (claim instanceof Claim.Finished finished) {
            if (check > 0 && !finished.execution().publishPending()) {
                return Mono.empty(); // a status check that came after the end, whose result is out already
            }
            log.info(
                    "Task {} (request {}, system {}) is already {}; publishing its result again",
                    task.taskId(),
                    task.requestId(),
                    task.systemId(),
                    finished.execution().status());
            return this.recorder.publish(finished.execution());
        }
        if (claim instanceof Claim.Busy) {
            log.info(
                    "Task {} (request {}, system {}) is held by another delivery; looking again later",
                    task.taskId(),
                    task.requestId(),
                    task.systemId());
            return this.retries.defer(message, task.systemId()).then();
        }
        if (claim instanceof Claim.Waiting) {
            log.info(
                    "Task {} (request {}, system {}): the system accepted it already; dropping this late copy",
                    task.taskId(),
                    task.requestId(),
                    task.systemId());
            return Mono.empty();
        }
        log.info(
                "Task {} (request {}, system {}): attempt {} (check {}) is superseded by a later one; dropping this"
                        + " copy",
                task.taskId(),
                task.requestId(),
                task.systemId(),
                attempt,
                check);
        return Mono.empty();
    }

    private Mono<Void> carryOut(TaskCommand task, Message message, Claim.Claimed claimed) {
        Connector connector = this.connectors.forSystem(task.systemId()).orElse(null);
        Mono<ConnectorOutcome> outcome = (connector != null)
                ? call(task, () -> connector.carryOut(task.toRequest()))
                : Mono.just(new ConnectorOutcome.Rejected("no system '" + task.systemId()
                        + "' is registered in this worker (" + SystemsProperties.PREFIX + "." + task.systemId()
                        + ")"));
        return outcome.flatMap(result -> this.recorder.record(task, message, claimed, result, false));
    }

    /** Asks the system how a task it accepted stands; a failure to ask just means asking again later. */
    private Mono<Void> checkStatus(TaskCommand task, Message message, Claim.Claimed claimed) {
        Connector connector = this.connectors.forSystem(task.systemId()).orElse(null);
        String reference = claimed.systemReference();
        if (connector == null || reference == null || connector.statusInterval().isEmpty()) {
            return this.recorder.record(
                    task,
                    message,
                    claimed,
                    new ConnectorOutcome.Rejected(
                            "system '" + task.systemId() + "' can no longer be asked for the status of this task"),
                    true);
        }
        return call(task, () -> connector.checkStatus(task.toRequest(), reference))
                .map(outcome -> (outcome instanceof ConnectorOutcome.Retryable retryable)
                        ? new ConnectorOutcome.Waiting(
                                reference,
                                retryable.reason(),
                                connector.statusInterval().get())
                        : outcome)
                .flatMap(result -> this.recorder.record(task, message, claimed, result, true));
    }

    private Mono<ConnectorOutcome> call(TaskCommand task, Supplier<Mono<ConnectorOutcome>> call) {
        return Mono.deferContextual(caller -> {
            Observation observation = this.metrics.calling(
                    task.systemId(),
                    String.valueOf(task.action()),
                    caller.getOrDefault(ObservationThreadLocalAccessor.KEY, null));
            return Mono.defer(call)
                    // A connector should never fail; if one does, its message may hold anything, so keep only the type.
                    .onErrorResume(ex -> Mono.just(new ConnectorOutcome.Retryable(
                            "connector failed unexpectedly (" + ex.getClass().getSimpleName() + ")")))
                    .doOnNext(outcome -> this.metrics.called(observation, outcomeWord(outcome)))
                    .doOnCancel(observation::stop)
                    .contextWrite(context -> context.put(ObservationThreadLocalAccessor.KEY, observation));
        });
    }

    private static String outcomeWord(ConnectorOutcome outcome) {
        if (outcome instanceof ConnectorOutcome.Done) {
            return "done";
        }
        if (outcome instanceof ConnectorOutcome.Blocked) {
            return "blocked";
        }
        if (outcome instanceof ConnectorOutcome.Waiting) {
            return "waiting";
        }
        return (outcome instanceof ConnectorOutcome.Rejected) ? "rejected" : "retryable";
    }

    private Mono<Void> park(Message message, String reason) {
        log.warn("Parking message {}: {}", message.getMessageProperties().getMessageId(), reason);
        return this.parking.park(message, reason).doOnSuccess(parked -> this.metrics.parked());
    }
}
