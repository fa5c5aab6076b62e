package dev.rightsplatform.rights.task;

import java.time.Instant;
import java.util.UUID;

/** One downstream system's part of a request: what it must do, in which phase, and what it reported. */
public record Task(
        UUID id,
        UUID requestId,
        String systemId,
        String action,
        int phase,
        TaskStatus status,
        String detail,
        String systemReference,
        Integer attempts,
        Instant dispatchedAt,
        Instant completedAt) {

    public static Task planned(UUID requestId, String systemId, String action, int phase) {
        return new Task(UUID.randomUUID(), requestId, systemId, action, phase, TaskStatus.PLANNED, null, null, null,
                null, null);
    }
}
