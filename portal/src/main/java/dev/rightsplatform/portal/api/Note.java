package dev.rightsplatform.portal.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/** An agent's note on a request: for other agents only (the person never sees it). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Note(UUID id, String author, String text, Instant createdAt) {}
