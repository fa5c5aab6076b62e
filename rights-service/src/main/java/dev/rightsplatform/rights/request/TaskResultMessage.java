package dev.rightsplatform.rights.request;

import java.time.Instant;
import java.util.UUID;

/** The TaskResult message of infra/asyncapi.yaml: a downstream system's final answer to one task. */
record TaskResultMessage(UUID taskId, UUID requestId, String systemId, String action, Outcome outcome, String detail,
                         String systemReference, Integer attempts, Instant completedAt) {

    enum Outcome { DONE, FAILED }

    TaskResultMessage {
        if (taskId == null || requestId == null || systemId == null || action == null || outcome == null
                || completedAt == null) {
            throw new IllegalArgumentException("TaskResult lacks a required field");
        }
    }
}
