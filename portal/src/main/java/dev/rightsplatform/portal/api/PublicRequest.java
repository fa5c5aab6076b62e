package dev.rightsplatform.portal.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A request made without an account, as the public API answers it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PublicRequest(
        UUID id, String type, String status, @Nullable Instant dueAt) {}
