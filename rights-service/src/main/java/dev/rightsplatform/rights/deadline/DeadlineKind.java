package dev.rightsplatform.rights.deadline;

import dev.rightsplatform.rights.type.RequestType;
import java.util.Locale;
import java.util.Optional;

/**
 * What a deadline is computed for: the platform's request types plus opt-out of sale or sharing (CCPA §7026), which
 * has a clock of its own but is not a request type (yet).
 */
public enum DeadlineKind {
    ACCESS,
    EXPORT,
    WITHDRAW_CONSENT,
    DEREGISTER,
    OPT_OUT_OF_SALE;

    /** Exhaustive on purpose: a new request type does not compile until someone decides which rule governs it. */
    public static DeadlineKind of(RequestType type) {
        return switch (type) {
            case ACCESS -> ACCESS;
            case EXPORT -> EXPORT;
            case WITHDRAW_CONSENT -> WITHDRAW_CONSENT;
            case DEREGISTER -> DEREGISTER;
        };
    }

    /** Reads a query parameter leniently ({@code opt-out-of-sale}, {@code Access}); empty when it names no kind. */
    static Optional<DeadlineKind> parse(String value) {
        var normalized = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (var kind : values()) {
            if (kind.name().equals(normalized)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
