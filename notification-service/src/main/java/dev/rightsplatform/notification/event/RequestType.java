package dev.rightsplatform.notification.event;

/** What the person asked for, as the RequestEvent "requestType" names it. */
public enum RequestType {
    ACCESS,
    EXPORT,
    WITHDRAW_CONSENT,
    DEREGISTER;

    /**
     * Whether rights-service issues a signed receipt once a request of this type is carried out (its completed event
     * then carries {@code receiptPath}): what was erased or stopped must be provable afterwards.
     */
    public boolean hasReceipt() {
        return this == WITHDRAW_CONSENT || this == DEREGISTER;
    }
}
