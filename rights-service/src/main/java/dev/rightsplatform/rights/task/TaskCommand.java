package dev.rightsplatform.rights.task;

import java.time.Instant;
import java.util.UUID;

/** The TaskCommand message of infra/asyncapi.yaml: one unit of work for one downstream system. */
record TaskCommand(UUID taskId, UUID requestId, String requestType, String action, String systemId, Subject subject,
                   Instant dueAt, Instant issuedAt) {

    /** The person, named only by account id: the worker needs nothing more to find their data. */
    record Subject(String userId) {
    }
}
