package dev.rightsplatform.worker.connector.collection;

import dev.rightsplatform.worker.settings.InvalidSettingException;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where and how long COLLECT uploads go, {@code worker.collections.*}.
 *
 * @param uploadUrl rights-service's collections endpoint; a part goes to PUT {uploadUrl}/{taskId}
 * @param timeout the longest one COLLECT may take, fetching and uploading together; must be shorter than
 *        worker.tasks.lease, as for any call
 */
@ConfigurationProperties("worker.collections")
public record CollectionProperties(
        @DefaultValue("http://127.0.0.1:8081/internal/v1/collections")
        URI uploadUrl,

        @DefaultValue("90s") Duration timeout) {

    public CollectionProperties {
        if (!uploadUrl.isAbsolute()
                || uploadUrl.getHost() == null
                || !("http".equals(uploadUrl.getScheme()) || "https".equals(uploadUrl.getScheme()))) {
            throw new InvalidSettingException(
                    "worker.collections.upload-url", "must be an absolute http or https URL, not " + uploadUrl);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new InvalidSettingException("worker.collections.timeout", "must be positive");
        }
    }

    /** Where the part of one task goes. */
    URI uploadUrlOf(String taskId) {
        String base = this.uploadUrl.toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + taskId);
    }
}
