package dev.rightsplatform.worker.execution;

/** The outcome that stands after finishing a task, and whether this call recorded it (or an earlier one had). */
public record Finish(TaskExecution execution, boolean recordedNow) {}
