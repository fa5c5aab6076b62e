package dev.rightsplatform.worker.connector.collection;

import org.jspecify.annotations.Nullable;

/**
 * Marks a failure of the part's source (the downstream system or its database) as it travels through the upload,
 * so that it is told apart from a failure of the upload itself and judged by the connector that knows the source.
 */
final class PartFailure extends RuntimeException {

    PartFailure(Throwable cause) {
        super(cause.getClass().getSimpleName(), cause, false, false);
    }

    /** The part failure somewhere in the failure's causes, if any. */
    static @Nullable PartFailure in(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PartFailure partFailure) {
                return partFailure;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }

    static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
