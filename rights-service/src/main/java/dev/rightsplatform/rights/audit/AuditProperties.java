package dev.rightsplatform.rights.audit;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Audit trail settings.
 *
 * @param pseudonymKey   secret key of the keyed pseudonym (HMAC-SHA256) that names a subject in the trail; at least
 *                       32 characters so the pseudonym cannot be reversed by guessing account ids
 * @param anchorInterval how often the heads of the chains that grew are signed into an anchor: the longest an entry
 *                       stays unanchored (and so open to an undetectable rewrite by someone who can write the database)
 */
@Validated
@ConfigurationProperties("rights.audit")
public record AuditProperties(
        @NotBlank @Size(min = 32) String pseudonymKey,
        @DefaultValue("30s") Duration anchorInterval) {

    public AuditProperties {
        if (anchorInterval.isNegative() || anchorInterval.isZero()) {
            throw new IllegalArgumentException("rights.audit.anchor-interval must be positive, was " + anchorInterval);
        }
    }

    @Override
    public String toString() {
        return "AuditProperties[pseudonymKey=****, anchorInterval=" + anchorInterval + "]";
    }
}
