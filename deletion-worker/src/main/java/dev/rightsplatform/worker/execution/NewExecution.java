package dev.rightsplatform.worker.execution;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The facts of a task the ledger records when a worker first claims it. */
public record NewExecution(
        UUID taskId,
        UUID requestId,
        String systemId,
        String action,
        @Nullable Instant dueAt) {}
