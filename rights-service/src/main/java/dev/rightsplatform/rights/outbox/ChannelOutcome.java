package dev.rightsplatform.rights.outbox;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What became of one claimed message in a delivery attempt.
 *
 * @param error null when delivered; else why not: a status code, an exception type or the broker's verdict, never the
 *              payload or a person's data
 * @param permanent the message can never be delivered (a callback URL that resolves to a refused address): it fails
 *                  now, whatever attempts are left
 */
public record ChannelOutcome(UUID id, @Nullable String error, boolean permanent) {

    public static ChannelOutcome delivered(UUID id) {
        return new ChannelOutcome(id, null, false);
    }

    public static ChannelOutcome failed(UUID id, String error) {
        return new ChannelOutcome(id, error, false);
    }

    public static ChannelOutcome refusedForGood(UUID id, String error) {
        return new ChannelOutcome(id, error, true);
    }

    boolean delivered() {
        return error == null;
    }
}
