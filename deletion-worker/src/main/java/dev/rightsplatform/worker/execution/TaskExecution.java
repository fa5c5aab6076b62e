package dev.rightsplatform.worker.execution;

import dev.rightsplatform.worker.connector.Collected;
import dev.rightsplatform.worker.connector.Proof;
import dev.rightsplatform.worker.connector.Retention;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One row of the ledger: what the worker did for one task. It holds ids, status, counts and timestamps only, never
 * personal data, so it can be kept as proof for as long as needed.
 */
public record TaskExecution(
        UUID taskId,
        UUID requestId,
        String systemId,
        String action,
        ExecutionStatus status,
        int attempts,
        int checks,
        @Nullable String detail,
        @Nullable String systemReference,
        @Nullable Proof proof,
        List<Retention> retention,
        @Nullable Collected collected,
        @Nullable Instant dueAt,
        @Nullable Instant leaseUntil,
        @Nullable Instant nextAttemptAt,
        boolean publishPending,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant completedAt) {}
