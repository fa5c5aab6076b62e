package dev.rightsplatform.rights.delivery.collection;

/**
 * An uploaded part is not a part document ({@code {"categories": {"<name>": [ {record}, ... ]}}}); the caller answers
 * {@code 400}. The message says what is wrong and where, never what the part contains.
 */
class InvalidPartException extends RuntimeException {

    public InvalidPartException(String message) {
        super(message);
    }

    public InvalidPartException(String message, Throwable cause) {
        super(message, cause);
    }
}
