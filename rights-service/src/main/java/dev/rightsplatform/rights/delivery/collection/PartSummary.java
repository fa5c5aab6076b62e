package dev.rightsplatform.rights.delivery.collection;

import java.util.Map;

/**
 * What a stored part holds.
 *
 * @param records    records in all categories
 * @param bytes      bytes received (the part document as sent)
 * @param sha256     SHA-256 of the bytes received, lowercase hex
 * @param categories record count per category, in the order of the document
 */
public record PartSummary(long records, long bytes, String sha256, Map<String, Long> categories) {

    public PartSummary {
        categories = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(categories));
    }
}
