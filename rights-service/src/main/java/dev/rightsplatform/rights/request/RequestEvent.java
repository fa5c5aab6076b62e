package dev.rightsplatform.rights.request;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The RequestEvent message of infra/asyncapi.yaml. It carries the address and language to tell the person in, and
 * nothing else about them; {@code reason} is an agent's reason for a refusal or an extension.
 */
record RequestEvent(UUID eventId, String type, UUID requestId, RequestType requestType, RequestStatus status,
                    Instant occurredAt, Instant dueAt, LocalDate dueDate, String reason, Recipient recipient) {

    record Recipient(String email, String locale) {
    }
}
