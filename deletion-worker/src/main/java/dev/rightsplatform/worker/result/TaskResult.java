package dev.rightsplatform.worker.result;

import dev.rightsplatform.worker.connector.Collected;
import dev.rightsplatform.worker.connector.Proof;
import dev.rightsplatform.worker.connector.Retention;
import dev.rightsplatform.worker.execution.TaskExecution;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The final outcome of one task, as rights-service receives it (TaskResult in infra/asyncapi.yaml). Built only
 * from the ledger row, so a result published again for a redelivered task is the same result.
 *
 * @param collected what a COLLECT uploaded to rights-service (sizes and checksum, no data); null otherwise
 */
public record TaskResult(
        UUID taskId,
        UUID requestId,
        String systemId,
        String action,
        Outcome outcome,
        @Nullable String detail,
        @Nullable Proof proof,
        @Nullable List<Retention> retention,
        @Nullable Collected collected,
        @Nullable String systemReference,
        int attempts,
        Instant completedAt) {

    /** DONE when the system did it, BLOCKED when a PRECHECK said not yet, FAILED otherwise. */
    public enum Outcome {
        DONE,
        FAILED,
        BLOCKED
    }

    static TaskResult of(TaskExecution execution) {
        Outcome outcome = switch (execution.status()) {
            case DONE -> Outcome.DONE;
            case FAILED -> Outcome.FAILED;
            case BLOCKED -> Outcome.BLOCKED;
            default ->
                throw new IllegalArgumentException(
                        "task " + execution.taskId() + " is " + execution.status() + ", it has no result yet");
        };
        return new TaskResult(
                execution.taskId(),
                execution.requestId(),
                execution.systemId(),
                execution.action(),
                outcome,
                execution.detail(),
                execution.proof(),
                execution.retention().isEmpty() ? null : execution.retention(),
                execution.collected(),
                execution.systemReference(),
                execution.attempts(),
                Objects.requireNonNull(execution.completedAt()));
    }
}
