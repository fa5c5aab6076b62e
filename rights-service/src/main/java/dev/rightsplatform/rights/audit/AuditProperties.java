package dev.rightsplatform.rights.audit;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Audit trail settings.
 *
 * @param pseudonymKey secret key of the keyed pseudonym (HMAC-SHA256) that names a subject in the trail; at least 32
 *                     characters so the pseudonym cannot be reversed by guessing account ids
 */
@Validated
@ConfigurationProperties("rights.audit")
public record AuditProperties(@NotBlank @Size(min = 32) String pseudonymKey) {

    @Override
    public String toString() {
        return "AuditProperties[pseudonymKey=****]";
    }
}
