package dev.rightsplatform.worker.execution;

/** What claiming a delivered task found, and so what the worker does with the delivery. */
public sealed interface Claim {

    /** This delivery may call the system; attempts counts this call. */
    record Claimed(int attempts) implements Claim {
    }

    /** The task has a final outcome already: publish that result again, call nothing. */
    record Finished(TaskExecution execution) implements Claim {
    }

    /** Another delivery holds the task right now (or may still): look again later. */
    record Busy(TaskExecution execution) implements Claim {
    }

    /** A later attempt of this task is already scheduled: this copy is a stale duplicate. */
    record Superseded(TaskExecution execution) implements Claim {
    }
}
