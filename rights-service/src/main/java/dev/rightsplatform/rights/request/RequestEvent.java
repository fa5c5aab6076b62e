package dev.rightsplatform.rights.request;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The RequestEvent message of infra/asyncapi.yaml. It carries the address and language to tell the person in, and
 * nothing else about them; {@code reason} is an agent's reason for a refusal or an extension.
 */
record RequestEvent(UUID eventId, String type, UUID requestId, RequestType requestType, RequestStatus status,
                    Instant occurredAt, Instant dueAt, LocalDate dueDate, String reason, String systemId,
                    List<Retained> retention, String code, Instant codeExpiresAt, Instant availableUntil,
                    Recipient recipient) {

    /** Data a system keeps under a law: what, why, until when (told to the person, PIPL Art. 47). */
    record Retained(String category, String basis, LocalDate until) {
    }


    record Recipient(String email, String locale) {
    }
}
