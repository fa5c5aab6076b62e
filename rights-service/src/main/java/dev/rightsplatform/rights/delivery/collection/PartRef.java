package dev.rightsplatform.rights.delivery.collection;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A stored part: the system it came from and the task that collected it.
 *
 * @param systemId the system's id in the registry; names the part's files in an archive
 * @param taskId   the task whose upload it was
 */
public record PartRef(String systemId, UUID taskId) {

    private static final Pattern SYSTEM_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    public PartRef {
        checkSystemId(systemId);
    }

    /** Checks a system id: it becomes part of file names, so letters, digits, {@code . _ -}, a letter or digit first. */
    static String checkSystemId(String systemId) {
        if (!SYSTEM_ID.matcher(systemId).matches()) {
            throw new IllegalArgumentException("not a valid system id: " + systemId);
        }
        return systemId;
    }
}
