package dev.rightsplatform.worker.result;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.rightsplatform.worker.execution.ExecutionStatus;
import dev.rightsplatform.worker.execution.TaskExecution;

/**
 * The final outcome of one task, as rights-service receives it (TaskResult in infra/asyncapi.yaml). Built only
 * from the ledger row, so a result published again for a redelivered task is the same result.
 */
public record TaskResult(UUID taskId, UUID requestId, String systemId, String action, Outcome outcome,
        @Nullable String detail, @Nullable String systemReference, int attempts, Instant completedAt) {

    /** DONE when the system did it, FAILED otherwise. */
    public enum Outcome {
        DONE, FAILED
    }

    static TaskResult of(TaskExecution execution) {
        if (!execution.status().isFinal()) {
            throw new IllegalArgumentException("task " + execution.taskId() + " is " + execution.status()
                    + ", it has no result yet");
        }
        return new TaskResult(execution.taskId(), execution.requestId(), execution.systemId(), execution.action(),
                execution.status() == ExecutionStatus.DONE ? Outcome.DONE : Outcome.FAILED, execution.detail(),
                execution.systemReference(), execution.attempts(), Objects.requireNonNull(execution.completedAt()));
    }
}
