package dev.rightsplatform.rights.deadline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a deadline is computed from.
 *
 * @param jurisdiction ISO 3166 code of the jurisdiction whose law applies ({@code DE}, {@code GB-SCT}, {@code US-CA})
 * @param kind         what the request asks for
 * @param receivedAt   when the request was received
 * @param verifiedAt   when the subject's identity was verified, for policies whose clock starts then; null while not
 *                     verified (the deadline is then counted from receipt, the earliest it can be)
 * @param pauses       spans during which the clock stood still, for policies that allow it (UK: waiting for proof of
 *                     identity or clarification); a pause counts the days from the day it began to the day before it
 *                     ended, in the jurisdiction's zone
 */
public record DeadlineQuery(
        String jurisdiction,
        DeadlineKind kind,
        Instant receivedAt,
        @Nullable Instant verifiedAt,
        List<Pause> pauses) {

    public DeadlineQuery {
        Objects.requireNonNull(jurisdiction, "jurisdiction");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(receivedAt, "receivedAt");
        pauses = List.copyOf(pauses);
    }

    public static DeadlineQuery of(String jurisdiction, DeadlineKind kind, Instant receivedAt) {
        return new DeadlineQuery(jurisdiction, kind, receivedAt, null, List.of());
    }

    public DeadlineQuery verifiedAt(Instant at) {
        return new DeadlineQuery(jurisdiction, kind, receivedAt, at, pauses);
    }

    public DeadlineQuery paused(Instant from, Instant to) {
        var more = new ArrayList<>(pauses);
        more.add(new Pause(from, to));
        return new DeadlineQuery(jurisdiction, kind, receivedAt, verifiedAt, more);
    }

    /** A span during which the clock stood still; {@code to} is when it started again. */
    public record Pause(Instant from, Instant to) {

        public Pause {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }
}
