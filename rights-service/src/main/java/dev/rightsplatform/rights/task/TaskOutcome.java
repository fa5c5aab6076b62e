package dev.rightsplatform.rights.task;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a system reported for a task: its status, a short detail (for BLOCKED: the reason the person may read), its own
 * reference, the proof counts, and any data it keeps under a legal hold.
 */
public record TaskOutcome(
        TaskStatus status,
        @Nullable String detail,
        @Nullable String systemReference,
        @Nullable Integer attempts,
        Task.@Nullable Proof proof,
        List<Retention> retention,
        Instant completedAt) {

    public TaskOutcome {
        retention = retention == null ? List.of() : List.copyOf(retention);
    }

    /** Data kept under a law (PIPL Art. 47): stored and secured only, until the date. */
    public record Retention(String category, String basis, LocalDate until) {}
}
