package dev.rightsplatform.notification.event;

import java.util.Arrays;
import java.util.Optional;

/**
 * The lifecycle events this service reacts to, by their wire name (the RequestEvent "type" and the routing key).
 * A new kind of event is a new constant here plus its templates under {@code mail/<locale>/}.
 */
public enum EventType {

    RECEIVED("request.received", "request-received"),
    COMPLETED("request.completed", "request-completed");

    private final String wireName;

    private final String template;

    EventType(String wireName, String template) {
        this.wireName = wireName;
        this.template = template;
    }

    public String wireName() {
        return wireName;
    }

    /** The name of the template files that tell the person about this event. */
    public String template() {
        return template;
    }

    static Optional<EventType> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(wireName)).findFirst();
    }

}
