package dev.rightsplatform.rights.request;

/**
 * Where a request stands. Transitions live on {@link RightsRequest}; this enum only says which states are final.
 */
public enum RequestStatus {
    RECEIVED,
    IN_PROGRESS,
    COMPLETED,
    NEEDS_ATTENTION;

    public boolean isOpen() {
        return this == RECEIVED || this == IN_PROGRESS || this == NEEDS_ATTENTION;
    }
}
