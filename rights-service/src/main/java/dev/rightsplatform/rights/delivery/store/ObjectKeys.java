package dev.rightsplatform.rights.delivery.store;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The keys objects are stored under: segments of letters, digits, {@code . _ -} separated by {@code /}, each
 * starting with a letter or digit (so no key can climb out of the store with {@code ..}).
 */
public final class ObjectKeys {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final int MAX_LENGTH = 512;

    private ObjectKeys() {}

    /** The key of the part a task collected. */
    public static String part(UUID requestId, UUID taskId) {
        return partsOf(requestId) + taskId + ".json";
    }

    /** The folder of every part collected for a request. */
    public static String partsOf(UUID requestId) {
        return "parts/" + requestId + "/";
    }

    /** The key of a request's export archive. */
    public static String archive(UUID requestId) {
        return "archives/" + requestId + ".zip";
    }

    /** Checks a key; returns it. */
    static String check(String key) {
        if (key.isEmpty() || key.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("an object key has 1 to " + MAX_LENGTH + " characters");
        }
        for (String segment : key.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                throw new IllegalArgumentException("not a valid object key: " + key);
            }
        }
        return key;
    }

    /** Checks a prefix: a key, a key's folder ending in {@code /}, or empty for everything. */
    static String checkPrefix(String prefix) {
        if (prefix.isEmpty()) {
            return prefix;
        }
        check(prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix);
        return prefix;
    }
}
