package dev.rightsplatform.portal.web;

import dev.rightsplatform.portal.api.AuditEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A request's audit trail told as a person would: each step a message key ({@code timeline.<action>} in the
 * messages) and the few details it names (a system, a reason). Steps that mean nothing to the person (internal
 * dispatches) are left out; an action with no sentence of its own is still shown, by its name, never dropped.
 */
final class Timeline {

    /** Internal bookkeeping, not a step the person took or waits for. */
    private static final Set<String> INTERNAL = Set.of("tasks.dispatched", "request.started", "request.resumed");

    private Timeline() {}

    /**
     * One line: when, which sentence ({@code key}), its arguments, and a tone for the marker
     * ({@code done}, {@code wait}, {@code problem}, {@code info}).
     */
    record Step(Instant at, String key, List<String> arguments, String tone) {}

    static List<Step> of(List<AuditEntry> entries, ObjectMapper json) {
        var steps = new ArrayList<Step>();
        for (var entry : entries) {
            if (INTERNAL.contains(entry.action())) {
                continue;
            }
            var detail = parse(entry.detail(), json);
            var system = text(detail, "system", text(detail, "systemId", ""));
            var action = text(detail, "action", "");
            var reason = text(detail, "reason", text(detail, "detail", ""));
            steps.add(
                    switch (entry.action()) {
                        case "task.done" ->
                            new Step(
                                    entry.occurredAt(), "timeline.task.done." + known(action), List.of(system), "done");
                        case "task.failed" ->
                            new Step(entry.occurredAt(), "timeline.task.failed", List.of(system), "problem");
                        case "task.blocked" ->
                            new Step(entry.occurredAt(), "timeline.task.blocked", List.of(system, reason), "problem");
                        case "request.refused", "request.extended" ->
                            new Step(entry.occurredAt(), "timeline." + entry.action(), List.of(reason), "info");
                        case "request.completed", "request.verified", "request.approved", "request.export-ready" ->
                            new Step(entry.occurredAt(), "timeline." + entry.action(), List.of(), "done");
                        case "request.needs-attention", "request.overdue" ->
                            new Step(entry.occurredAt(), "timeline." + entry.action(), List.of(), "problem");
                        default ->
                            new Step(entry.occurredAt(), "timeline." + entry.action(), List.of(entry.action()), "info");
                    });
        }
        return steps;
    }

    /** Actions with their own sentence; any other reads as the generic "done". */
    private static String known(String action) {
        return switch (action) {
            case "PRECHECK", "DISABLE", "ENABLE", "ERASE", "COLLECT", "WITHDRAW" -> action;
            default -> "OTHER";
        };
    }

    private static @Nullable JsonNode parse(@Nullable String detail, ObjectMapper json) {
        if (detail == null || detail.isBlank() || detail.charAt(0) != '{') {
            return null;
        }
        try {
            return json.readTree(detail);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static String text(@Nullable JsonNode detail, String field, String fallback) {
        if (detail == null) {
            return fallback;
        }
        var value = detail.get(field);
        return value == null || value.isNull() ? fallback : value.asString();
    }

    static Map<String, String> tones() {
        return Map.of("done", "✓", "wait", "…", "problem", "!", "info", "•");
    }
}
