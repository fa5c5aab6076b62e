package dev.rightsplatform.rights.opendsr;

import dev.rightsplatform.rights.lifecycle.RequestStatus;

/**
 * A request's status in OpenDSR's words. (ours) "pending" is every state from which the request can still be called
 * off with nothing lost — before work starts, and a deregistration's cooling-off (the account is only disabled, and
 * enabled again on cancel); "in_progress" once systems act on the data. A refusal is "cancelled": OpenDSR has no
 * other end for a request that was not carried out.
 */
enum OpenDsrStatus {
    PENDING("pending"),
    IN_PROGRESS("in_progress"),
    COMPLETED("completed"),
    CANCELLED("cancelled");

    private final String wire;

    OpenDsrStatus(String wire) {
        this.wire = wire;
    }

    String wire() {
        return wire;
    }

    static OpenDsrStatus of(RequestStatus status) {
        return switch (status) {
            case RECEIVED, AWAITING_VERIFICATION, AWAITING_REVIEW, COOLING_OFF -> PENDING;
            case IN_PROGRESS, NEEDS_ATTENTION -> IN_PROGRESS;
            case COMPLETED -> COMPLETED;
            case REFUSED, CANCELLED -> CANCELLED;
        };
    }
}
