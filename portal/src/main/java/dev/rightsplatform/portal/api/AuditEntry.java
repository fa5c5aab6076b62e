package dev.rightsplatform.portal.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One step of a request's audit trail (GET /api/v1/requests/{id}/audit): the timeline is made from these. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AuditEntry(
        long seq,
        Instant occurredAt,
        String actor,
        String action,
        @Nullable String detail) {}
