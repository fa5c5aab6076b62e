package dev.rightsplatform.worker.execution;

/** Where a task stands in this worker. DONE and FAILED are final: the task is never carried out again. */
public enum ExecutionStatus {

    /** A worker holds the task (until its lease ends) and is calling the system. */
    RUNNING,

    /** The last attempt failed in a retryable way; a copy with the next attempt number waits in a delay queue. */
    RETRY_SCHEDULED,

    /** The system did it. */
    DONE,

    /** The system refused, the system is unknown, or every attempt failed. */
    FAILED;

    public boolean isFinal() {
        return this == DONE || this == FAILED;
    }
}
