package dev.rightsplatform.rights.deadline;

import dev.rightsplatform.rights.web.ApiException;
import dev.rightsplatform.rights.web.ContentLanguage;
import dev.rightsplatform.rights.web.InstantRange;
import dev.rightsplatform.rights.web.ProblemType;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/deadlines}: what the deadline of a request would be. Public, since it is pure computation over
 * published rules and carries no personal data. Parameters are parsed here, not by the framework, so that each bad
 * one gets a problem naming it without echoing its value.
 */
@RestController
class DeadlineController {

    private final DeadlineEngine engine;
    private final Clock clock;

    DeadlineController(DeadlineEngine engine, Clock clock) {
        this.engine = engine;
        this.clock = clock;
    }

    /** The rule texts in the caller's {@code Accept-Language} (zh-CN or English), which {@code Content-Language} names. */
    @GetMapping("/api/v1/deadlines")
    ResponseEntity<DeadlineView> deadline(
            @RequestParam(required = false) @Nullable String jurisdiction,
            @RequestParam(required = false) @Nullable String type,
            @RequestParam(required = false) @Nullable String receivedAt,
            @RequestParam(required = false) @Nullable String verifiedAt,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) @Nullable String acceptLanguage) {
        if (jurisdiction == null || jurisdiction.isBlank()) {
            throw invalid("jurisdiction", "is required: an ISO 3166 code such as DE, GB-SCT or US-CA");
        }
        var kind = DeadlineKind.parse(type == null ? "" : type)
                .orElseThrow(() -> invalid("type", "must be one of " + List.of(DeadlineKind.values())));
        var now = clock.instant();
        var received = receivedAt == null ? now : instant("receivedAt", receivedAt, now);
        var query = DeadlineQuery.of(jurisdiction, kind, received);
        if (verifiedAt != null) {
            query = query.verifiedAt(instant("verifiedAt", verifiedAt, now));
        }
        var deadline = engine.compute(query);
        var extended = deadline.extensionAllowed() ? engine.extend(query) : null;
        var language = ContentLanguage.forAcceptLanguage(acceptLanguage);
        return ResponseEntity.ok()
                .varyBy(HttpHeaders.ACCEPT_LANGUAGE)
                .header(HttpHeaders.CONTENT_LANGUAGE, DeadlineView.contentLanguage(deadline, extended, language))
                .body(DeadlineView.of(deadline, extended, language));
    }

    /**
     * ISO 8601 with an offset or Z; a '+' offset must be URL-encoded (%2B) or it arrives as a space. Within
     * {@link InstantRange}: a year such as +999999999 overflowed the engine's arithmetic (a 500).
     */
    private static Instant instant(String parameter, String value, Instant now) {
        Instant instant;
        try {
            instant = OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid(parameter, "must be an ISO 8601 date-time with an offset, such as 2025-01-31T09:30:00Z");
        }
        var refusal = InstantRange.refusal(instant, now);
        if (refusal != null) {
            throw invalid(parameter, refusal);
        }
        return instant;
    }

    private static ApiException invalid(String parameter, String message) {
        return new ApiException(
                ProblemType.INVALID_REQUEST,
                "Parameter " + parameter + " " + message + ".",
                Map.of("errors", List.of(Map.of("field", parameter, "message", message))));
    }
}
