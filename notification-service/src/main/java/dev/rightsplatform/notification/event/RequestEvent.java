package dev.rightsplatform.notification.event;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A lifecycle event of a rights request (infra/asyncapi.yaml, RequestEvent). It carries the recipient's e-mail
 * address, an agent's free-text reason and, for request.verification-code, a one-time code, so it lives only in
 * memory and in the message: never log it or store it.
 *
 * @param dueDate the due date as a local date in the person's jurisdiction, when the publisher gives it
 * @param reason an agent's reason, for request.refused and request.extended
 * @param systemId the downstream system the event is about (request.task-overdue, request.needs-attention), when it
 *     is about one
 * @param verification with request.verification-code, and only with it: the code and when it stops working
 * @param availableUntil with request.export-ready, and only with it: until when the archive can be downloaded
 * @param retention with request.completed: data systems keep under a legal hold, in the order the event lists it;
 *     empty when the event has none (absent, null or an empty list alike)
 * @param withoutAccount the request was submitted without a login and belongs to no account yet: the portal shows it
 *     at {@code /without-account/<requestId>} rather than among a signed-in person's requests
 * @param receiptPath with request.completed of a deregistration or a consent withdrawal, and only with it: the
 *     portal path of the request's signed receipt, {@code /receipts/<token>} (a link that works without signing in)
 * @param jurisdiction the jurisdiction whose law the request falls under (ISO 3166 code, e.g. {@code DE}, {@code CN},
 *     {@code US-CA}), when the publisher gives it: agents' alerts name it
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
        @Nullable VerificationCode verification,
        @Nullable OffsetDateTime availableUntil,
        List<Retention> retention,
        boolean withoutAccount,
        @Nullable String receiptPath,
        Recipient recipient,
        @Nullable String jurisdiction) {

    public RequestEvent {
        if ((type == EventType.VERIFICATION_CODE) != (verification != null)) {
            throw new IllegalArgumentException(
                    "a verification code comes with " + EventType.VERIFICATION_CODE.wireName() + " and only with it");
        }
        if ((type == EventType.EXPORT_READY) != (availableUntil != null)) {
            throw new IllegalArgumentException(
                    "availableUntil comes with " + EventType.EXPORT_READY.wireName() + " and only with it");
        }
        if (receiptPath != null && (type != EventType.COMPLETED || !requestType.hasReceipt())) {
            throw new IllegalArgumentException("a receipt path comes with " + EventType.COMPLETED.wireName()
                    + " of a request type that has a receipt, and only with it");
        }
        retention = List.copyOf(retention);
    }

    /** An event without a jurisdiction (the field is optional in the contract). */
    public RequestEvent(
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
            @Nullable VerificationCode verification,
            @Nullable OffsetDateTime availableUntil,
            List<Retention> retention,
            boolean withoutAccount,
            @Nullable String receiptPath,
            Recipient recipient) {
        this(
                eventId,
                type,
                requestId,
                requestType,
                status,
                occurredAt,
                dueAt,
                dueDate,
                reason,
                systemId,
                verification,
                availableUntil,
                retention,
                withoutAccount,
                receiptPath,
                recipient,
                null);
    }

    /**
     * What may appear nowhere but in the mail and, unlike an address, cannot be recognised by its shape: the
     * one-time code. Whatever describes a failure for the log or the delivery log blanks these out.
     */
    public List<String> secrets() {
        return verification == null ? List.of() : List.of(verification.code());
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
    public record Recipient(@Nullable String email, String locale) {}

    /**
     * A one-time code that proves the person controls the address the request names, and when it stops working.
     * Whoever has it can confirm the request: it appears in the mail and nowhere else, so {@link #toString()}
     * leaves it out.
     *
     * @param code six ASCII digits
     * @param expiresAt when the code stops working, in the offset the publisher gave
     */
    public record VerificationCode(String code, OffsetDateTime expiresAt) {

        private static final Pattern SIX_DIGITS = Pattern.compile("[0-9]{6}");

        public VerificationCode {
            if (!SIX_DIGITS.matcher(code).matches()) {
                throw new IllegalArgumentException("a verification code is six digits");
            }
        }

        @Override
        public String toString() {
            return "VerificationCode[code=(not shown), expiresAt=" + expiresAt + "]";
        }
    }

    /**
     * Data a downstream system keeps after the request under a legal hold (PIPL Art. 47): it is only stored and
     * secured, processed in no other way, and deleted after {@code until}. The person must be told of it.
     *
     * @param category what is kept, e.g. "invoices"
     * @param basis the law that requires keeping it, e.g. "PRC Accounting Archives Measures Art. 14"
     * @param until the last day it is kept
     */
    public record Retention(String category, String basis, LocalDate until) {}
}
