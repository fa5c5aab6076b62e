package dev.rightsplatform.notification.delivery;

/** Where one event's notification stands in the delivery log. */
public enum DeliveryStatus {

    /** Claimed by one consumer, which is talking to the SMTP server now (until the claim's lease runs out). */
    SENDING,
    /** The last attempt failed; a copy of the event waits in a delay queue for the next one. */
    RETRYING,
    /** The SMTP server accepted the mail. Final. */
    SENT,
    /** Given up: attempts used up, a permanent error, or an interrupted attempt whose result is unknown. Final. */
    FAILED,
    /** Nothing to send: the person gave no e-mail address, or the event is for agents (no alerts yet). Final. */
    SKIPPED;

    boolean isFinal() {
        return this == SENT || this == FAILED || this == SKIPPED;
    }
}
