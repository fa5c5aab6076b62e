package dev.rightsplatform.rights.request;

/** The rights a person can exercise through the platform. */
public enum RequestType {
    ACCESS,
    EXPORT,
    WITHDRAW_CONSENT,
    DEREGISTER;

    /** Types whose fan-out runs today; the others arrive with their own issues and are refused clearly until then. */
    boolean isAvailable() {
        return this != WITHDRAW_CONSENT;
    }
}
