package dev.rightsplatform.worker.connector.http;

import dev.rightsplatform.worker.connector.ConnectorOutcome;
import dev.rightsplatform.worker.connector.Proof;
import dev.rightsplatform.worker.connector.Retention;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * Reads what an http system says in a 2xx answer or a callback: {@code reference}, the counts {@code deleted},
 * {@code anonymised}, {@code retained}, and {@code retention: [{category, basis, until}]}. A field of the wrong
 * shape is left out rather than failing a task the system says it has done.
 */
final class HttpAnswers {

    static final int MAX_REFERENCE = 200;

    /** Longest reason or detail taken from a system's words (the contract's detail holds 500). */
    static final int MAX_WORDS = 400;

    private final String systemId;

    private final JsonMapper json;

    HttpAnswers(String systemId, JsonMapper json) {
        this.systemId = systemId;
        this.json = json;
    }

    /** The body as JSON; a missing node when it is empty or not JSON. */
    JsonNode read(byte[] body) {
        if (body.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return this.json.readTree(body);
        } catch (JacksonException ex) {
            return MissingNode.getInstance();
        }
    }

    boolean isAccepted(JsonNode answer) {
        return "accepted".equals(text(answer, "status", 20));
    }

    ConnectorOutcome.Done done(String detail, JsonNode answer) {
        List<Retention> retention = retention(answer.path("retention"));
        return new ConnectorOutcome.Done(
                detail,
                text(answer, "reference", MAX_REFERENCE),
                Proof.ofNullable(count(answer, "deleted"), count(answer, "anonymised"), count(answer, "retained")),
                retention);
    }

    /** A short string field, cut to max; null when absent, blank or not a string. */
    static @Nullable String text(JsonNode node, String field, int max) {
        JsonNode value = node.path(field);
        if (!value.isString() || value.stringValue().isBlank()) {
            return null;
        }
        String text = value.stringValue().strip();
        return text.length() <= max ? text : text.substring(0, max);
    }

    private static @Nullable Integer count(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return (value.isIntegralNumber() && value.canConvertToInt() && value.intValue() >= 0) ? value.intValue() : null;
    }

    private List<Retention> retention(JsonNode entries) {
        List<Retention> retention = new ArrayList<>();
        if (!entries.isArray()) {
            return retention;
        }
        for (JsonNode entry : entries) {
            String category = text(entry, "category", Retention.MAX_CATEGORY);
            String basis = text(entry, "basis", Retention.MAX_BASIS);
            String until = text(entry, "until", 10);
            LocalDate date = (until != null) ? date(until) : null;
            if (category != null && basis != null && date != null) {
                retention.add(new Retention(category, basis, date));
            }
        }
        return retention;
    }

    private static @Nullable LocalDate date(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException ex) {
            return null;
        }
    }

    String systemId() {
        return this.systemId;
    }
}
