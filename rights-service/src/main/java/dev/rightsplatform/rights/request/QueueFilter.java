package dev.rightsplatform.rights.request;

import dev.rightsplatform.rights.lifecycle.RequestStatus;
import dev.rightsplatform.rights.type.RequestType;
import dev.rightsplatform.rights.web.ApiException;
import dev.rightsplatform.rights.web.InstantRange;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What an agent asked of the queue. Without a status only open requests are listed. The cursor is the (due date, id)
 * of the last row of the previous page, opaque to the client. {@code heldBy}: only the requests this agent (account id)
 * holds; {@code unheld}: only those nobody holds.
 */
record QueueFilter(
        RequestStatus status,
        RequestType type,
        String jurisdiction,
        Boolean overdue,
        Instant dueBefore,
        Cursor after,
        int limit,
        @Nullable String heldBy,
        boolean unheld) {

    /** The query parameter {@code heldBy}: {@code me} (the caller) or {@code nobody}. */
    static QueueFilter held(QueueFilter filter, @Nullable String heldBy, String callerId) {
        if (heldBy == null) {
            return filter;
        }
        return switch (heldBy) {
            case "me" ->
                new QueueFilter(
                        filter.status,
                        filter.type,
                        filter.jurisdiction,
                        filter.overdue,
                        filter.dueBefore,
                        filter.after,
                        filter.limit,
                        callerId,
                        false);
            case "nobody" ->
                new QueueFilter(
                        filter.status,
                        filter.type,
                        filter.jurisdiction,
                        filter.overdue,
                        filter.dueBefore,
                        filter.after,
                        filter.limit,
                        null,
                        true);
            default -> throw ApiException.invalidField("heldBy", "must be me or nobody");
        };
    }

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    record Cursor(Instant dueAt, UUID id) {

        String encode() {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString((dueAt + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        /** A forged cursor's time must not reach PostgreSQL either (out of range there: a 500). */
        static Cursor decode(String text, Instant now) {
            try {
                var parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|");
                var cursor = new Cursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
                if (InstantRange.refusal(cursor.dueAt(), now) != null) {
                    throw new IllegalArgumentException("cursor time out of range");
                }
                return cursor;
            } catch (RuntimeException e) {
                throw ApiException.invalidField("after", "is not a cursor this API gave out");
            }
        }
    }

    static int limit(@Nullable Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw ApiException.invalidField("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return requested;
    }
}
