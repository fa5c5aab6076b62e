package dev.rightsplatform.rights.request;

import dev.rightsplatform.rights.task.Task;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A request as the API shows it: its state, its deadline (instant and local date in the jurisdiction's zone, the rule
 * behind it, whether it is provisional), any extension or refusal, and each downstream system's progress.
 */
record RequestView(UUID id, RequestType type, RequestStatus status, String jurisdiction, Instant receivedAt,
                   Instant dueAt, LocalDate dueDate, String dueZone, String regime, String dueRule,
                   boolean dueProvisional, ExtensionView extension, String refusalReason, Instant closedAt,
                   List<SystemProgress> systems) {

    static RequestView of(RightsRequest request, List<Task> tasks) {
        var deadline = request.deadline();
        var extension = request.extension() == null ? null
                : new ExtensionView(request.extension().extendedAt(), request.extension().reason(),
                        request.extension().originalDueAt());
        return new RequestView(request.id(), request.type(), request.status(), request.subject().jurisdiction(),
                request.receivedAt(), deadline.dueAt(), deadline.dueDate(), deadline.zone(), deadline.regime(),
                deadline.rule(), deadline.provisional(), extension, request.refusalReason(), request.closedAt(),
                tasks.stream().map(SystemProgress::of).toList());
    }

    record ExtensionView(Instant extendedAt, String reason, Instant originalDueAt) {
    }

    /** One downstream system's part; {@code reference} is the system's own id for what it did. */
    record SystemProgress(String systemId, String action, int phase, String status, String reference,
                          Instant completedAt) {

        static SystemProgress of(Task task) {
            return new SystemProgress(task.systemId(), task.action(), task.phase(), task.status().name(),
                    task.systemReference(), task.completedAt());
        }
    }
}
