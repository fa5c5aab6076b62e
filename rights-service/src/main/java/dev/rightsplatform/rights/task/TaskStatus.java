package dev.rightsplatform.rights.task;

/** Where one downstream system's part of a request stands. */
public enum TaskStatus {
    /** Waiting for an earlier phase to finish. */
    PLANNED,
    /** Sent to the worker; no result yet. */
    DISPATCHED,
    DONE,
    FAILED;

    public boolean isFinal() {
        return this == DONE || this == FAILED;
    }
}
