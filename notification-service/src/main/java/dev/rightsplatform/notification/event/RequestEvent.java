package dev.rightsplatform.notification.event;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A lifecycle event of a rights request (infra/asyncapi.yaml, RequestEvent). It carries the recipient's e-mail
 * address, so it lives only in memory and in the message: never log it or store it.
 */
public record RequestEvent(
        UUID eventId,
        EventType type,
        UUID requestId,
        RequestType requestType,
        String status,
        OffsetDateTime occurredAt,
        @Nullable OffsetDateTime dueAt,
        Recipient recipient) {

    /** Who to tell: an e-mail address (absent when the person gave none) and the language to write in. */
    public record Recipient(@Nullable String email, String locale) {
    }

}
