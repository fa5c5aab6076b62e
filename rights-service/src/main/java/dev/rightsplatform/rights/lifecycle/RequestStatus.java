package dev.rightsplatform.rights.lifecycle;

/**
 * Where a request stands. The transitions between these states live on {@link RightsRequest}; this enum only knows
 * which states are still open (the deadline clock runs, the person can be waiting on us) and which are final.
 */
public enum RequestStatus {
    /** Accepted and stored; about to move on. */
    RECEIVED,
    /** Submitted without a login: waiting for the person to prove who they are (one-time code by email). */
    AWAITING_VERIFICATION,
    /** The operator wants an agent to approve this type before any system acts. */
    AWAITING_REVIEW,
    /** Downstream systems are carrying it out. */
    IN_PROGRESS,
    /** Deregistration only: the account is disabled and the person can still change their mind. */
    COOLING_OFF,
    /** A system failed or said it cannot act yet: an agent must look at it. */
    NEEDS_ATTENTION,
    COMPLETED,
    /** Refused, with a reason the person is told (PIPL Art. 50, GDPR Art. 12(4)). */
    REFUSED,
    CANCELLED;

    public boolean isOpen() {
        return this != COMPLETED && this != REFUSED && this != CANCELLED;
    }
}
