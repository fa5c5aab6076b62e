package dev.rightsplatform.rights.lifecycle;

import dev.rightsplatform.rights.type.RequestType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The RequestEvent message of infra/asyncapi.yaml. It carries the address and language to tell the person in, and
 * nothing else about them; {@code reason} is an agent's reason for a refusal or an extension. {@code withoutAccount}:
 * the request was submitted without a login and belongs to no account yet (the portal shows it at
 * {@code /without-account/<requestId>}, not among a signed-in person's requests). {@code receiptPath}: with
 * request.completed of a deregistration or a consent withdrawal, the portal page of its signed receipt,
 * {@code /receipts/<token>}, which works without signing in. {@code jurisdiction}: the ISO 3166 code of the law the
 * request falls under, which agents' alerts name. {@code systemId}: the system a late-task or needs-attention event is
 * about.
 */
record RequestEvent(
        UUID eventId,
        String type,
        UUID requestId,
        RequestType requestType,
        RequestStatus status,
        Instant occurredAt,
        @Nullable Instant dueAt,
        @Nullable LocalDate dueDate,
        @Nullable String reason,
        @Nullable String systemId,
        @Nullable List<Retained> retention,
        @Nullable String code,
        @Nullable Instant codeExpiresAt,
        @Nullable Instant availableUntil,
        boolean withoutAccount,
        @Nullable String receiptPath,
        @Nullable Recipient recipient,
        @Nullable String jurisdiction) {

    /** Data a system keeps under a law: what, why, until when (told to the person, PIPL Art. 47). */
    record Retained(String category, String basis, @Nullable LocalDate until) {}

    record Recipient(@Nullable String email, @Nullable String locale) {}
}
