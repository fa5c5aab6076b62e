package dev.rightsplatform.rights.lifecycle;

import dev.rightsplatform.rights.task.Task;
import dev.rightsplatform.rights.task.TaskOutcome;
import dev.rightsplatform.rights.task.TaskStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The TaskResult message of infra/asyncapi.yaml: a downstream system's final answer to one task. */
record TaskResultMessage(
        UUID taskId,
        UUID requestId,
        String systemId,
        String action,
        Outcome outcome,
        @Nullable String detail,
        @Nullable String systemReference,
        @Nullable Integer attempts,
        @Nullable Instant completedAt,
        @Nullable Proof proof,
        @Nullable List<Hold> retention,
        @Nullable Collected collected) {

    enum Outcome {
        DONE,
        FAILED,
        BLOCKED
    }

    record Proof(
            @Nullable Integer deleted,
            @Nullable Integer anonymised,
            @Nullable Integer retained) {}

    record Hold(String category, String basis, @Nullable LocalDate until) {}

    /** What a COLLECT uploaded, as rights-service acknowledged the upload: sizes and checksum, no data. */
    record Collected(
            @Nullable Long records,
            @Nullable Long bytes,
            @Nullable String sha256,
            @Nullable List<String> categories) {}

    TaskResultMessage {
        if (taskId == null
                || requestId == null
                || systemId == null
                || action == null
                || outcome == null
                || completedAt == null) {
            throw new IllegalArgumentException("TaskResult lacks a required field");
        }
        if (retention != null
                && retention.stream()
                        .anyMatch(hold -> hold.category() == null || hold.basis() == null || hold.until() == null)) {
            throw new IllegalArgumentException("TaskResult retention needs category, basis and until");
        }
    }

    /** The answer as the lifecycle takes it, given by the system that sent it. */
    LifecycleCommand.RecordResult toCommand() {
        return new LifecycleCommand.RecordResult(
                taskId,
                toOutcome(),
                "system:" + systemId,
                new LifecycleCommand.RecordResult.Upload(collected == null ? null : collected.sha256()));
    }

    TaskOutcome toOutcome() {
        var status = switch (outcome) {
            case DONE -> TaskStatus.DONE;
            case FAILED -> TaskStatus.FAILED;
            case BLOCKED -> TaskStatus.BLOCKED;
        };
        return new TaskOutcome(
                status,
                detail,
                systemReference,
                attempts,
                proof == null ? null : new Task.Proof(proof.deleted(), proof.anonymised(), proof.retained()),
                retention == null
                        ? List.of()
                        : retention.stream()
                                .map(hold -> new TaskOutcome.Retention(hold.category(), hold.basis(), hold.until()))
                                .toList(),
                completedAt);
    }
}
