package dev.rightsplatform.portal.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A request as rights-service shows it to its owner (GET /api/v1/requests/{id}); fields the portal shows. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Request(
        UUID id,
        String type,
        @Nullable String purpose,
        String status,
        String jurisdiction,
        Instant receivedAt,
        @Nullable Instant dueAt,
        @Nullable LocalDate dueDate,
        @Nullable String dueZone,
        @Nullable String regime,
        @Nullable String dueRule,
        boolean dueProvisional,
        @Nullable Extension extension,
        @Nullable String refusalReason,
        @Nullable Instant closedAt,
        @Nullable List<SystemProgress> systems,
        @Nullable List<Retention> retained,
        @Nullable Instant coolingOffUntil,
        @Nullable Holder heldBy,
        @Nullable TimeLeft timeLeft) {

    private static final Set<String> FINAL = Set.of("COMPLETED", "REFUSED", "CANCELLED");

    public boolean isFinal() {
        return FINAL.contains(status);
    }

    /**
     * Whether to offer "cancel": while nothing has been erased (before the work starts, during cooling-off, and for
     * access and export while they run). rights-service has the last word; a late click is explained, not hidden.
     */
    public boolean cancellable() {
        return switch (status) {
            case "RECEIVED", "AWAITING_VERIFICATION", "AWAITING_REVIEW", "COOLING_OFF" -> true;
            case "IN_PROGRESS", "NEEDS_ATTENTION" -> "ACCESS".equals(type) || "EXPORT".equals(type);
            default -> false;
        };
    }

    public boolean hasReceipt() {
        return "COMPLETED".equals(status) && ("DEREGISTER".equals(type) || "WITHDRAW_CONSENT".equals(type));
    }

    public List<SystemProgress> systemList() {
        return systems == null ? List.of() : systems;
    }

    public List<Retention> retainedList() {
        return retained == null ? List.of() : retained;
    }

    /** Pre-check refusals: a system that said the account cannot close yet, with its reason for the person. */
    public List<SystemProgress> blockedPrechecks() {
        return systemList().stream()
                .filter(system -> "PRECHECK".equals(system.action()) && "BLOCKED".equals(system.status()))
                .toList();
    }

    /** The agent API only: the agent holding the request (their username or display name), since when. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Holder(
            String agentId, String name, @Nullable Instant since) {}

    /**
     * The agent API only: days to the due day as the request's rule counts them ({@code WORKING_DAYS} or
     * {@code CALENDAR_DAYS}), negative once overdue; {@code dueSoon} from the rule's configured warning time.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TimeLeft(String counting, long days, boolean overdue, boolean dueSoon) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Extension(
            Instant extendedAt,
            @Nullable String reason,
            @Nullable Instant originalDueAt) {}

    /** One system's part: what it does, its status, and how it answered. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SystemProgress(
            UUID taskId,
            String systemId,
            String action,
            int step,
            String status,
            @Nullable Instant dueAt,
            @Nullable String detail,
            @Nullable String reference,
            @Nullable Proof proof,
            @Nullable Instant completedAt) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Proof(
            @Nullable Integer deleted,
            @Nullable Integer anonymised,
            @Nullable Integer retained) {}

    /** Data a system keeps under a legal hold: which, why, until when. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Retention(
            String systemId,
            String category,
            String basis,
            @Nullable LocalDate until) {}
}
