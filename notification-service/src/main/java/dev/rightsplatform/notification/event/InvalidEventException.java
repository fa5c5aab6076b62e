package dev.rightsplatform.notification.event;

/**
 * Thrown for a message that is not a RequestEvent as the contract describes it. The message names the field and
 * the rule, never the value, because values may be personal data.
 */
public class InvalidEventException extends RuntimeException {

    InvalidEventException(String reason) {
        super(reason);
    }
}
