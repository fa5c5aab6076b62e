package dev.rightsplatform.worker.connector;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What a COLLECT uploaded, as rights-service acknowledged it (TaskResult.collected): sizes and a checksum, never
 * the data. Category names are the operator's (registry keys, or the system's own), cut to the contract's limit.
 *
 * @param records how many records the part holds, over all categories
 * @param bytes the size of the part document rights-service stored
 * @param sha256 lowercase hex SHA-256 of it
 * @param categories the data categories the part holds
 */
public record Collected(long records, long bytes, String sha256, List<String> categories) {

    public static final Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");

    public static final int MAX_CATEGORY = 100;

    public Collected {
        if (records < 0 || bytes < 0) {
            throw new IllegalArgumentException("records and bytes must not be negative");
        }
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits");
        }
        categories = categories.stream()
                .map(category -> category.length() <= MAX_CATEGORY ? category : category.substring(0, MAX_CATEGORY))
                .toList();
    }
}
