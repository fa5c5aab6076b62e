package dev.rightsplatform.worker.execution;

import org.jspecify.annotations.Nullable;

/** What claiming a delivered task found, and so what the worker does with the delivery. */
public sealed interface Claim {

    /**
     * This delivery may call the system; attempts counts the calls that carried the task out, checks the status
     * checks so far, and systemReference is what the system called the task when it accepted it.
     */
    record Claimed(int attempts, int checks, @Nullable String systemReference) implements Claim {}

    /** The task has a final outcome already: publish that result again (if needed), call nothing. */
    record Finished(TaskExecution execution) implements Claim {}

    /** Another delivery holds the task right now (or may still): look again later. */
    record Busy(TaskExecution execution) implements Claim {}

    /** A later attempt or status check of this task is already scheduled: this copy is a stale duplicate. */
    record Superseded(TaskExecution execution) implements Claim {}

    /** The system accepted the task and reports later: this copy of the task is a late duplicate. */
    record Waiting(TaskExecution execution) implements Claim {}
}
