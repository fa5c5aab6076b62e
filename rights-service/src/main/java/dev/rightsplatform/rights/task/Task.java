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
        String action,
        int phase,
        TaskStatus status,
        @Nullable String detail,
        @Nullable String systemReference,
        @Nullable Integer attempts,
        @Nullable Instant dispatchedAt,
        @Nullable Instant dueAt,
        @Nullable Instant completedAt,
        @Nullable Proof proof) {

    public static final String PRECHECK = "PRECHECK";
    public static final String DISABLE = "DISABLE";
    public static final String ENABLE = "ENABLE";
    public static final String ERASE = "ERASE";
    /** Gather what the system holds about the person, for access and export; the worker uploads it. */
    public static final String COLLECT = "COLLECT";
    /** Stop processing the person's data for the request's consent purpose. */
    public static final String WITHDRAW = "WITHDRAW";

    public static Task planned(UUID requestId, String systemId, String action, int phase) {
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
