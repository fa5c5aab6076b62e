package dev.rightsplatform.rights.type;

/** The rights a person can exercise through the platform. */
public enum RequestType {
    ACCESS,
    EXPORT,
    WITHDRAW_CONSENT,
    DEREGISTER;

    /**
     * Types a request can be opened for directly. A consent withdrawal is recorded in the consent ledger first, which
     * then opens its request (consent/, request/WithdrawalRequests), so it is refused here.
     */
    public boolean isAvailable() {
        return this != WITHDRAW_CONSENT;
    }
}
