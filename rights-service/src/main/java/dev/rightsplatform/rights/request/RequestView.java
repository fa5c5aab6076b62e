package dev.rightsplatform.rights.request;

import dev.rightsplatform.rights.lifecycle.RequestStatus;
import dev.rightsplatform.rights.lifecycle.RightsRequest;
import dev.rightsplatform.rights.task.Task;
import dev.rightsplatform.rights.task.TaskStatus;
import dev.rightsplatform.rights.task.TaskStore;
import dev.rightsplatform.rights.type.RequestType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A request as the API shows it: its state, its deadline (instant and local date in the jurisdiction's zone, the rule
 * behind it in the language asked for, whether it is provisional), any extension or refusal, and each downstream
 * system's progress. {@code purpose}:
 * the consent purpose of a WITHDRAW_CONSENT request, else null. {@code coolingOffUntil}: while a deregistration is in its
 * cooling-off, when it ends (the person may cancel until then), else null.
 */
record RequestView(
        UUID id,
        RequestType type,
        @Nullable String purpose,
        RequestStatus status,
        @Nullable String jurisdiction,
        Instant receivedAt,
        Instant dueAt,
        @Nullable LocalDate dueDate,
        String dueZone,
        String regime,
        String dueRule,
        boolean dueProvisional,
        @Nullable ExtensionView extension,
        @Nullable String refusalReason,
        @Nullable Instant closedAt,
        List<SystemProgress> systems,
        List<TaskStore.RetentionView> retained,
        @Nullable Instant coolingOffUntil) {

    /** {@code language}: a {@code ContentLanguage} constant, for {@code dueRule}. */
    static RequestView of(
            RightsRequest request,
            List<Task> tasks,
            List<TaskStore.RetentionView> retained,
            Instant coolingOffUntil,
            String language) {
        var deadline = request.deadline();
        var extension = request.extension() == null
                ? null
                : new ExtensionView(
                        request.extension().extendedAt(),
                        request.extension().reason(),
                        request.extension().originalDueAt());
        return new RequestView(
                request.id(),
                request.type(),
                request.purpose(),
                request.status(),
                request.subject().jurisdiction(),
                request.receivedAt(),
                deadline.dueAt(),
                deadline.dueDate(),
                deadline.zone(),
                deadline.regime(),
                deadline.rule(language),
                deadline.provisional(),
                extension,
                request.refusalReason(),
                request.closedAt(),
                tasks.stream()
                        .filter(task -> task.status() != TaskStatus.SUPERSEDED)
                        .map(SystemProgress::of)
                        .toList(),
                retained,
                coolingOffUntil);
    }

    record ExtensionView(Instant extendedAt, String reason, Instant originalDueAt) {}

    /**
     * One downstream system's part: what it must do, in which step, by when, how it answered ({@code detail}: a short
     * reason, for a blocked pre-check the one the person is told), its own reference, and the proof counts.
     */
    record SystemProgress(
            UUID taskId,
            String systemId,
            String action,
            int step,
            String status,
            Instant dueAt,
            String detail,
            String reference,
            Task.Proof proof,
            Instant completedAt) {

        static SystemProgress of(Task task) {
            return new SystemProgress(
                    task.id(),
                    task.systemId(),
                    task.action().name(),
                    task.phase(),
                    task.status().name(),
                    task.dueAt(),
                    task.detail(),
                    task.systemReference(),
                    task.proof(),
                    task.completedAt());
        }
    }
}
