package dev.rightsplatform.worker.execution;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One row of the ledger: what the worker did for one task. It holds ids, status and timestamps only, never
 * personal data, so it can be kept as proof for as long as needed.
 */
public record TaskExecution(UUID taskId, UUID requestId, String systemId, String action, ExecutionStatus status,
        int attempts, @Nullable String detail, @Nullable String systemReference, @Nullable Instant dueAt,
        @Nullable Instant leaseUntil, @Nullable Instant nextAttemptAt, Instant createdAt, Instant updatedAt,
        @Nullable Instant completedAt) {
}
