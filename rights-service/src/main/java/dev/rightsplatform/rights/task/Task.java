package dev.rightsplatform.rights.task;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One downstream system's part of a request: what it must do, in which step (steps run one after another), by when,
 * and what it reported, including the proof counts of an erasure.
 */
public record Task(
        UUID id,
        UUID requestId,
        String systemId,
        TaskAction action,
        int phase,
        TaskStatus status,
        @Nullable String detail,
        @Nullable String systemReference,
        @Nullable Integer attempts,
        @Nullable Instant dispatchedAt,
        @Nullable Instant dueAt,
        @Nullable Instant completedAt,
        @Nullable Proof proof) {

    public static Task planned(UUID requestId, String systemId, TaskAction action, int phase) {
        return new Task(
                UUID.randomUUID(),
                requestId,
                systemId,
                action,
                phase,
                TaskStatus.PLANNED,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** This planned task as sent out at {@code at}: to the worker, or (a manual system) to the agents. */
    public Task sentOut(TaskStatus status, Instant at, Instant dueAt) {
        return new Task(
                id,
                requestId,
                systemId,
                action,
                phase,
                status,
                detail,
                systemReference,
                attempts,
                at,
                dueAt,
                completedAt,
                proof);
    }

    /** A fresh task doing the same work again, for an agent's retry. */
    public Task retry() {
        return planned(requestId, systemId, action, phase);
    }

    /** What an erasure did, as counts; holds none of the erased data. */
    public record Proof(
            @Nullable Integer deleted,
            @Nullable Integer anonymised,
            @Nullable Integer retained) {}
}
