package dev.rightsplatform.worker.connector;

/** What a task asks a system to do (TaskCommand.action in infra/asyncapi.yaml). */
public enum Action {

    /** May the account be closed now? The answer is DONE (yes) or BLOCKED with the system's reason. */
    PRECHECK,

    /** Suspend the account and end its sessions: the start of a deregistration's cooling-off. */
    DISABLE,

    /** Undo DISABLE: the person cancelled during cooling-off. */
    ENABLE,

    /** Delete or anonymise the person's data, keeping only what a law requires. */
    ERASE,

    /** Fetch everything the system holds about the person and upload it to rights-service (access, export). */
    COLLECT,

    /** Stop processing the person's data for the task's purpose: consent was withdrawn. */
    WITHDRAW
}
