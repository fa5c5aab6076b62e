package dev.rightsplatform.portal.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One of the agents' recent alerts, as rights-service lists them ({@code GET /api/v1/agent/alerts}): which request,
 * what kind ({@code REVIEW_REQUIRED}, {@code NEEDS_ATTENTION}, {@code DUE_SOON}, {@code OVERDUE}, {@code TASK_OVERDUE}),
 * when, and the system it is about when there is one. No personal data.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AgentAlert(
        UUID requestId,
        String kind,
        Instant at,
        @Nullable String systemId,
        @Nullable String requestType,
        @Nullable String status) {

    /** The kinds the console has words for; anything else rights-service may add later is shown as "alert". */
    public static final List<String> KINDS =
            List.of("REVIEW_REQUIRED", "NEEDS_ATTENTION", "DUE_SOON", "OVERDUE", "TASK_OVERDUE");

    /** The message key of the kind's label. */
    public String kindKey() {
        return "console.alerts.kind." + (KINDS.contains(kind) ? kind : "OTHER");
    }

    /** One page of alerts, newest first. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Page(List<AgentAlert> items) {}
}
