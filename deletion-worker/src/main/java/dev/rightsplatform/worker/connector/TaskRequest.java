package dev.rightsplatform.worker.connector;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What a connector needs to carry out one task. userId is the only personal datum the worker handles: it travels
 * from the message to the system and nowhere else, which is why {@link #toString()} leaves it out.
 *
 * @param issuedAt when rights-service issued the task; stable across deliveries, so calls built from it are too
 * @param purpose the consent purpose of a WITHDRAW (e.g. marketing); null for every other action
 */
public record TaskRequest(
        UUID taskId,
        UUID requestId,
        String systemId,
        Action action,
        String userId,
        Instant issuedAt,
        @Nullable Instant dueAt,
        @Nullable String purpose) {

    /** A task without a purpose: any action but WITHDRAW. */
    public TaskRequest(
            UUID taskId,
            UUID requestId,
            String systemId,
            Action action,
            String userId,
            Instant issuedAt,
            @Nullable Instant dueAt) {
        this(taskId, requestId, systemId, action, userId, issuedAt, dueAt, null);
    }

    @Override
    public String toString() {
        return "TaskRequest[taskId=" + taskId + ", requestId=" + requestId + ", systemId=" + systemId + ", action="
                + action + (purpose != null ? ", purpose=" + purpose : "") + "]";
    }
}
