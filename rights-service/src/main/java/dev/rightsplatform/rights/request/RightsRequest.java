package dev.rightsplatform.rights.request;

import java.time.Instant;
import java.util.UUID;

/**
 * A person's request and its lifecycle. Each transition checks the current state, returns the request in its next
 * state, and throws {@link IllegalTransitionException} otherwise (the ftgo style, see STYLE.md).
 */
public record RightsRequest(
        UUID id,
        String subjectId,
        String subjectEmail,
        String subjectLocale,
        RequestType type,
        RequestStatus status,
        Instant receivedAt,
        Instant dueAt,
        String dueRule,
        Instant completedAt) {

    public static RightsRequest receive(UUID id, Subject subject, RequestType type, Instant receivedAt, Deadline deadline) {
        return new RightsRequest(id, subject.id(), subject.email(), subject.locale(), type, RequestStatus.RECEIVED,
                receivedAt, deadline.dueAt(), deadline.rule(), null);
    }

    /** Work on the request begins: its first tasks go out. */
    public RightsRequest start() {
        require(RequestStatus.RECEIVED, "start");
        return withStatus(RequestStatus.IN_PROGRESS, null);
    }

    /** Every downstream system has done its part. */
    public RightsRequest complete(Instant at) {
        require(RequestStatus.IN_PROGRESS, "complete");
        return withStatus(RequestStatus.COMPLETED, at);
    }

    /** A downstream system failed for good: an agent must look at it. */
    public RightsRequest flagForAttention() {
        require(RequestStatus.IN_PROGRESS, "be flagged for attention");
        return withStatus(RequestStatus.NEEDS_ATTENTION, null);
    }

    private void require(RequestStatus expected, String step) {
        if (status != expected) {
            throw new IllegalTransitionException(id, status, step);
        }
    }

    private RightsRequest withStatus(RequestStatus next, Instant completed) {
        return new RightsRequest(id, subjectId, subjectEmail, subjectLocale, type, next, receivedAt, dueAt, dueRule,
                completed);
    }

    /** Who the request is about: the account id, and where and in which language to tell them. */
    public record Subject(String id, String email, String locale) {
    }

    /** When the request must be answered, and the rule that says so. */
    public record Deadline(Instant dueAt, String rule) {
    }
}
