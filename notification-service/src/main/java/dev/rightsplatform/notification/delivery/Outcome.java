package dev.rightsplatform.notification.delivery;

import java.time.Duration;

/** What the message carrying an event should become once we have dealt with the event. */
public sealed interface Outcome {

    /** Nothing more to do for this event: acknowledge the message. */
    record Finished(DeliveryStatus status) implements Outcome {}

    /** Send the event round again after {@code delay}: a retry after a failed attempt. */
    record RetryAfter(Duration delay) implements Outcome {}

    /**
     * Another consumer holds the event right now (a redelivered duplicate). Look again later: by then it is
     * finished, waiting for a retry, or its holder's lease has run out.
     */
    record HeldElsewhere() implements Outcome {}
}
