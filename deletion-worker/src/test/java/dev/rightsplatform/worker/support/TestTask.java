package dev.rightsplatform.worker.support;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A TaskCommand as rights-service would send it (Object Mother): {@link #erase(String)} gives a valid one for a
 * system, and {@link #json()} is its body, written field by field as the contract spells it.
 */
public record TestTask(UUID taskId, UUID requestId, String systemId, String userId, Instant issuedAt) {

    public static TestTask erase(String systemId) {
        return new TestTask(UUID.randomUUID(), UUID.randomUUID(), systemId, "user-" + UUID.randomUUID(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    public TestTask forUser(String otherUserId) {
        return new TestTask(this.taskId, this.requestId, this.systemId, otherUserId, this.issuedAt);
    }

    public String routingKey() {
        return "task.erase." + this.systemId;
    }

    public Map<String, Object> json() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("taskId", this.taskId.toString());
        body.put("requestId", this.requestId.toString());
        body.put("requestType", "DEREGISTER");
        body.put("action", "ERASE");
        body.put("systemId", this.systemId);
        body.put("subject", Map.of("userId", this.userId));
        body.put("dueAt", this.issuedAt.plus(30, ChronoUnit.DAYS).toString());
        body.put("issuedAt", this.issuedAt.toString());
        return body;
    }
}
