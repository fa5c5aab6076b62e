package dev.rightsplatform.notification.event;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A lifecycle event of a rights request (infra/asyncapi.yaml, RequestEvent). It carries the recipient's e-mail
 * address and an agent's free-text reason, so it lives only in memory and in the message: never log it or store it.
 *
 * @param dueDate the due date as a local date in the person's jurisdiction, when the publisher gives it
 * @param reason an agent's reason, for request.refused and request.extended
 * @param systemId the downstream system the event is about (request.task-overdue), when it is about one
 * @param retention with request.completed: data systems keep under a legal hold, in the order the event lists it;
 *     empty when the event has none (absent, null or an empty list alike)
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
        @Nullable String systemId,
        List<Retention> retention,
        Recipient recipient) {

    public RequestEvent {
        retention = List.copyOf(retention);
    }

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

    /**
     * Data a downstream system keeps after the request under a legal hold (PIPL Art. 47): it is only stored and
     * secured, processed in no other way, and deleted after {@code until}. The person must be told of it.
     *
     * @param category what is kept, e.g. "invoices"
     * @param basis the law that requires keeping it, e.g. "PRC Accounting Archives Measures Art. 14"
     * @param until the last day it is kept
     */
    public record Retention(String category, String basis, LocalDate until) {
    }

}
