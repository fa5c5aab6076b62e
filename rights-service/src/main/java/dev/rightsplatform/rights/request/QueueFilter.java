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
 * of the last row of the previous page, opaque to the client.
 */
record QueueFilter(
        RequestStatus status,
        RequestType type,
        String jurisdiction,
        Boolean overdue,
        Instant dueBefore,
        Cursor after,
        int limit) {

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
