package dev.rightsplatform.portal.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.Serializable;
import java.time.Instant;

/**
 * A download link for an export (POST /api/v1/requests/{id}/export-link): valid until {@code expiresAt}, and only
 * with the owner's token. Kept in the session (never shown to the browser: the portal streams the download).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExportLink(String href, Instant expiresAt, long size, String sha256, Instant archiveExpiresAt)
        implements Serializable {}
