package dev.rightsplatform.worker.execution;

/** Where a task stands in this worker. DONE, FAILED and BLOCKED are final: the task is never carried out again. */
public enum ExecutionStatus {

    /** A worker holds the task (until its lease ends) and is calling the system. */
    RUNNING,

    /** The last attempt failed in a retryable way; a copy with the next attempt number waits in a delay queue. */
    RETRY_SCHEDULED,

    /** The system took the task and reports later (a callback), or is asked again (a status check copy waits). */
    WAITING,

    /** The system did it. */
    DONE,

    /** The system refused, the system is unknown, every attempt failed, or no report came before the due time. */
    FAILED,

    /** A PRECHECK found the account cannot be closed yet. */
    BLOCKED;

    public boolean isFinal() {
        return this == DONE || this == FAILED || this == BLOCKED;
    }
}
