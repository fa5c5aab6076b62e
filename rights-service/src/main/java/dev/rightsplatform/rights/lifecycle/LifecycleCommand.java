package dev.rightsplatform.rights.lifecycle;

import dev.rightsplatform.rights.task.TaskOutcome;
import dev.rightsplatform.rights.type.RequestType;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What can be asked of a request: everything that moves one is one of these, sent to {@link RequestLifecycle#handle}.
 * {@code actor} names who asks, as the audit trail records them (a pseudonym for a person, role and id for staff,
 * {@code partner:<id>}, {@code system:<id>}).
 */
public sealed interface LifecycleCommand {

    /**
     * Accept a new request. {@code clockStart}: when the deadline starts to run (now, or when a partner's user asked);
     * {@code purpose}: the consent purpose of a WITHDRAW_CONSENT, else null.
     */
    record Submit(
            RightsRequest.Subject subject,
            RequestType type,
            @Nullable String purpose,
            Instant clockStart,
            String actor,
            Identity identity)
            implements LifecycleCommand {

        /** How the person was identified when submitting. */
        public enum Identity {
            /** Signed in (or an agent or partner acting for them): verified at receipt; work starts, or waits for review. */
            VERIFIED,
            /** By e-mail address only: waits for the one-time code. */
            EMAIL_UNVERIFIED
        }
    }

    /** The person proved their address: the deadline restarts where the rule says, and an agent reviews. */
    record Verify(UUID requestId, Instant at) implements LifecycleCommand {}

    /** The one-time code goes to the address of a request waiting for verification. */
    record SendVerificationCode(UUID requestId, String code, Instant expiresAt) implements LifecycleCommand {}

    /** An agent approves a request waiting for review; one verified by e-mail needs the account it belongs to. */
    record Approve(UUID requestId, String actor, @Nullable String accountId) implements LifecycleCommand {}

    record Refuse(UUID requestId, String actor, String reason) implements LifecycleCommand {}

    /** The one extension the regime allows, with a reason the person is told. */
    record Extend(UUID requestId, String actor, String reason) implements LifecycleCommand {}

    /** Withdrawn by the person or cancelled by an agent or partner, before anything was erased. */
    record Cancel(UUID requestId, String actor) implements LifecycleCommand {}

    /**
     * A system's answer for a task. {@code upload}: what the worker reports of the data it uploaded (a COLLECT counts as
     * done only if its upload is stored with that checksum); null for an agent's confirmation of a manual system.
     */
    record RecordResult(
            UUID taskId,
            TaskOutcome outcome,
            String actor,
            @Nullable Upload upload) implements LifecycleCommand {

        /** The checksum the worker reports for a COLLECT's upload; null when it reports none. */
        public record Upload(@Nullable String sha256) {}
    }

    /** An agent retries a failed or blocked task: a fresh one replaces it and the request resumes. */
    record RetryTask(UUID requestId, UUID taskId, String actor) implements LifecycleCommand {}

    /** The deadline scan: a deregistration's cooling-off is over (nothing happens if it is not, or not any more). */
    record EndCoolingOff(UUID requestId, Instant now) implements LifecycleCommand {}

    /** The deadline scan: an address never verified since {@code cutoff}; cancelled, the address forgotten. */
    record ExpireUnverified(UUID requestId, Instant cutoff, String reason) implements LifecycleCommand {}

    /** The deadline scan: an open request is due soon, or overdue; raised once. */
    record RaiseDeadlineAlert(UUID requestId, LifecycleEvent alert, Instant now) implements LifecycleCommand {}

    /** The deadline scan: a system has not answered by its own due time; escalated once. */
    record EscalateLateTask(UUID taskId, Instant now) implements LifecycleCommand {}

    /** An export's archive is stored: the request completes (if still in progress) and the person is told. */
    record ArchiveReady(UUID requestId, Instant availableUntil, Map<String, ?> auditDetail)
            implements LifecycleCommand {}

    /** New calendar data may settle a provisional deadline. */
    record RecomputeDeadline(UUID requestId) implements LifecycleCommand {}
}
