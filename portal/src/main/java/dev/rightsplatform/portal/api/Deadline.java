package dev.rightsplatform.portal.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** The due date a request would get if made now (GET /api/v1/deadlines). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Deadline(
        String jurisdiction,
        String regime,
        String type,
        String zone,
        LocalDate dueDate,
        Instant dueAt,
        String rule,
        boolean provisional,
        boolean extensionAllowed,
        @Nullable Extension extension) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Extension(String allowance, LocalDate dueDate, String rule) {}
}
