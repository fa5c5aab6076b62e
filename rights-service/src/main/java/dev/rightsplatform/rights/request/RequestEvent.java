package dev.rightsplatform.rights.request;

import java.time.Instant;
import java.util.UUID;

/**
 * The RequestEvent message of infra/asyncapi.yaml. It carries the address and language to tell the person in, and
 * nothing else about them.
 */
record RequestEvent(UUID eventId, String type, UUID requestId, RequestType requestType, RequestStatus status,
                    Instant occurredAt, Instant dueAt, Recipient recipient) {

    static final String RECEIVED = "request.received";
    static final String COMPLETED = "request.completed";

    record Recipient(String email, String locale) {
    }
}
