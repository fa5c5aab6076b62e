package dev.rightsplatform.notification.event;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A lifecycle event of a rights request (infra/asyncapi.yaml, RequestEvent). It carries the recipient's e-mail
 * address and an agent's free-text reason, so it lives only in memory and in the message: never log it or store it.
 *
 * @param dueDate the due date as a local date in the person's jurisdiction, when the publisher gives it
 * @param reason an agent's reason, for request.refused and request.extended
 */
public record RequestEvent(
        UUID eventId,
        EventType type,
        UUID requestId,
        RequestType requestType,
        String status,
        OffsetDateTime occurredAt,
        @Nullable OffsetDateTime dueAt,
        @Nullable LocalDate dueDate,
        @Nullable String reason,
        Recipient recipient) {

    /**
     * The day the request is due, as the person should read it. {@code dueDate} is the legally relevant local date
     * in their jurisdiction; an instant alone may fall on another calendar day in UTC, so {@code dueAt} is only the
     * fallback, taken as the date in the offset it was published with. Null when neither is known.
     */
    public @Nullable LocalDate dueDay() {
        if (dueDate != null) {
            return dueDate;
        }
        return dueAt == null ? null : dueAt.toLocalDate();
    }

    /** Who to tell: an e-mail address (absent when the person gave none) and the language to write in. */
    public record Recipient(@Nullable String email, String locale) {
    }

}
