package dev.rightsplatform.worker.task;

import dev.rightsplatform.worker.connector.Action;
import dev.rightsplatform.worker.connector.TaskRequest;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One unit of work for one downstream system, as rights-service sends it (TaskCommand in infra/asyncapi.yaml).
 * {@link #toString()} leaves the subject out: it is the one piece of personal data in the message.
 *
 * @param purpose the consent purpose of a WITHDRAW (required there); other actions ignore it
 */
public record TaskCommand(
        UUID taskId,
        UUID requestId,
        RequestType requestType,
        Action action,
        String systemId,
        Subject subject,
        @Nullable String purpose,
        @Nullable Instant dueAt,
        Instant issuedAt) {

    /** The kinds of request a task can belong to. */
    public enum RequestType {
        ACCESS,
        EXPORT,
        WITHDRAW_CONSENT,
        DEREGISTER
    }

    /** The person, named by their account id (the Keycloak subject). */
    public record Subject(String userId) {

        @Override
        public String toString() {
            return "Subject[userId=<redacted>]";
        }
    }

    TaskRequest toRequest() {
        return new TaskRequest(
                this.taskId,
                this.requestId,
                this.systemId,
                this.action,
                this.subject.userId(),
                this.issuedAt,
                this.dueAt,
                this.action == Action.WITHDRAW ? this.purpose : null);
    }

    @Override
    public String toString() {
        return "TaskCommand[taskId=" + taskId + ", requestId=" + requestId + ", requestType=" + requestType
                + ", action=" + action + ", systemId=" + systemId + (purpose != null ? ", purpose=" + purpose : "")
                + "]";
    }
}
