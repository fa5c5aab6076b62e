package dev.rightsplatform.rights.delivery.collection;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the parts the worker uploads.
 *
 * @param maxBytes      the largest part accepted; a larger upload is refused and nothing of it is kept
 * @param maxValueChars the longest string value (or field name) in a part; a single value is held in memory while
 *                      it is parsed, so this bounds the memory a part can take
 */
@ConfigurationProperties("rights.collections")
public record CollectionProperties(
        @Nullable DataSize maxBytes, @Nullable Integer maxValueChars) {

    public CollectionProperties {
        maxBytes = maxBytes == null ? DataSize.ofGigabytes(1) : maxBytes;
        maxValueChars = maxValueChars == null ? 1_000_000 : maxValueChars;
        if (maxBytes.toBytes() < 1) {
            throw new IllegalArgumentException("rights.collections.max-bytes must be positive");
        }
        if (maxValueChars < 1000) {
            throw new IllegalArgumentException("rights.collections.max-value-chars must be at least 1000");
        }
    }

    /** The defaults: 1 GB per part, 1,000,000 characters per value. */
    public static CollectionProperties defaults() {
        return new CollectionProperties(null, null);
    }

    public long maxByteCount() {
        return maxBytes == null ? 0 : maxBytes.toBytes();
    }

    public int maxValueLength() {
        return maxValueChars == null ? 0 : maxValueChars;
    }
}
