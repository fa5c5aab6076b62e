package dev.rightsplatform.rights.web;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The times the service accepts from outside: from 2000-01-01 to a year ahead. Nothing on the platform happened before
 * 2000 or is due more than a year out (the longest deadline with its extension is three months), and times far outside
 * broke things: {@code +999999999-01-01T00:00:00Z} overflowed the deadline engine and PostgreSQL (500s).
 */
public final class InstantRange {

    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    public static final Duration LATEST_AHEAD = Duration.ofDays(366);

    private InstantRange() {}

    /** Why {@code value} is refused at {@code now}, or null when it lies in the range. */
    public static @Nullable String refusal(Instant value, Instant now) {
        if (value.isBefore(EARLIEST)) {
            return "must not be before 2000-01-01";
        }
        if (value.isAfter(now.plus(LATEST_AHEAD))) {
            return "must not be more than a year ahead";
        }
        return null;
    }

    /** {@code value} if it lies in the range, else a 400 naming {@code field}. */
    public static Instant check(String field, Instant value, Instant now) {
        var refusal = refusal(value, now);
        if (refusal != null) {
            throw ApiException.invalidField(field, refusal);
        }
        return value;
    }
}
