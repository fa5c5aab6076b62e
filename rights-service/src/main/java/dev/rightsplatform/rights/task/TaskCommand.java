package dev.rightsplatform.rights.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * The TaskCommand message of infra/asyncapi.yaml: one unit of work for one downstream system. {@code purpose}: the
 * consent purpose of a WITHDRAW, left out of every other command (the contract says absent).
 */
record TaskCommand(
        UUID taskId,
        UUID requestId,
        String requestType,
        TaskAction action,
        String systemId,
        Subject subject,
        Instant dueAt,
        Instant issuedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String purpose) {

    /** The person, named only by account id: the worker needs nothing more to find their data. */
    record Subject(String userId) {}
}
