package dev.rightsplatform.worker.connector;

import org.jspecify.annotations.Nullable;

/**
 * How a call to a downstream system ended. Reasons and details end up in logs and in the TaskResult, so they must
 * never carry personal data: connectors build them from status codes and exception types, never from bodies.
 */
public sealed interface ConnectorOutcome {

    /** The system did it (or had already done it); systemReference is the system's own id for what it did. */
    record Done(@Nullable String detail, @Nullable String systemReference) implements ConnectorOutcome {
    }

    /** It failed in a way that may pass later (unavailable, overloaded, timed out, unreachable). */
    record Retryable(String reason) implements ConnectorOutcome {
    }

    /** It failed in a way that trying again cannot fix (the system refused the request). */
    record Rejected(String reason) implements ConnectorOutcome {
    }
}
