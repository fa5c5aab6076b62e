package dev.rightsplatform.worker.support;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A TaskCommand as rights-service would send it (Object Mother): {@link #erase(String)}, {@link #collect(String)}
 * and {@link #withdraw(String, String)} give a valid one for a system, {@link #withAction(String)} and
 * {@link #dueAt(Instant)} vary it, and {@link #json()} is its body, written field by field as the contract spells it.
 */
public record TestTask(
        UUID taskId,
        UUID requestId,
        String systemId,
        String userId,
        Instant issuedAt,
        String action,
        Instant dueAt,
        @Nullable String purpose) {

    public static TestTask erase(String systemId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new TestTask(
                UUID.randomUUID(),
                UUID.randomUUID(),
                systemId,
                "user-" + UUID.randomUUID(),
                now,
                "ERASE",
                now.plus(30, ChronoUnit.DAYS),
                null);
    }

    /** A COLLECT, as an access request sends it. */
    public static TestTask collect(String systemId) {
        return erase(systemId).withAction("COLLECT");
    }

    /** A WITHDRAW of consent for the purpose. */
    public static TestTask withdraw(String systemId, String purpose) {
        return erase(systemId).withAction("WITHDRAW").withPurpose(purpose);
    }

    public TestTask forUser(String otherUserId) {
        return new TestTask(
                this.taskId,
                this.requestId,
                this.systemId,
                otherUserId,
                this.issuedAt,
                this.action,
                this.dueAt,
                this.purpose);
    }

    public TestTask withAction(String otherAction) {
        return new TestTask(
                this.taskId,
                this.requestId,
                this.systemId,
                this.userId,
                this.issuedAt,
                otherAction,
                this.dueAt,
                this.purpose);
    }

    public TestTask withPurpose(@Nullable String otherPurpose) {
        return new TestTask(
                this.taskId,
                this.requestId,
                this.systemId,
                this.userId,
                this.issuedAt,
                this.action,
                this.dueAt,
                otherPurpose);
    }

    public TestTask dueAt(Instant otherDueAt) {
        return new TestTask(
                this.taskId,
                this.requestId,
                this.systemId,
                this.userId,
                this.issuedAt,
                this.action,
                otherDueAt,
                this.purpose);
    }

    public String routingKey() {
        return "task." + this.action.toLowerCase(Locale.ROOT) + "." + this.systemId;
    }

    /** The request type rights-service would send with the action. */
    public String requestType() {
        return switch (this.action) {
            case "COLLECT" -> "ACCESS";
            case "WITHDRAW" -> "WITHDRAW_CONSENT";
            default -> "DEREGISTER";
        };
    }

    public Map<String, Object> json() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("taskId", this.taskId.toString());
        body.put("requestId", this.requestId.toString());
        body.put("requestType", requestType());
        body.put("action", this.action);
        body.put("systemId", this.systemId);
        body.put("subject", Map.of("userId", this.userId));
        if (this.purpose != null) {
            body.put("purpose", this.purpose);
        }
        body.put("dueAt", this.dueAt.toString());
        body.put("issuedAt", this.issuedAt.toString());
        return body;
    }
}
