package dev.rightsplatform.rights.task;

/** Where one downstream system's part of a request stands. */
public enum TaskStatus {
    /** Waiting for an earlier step to finish. */
    PLANNED,
    /** Sent to the worker; no result yet. */
    DISPATCHED,
    /** A manual system: waiting for an agent to confirm it was done. */
    AWAITING_AGENT,
    DONE,
    FAILED,
    /** A pre-check said the account cannot be closed yet. */
    BLOCKED,
    /** Replaced by a retry; kept as history. */
    SUPERSEDED,
    /** Never ran: the request was cancelled or refused first. */
    CANCELLED;

    /** Whether the task has had its answer (its step may move on once all of its tasks have). */
    public boolean isFinal() {
        return this == DONE || this == FAILED || this == BLOCKED;
    }

    /** Whether the task still counts for its request (not replaced, not called off). */
    public boolean isLive() {
        return this != SUPERSEDED && this != CANCELLED;
    }
}
