package dev.rightsplatform.worker.task;

import dev.rightsplatform.worker.connector.Action;
import dev.rightsplatform.worker.connector.SystemsProperties;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.amqp.core.Message;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a TaskCommand from a message and checks what the contract requires. Reasons it gives name fields, never
 * values: a value could be the subject's account id, and reasons end up in logs.
 */
@Component
class TaskCommandReader {

    static final String MESSAGE_TYPE = "TaskCommand";

    /** The purpose pattern of the message contract (TaskCommand.purpose in infra/asyncapi.yaml). */
    static final Pattern PURPOSE = Pattern.compile("^[a-z0-9][a-z0-9-]{0,62}$");

    private final JsonMapper json;

    TaskCommandReader(JsonMapper json) {
        this.json = json;
    }

    TaskCommand read(Message message) {
        String type = message.getMessageProperties().getType();
        if (type != null && !MESSAGE_TYPE.equals(type)) {
            throw new MalformedTaskException("message type is '" + type + "', not " + MESSAGE_TYPE);
        }
        TaskCommand task;
        try {
            task = this.json.readValue(message.getBody(), TaskCommand.class);
        } catch (JacksonException ex) {
            throw new MalformedTaskException(
                    "body is not a TaskCommand (" + ex.getClass().getSimpleName() + " at '" + path(ex) + "')");
        }
        requireFields(task);
        return task;
    }

    private static void requireFields(TaskCommand task) {
        require(task.taskId() != null, "taskId");
        require(task.requestId() != null, "requestId");
        require(task.requestType() != null, "requestType");
        require(task.action() != null, "action");
        require(task.systemId() != null, "systemId");
        require(task.subject() != null && task.subject().userId() != null, "subject.userId");
        require(task.issuedAt() != null, "issuedAt");
        if (!SystemsProperties.SYSTEM_ID.matcher(task.systemId()).matches()) {
            throw new MalformedTaskException("systemId does not match " + SystemsProperties.SYSTEM_ID.pattern());
        }
        if (task.subject().userId().isBlank()) {
            throw new MalformedTaskException("subject.userId is blank");
        }
        if (task.action() == Action.WITHDRAW) {
            // Without its purpose a withdrawal cannot say what to stop; guessing could stop too much or too little.
            require(task.purpose() != null, "purpose (required for WITHDRAW)");
            if (!PURPOSE.matcher(task.purpose()).matches()) {
                throw new MalformedTaskException("purpose does not match " + PURPOSE.pattern());
            }
        }
    }

    private static void require(boolean present, String field) {
        if (!present) {
            throw new MalformedTaskException(field + " is missing");
        }
    }

    private static String path(JacksonException ex) {
        return ex.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}
