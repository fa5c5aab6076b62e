package dev.rightsplatform.worker.callback;

import dev.rightsplatform.worker.connector.ConnectorOutcome;
import dev.rightsplatform.worker.execution.ExecutionStatus;
import dev.rightsplatform.worker.execution.FinalOutcome;
import dev.rightsplatform.worker.execution.TaskExecution;
import dev.rightsplatform.worker.execution.TaskExecutions;
import dev.rightsplatform.worker.metrics.WorkerMetrics;
import dev.rightsplatform.worker.result.ResultPublisher;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Records what an authenticated callback reports and publishes the task's result, once: the ledger's guarded
 * finish lets exactly one report settle a task, and only that one publishes (a repeat changes nothing). The
 * result is tracked as still to publish until RabbitMQ confirms it, so a crash in between is repaired by the scan.
 */
@Component
class CallbackSettlement {

    /** What a report did. */
    enum Result {
        /** No task of this system has that id. */
        UNKNOWN,
        /** This report settled the task; its result is published. */
        RECORDED,
        /** The task was settled before; nothing changed. */
        ALREADY_SETTLED,
        /** A progress report; nothing changed. */
        NOTED
    }

    private static final Logger log = LoggerFactory.getLogger(CallbackSettlement.class);

    private final TaskExecutions executions;

    private final ResultPublisher results;

    private final Clock clock;

    private final WorkerMetrics metrics;

    CallbackSettlement(TaskExecutions executions, ResultPublisher results, Clock clock, WorkerMetrics metrics) {
        this.metrics = metrics;
        this.executions = executions;
        this.results = results;
        this.clock = clock;
    }

    Mono<Result> settle(String systemId, UUID taskId, ConnectorOutcome outcome) {
        return taskOf(systemId, taskId)
                .flatMap(existing -> {
                    if (existing.status().isFinal()) {
                        return Mono.just(Result.ALREADY_SETTLED);
                    }
                    return this.executions
                            .finish(taskId, finalOutcome(outcome), true, this.clock.instant())
                            .flatMap(finish -> {
                                if (!finish.recordedNow()) {
                                    return Mono.just(Result.ALREADY_SETTLED);
                                }
                                TaskExecution stored = finish.execution();
                                log.info(
                                        "Task {} (request {}, system {}) {} by the system's callback",
                                        stored.taskId(),
                                        stored.requestId(),
                                        stored.systemId(),
                                        stored.status());
                                this.metrics.finished(
                                        stored.systemId(),
                                        stored.action(),
                                        String.valueOf(stored.status()),
                                        stored.attempts());
                                return this.results.publishAndRecord(stored).thenReturn(Result.RECORDED);
                            });
                })
                .defaultIfEmpty(Result.UNKNOWN);
    }

    Mono<Result> progress(String systemId, UUID taskId) {
        return taskOf(systemId, taskId).map(existing -> Result.NOTED).defaultIfEmpty(Result.UNKNOWN);
    }

    /** The task, if it exists and belongs to the system that reports (a system learns nothing of others' tasks). */
    private Mono<TaskExecution> taskOf(String systemId, UUID taskId) {
        return this.executions
                .find(taskId)
                .filter(existing -> existing.systemId().equals(systemId));
    }

    private static FinalOutcome finalOutcome(ConnectorOutcome outcome) {
        if (outcome instanceof ConnectorOutcome.Done done) {
            return new FinalOutcome(
                    ExecutionStatus.DONE, done.detail(), done.systemReference(), done.proof(), done.retention());
        }
        if (outcome instanceof ConnectorOutcome.Rejected rejected) {
            return FinalOutcome.of(ExecutionStatus.FAILED, rejected.reason());
        }
        throw new IllegalArgumentException("a callback settles a task DONE or FAILED, not " + outcome);
    }
}
