package dev.rightsplatform.rights.request;

import dev.rightsplatform.rights.task.Task;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A request as the API shows it: its state, its deadline and the rule behind it, and each system's progress. */
record RequestView(UUID id, RequestType type, RequestStatus status, Instant receivedAt, Instant dueAt, String dueRule,
                   Instant completedAt, List<SystemProgress> systems) {

    static RequestView of(RightsRequest request, List<Task> tasks) {
        return new RequestView(request.id(), request.type(), request.status(), request.receivedAt(), request.dueAt(),
                request.dueRule(), request.completedAt(), tasks.stream().map(SystemProgress::of).toList());
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
