package dev.rightsplatform.rights.task;

/**
 * What a task asks a downstream system to do: {@code TaskCommand.action} of infra/asyncapi.yaml, the same values and
 * meaning as deletion-worker's {@code Action} (the AsyncAPI document is the contract both are checked against). Which
 * step of a request's workflow sends each is declared in {@code lifecycle.Step}.
 */
public enum TaskAction {
    /** May the account be closed now? The answer is DONE (yes) or BLOCKED with the system's reason. */
    PRECHECK,
    /** Suspend the account and end its sessions: the start of a deregistration's cooling-off. */
    DISABLE,
    /** Undo DISABLE: the person cancelled during cooling-off. */
    ENABLE,
    /** Delete or anonymise the person's data, keeping only what a law requires. */
    ERASE,
    /** Gather what the system holds about the person, for access and export; the worker uploads it. */
    COLLECT,
    /** Stop processing the person's data for the request's consent purpose. */
    WITHDRAW
}
