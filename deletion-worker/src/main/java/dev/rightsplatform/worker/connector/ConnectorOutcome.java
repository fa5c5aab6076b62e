package dev.rightsplatform.worker.connector;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How a call to a downstream system ended. Reasons and details end up in logs and in the TaskResult, so they must
 * never carry personal data: connectors build them from status codes and exception types. The exceptions are the
 * words a system chose for the person (a PRECHECK's reason, a callback's detail), which systems must keep free of
 * personal data.
 */
public sealed interface ConnectorOutcome {

    /**
     * The system did it (or had already done it).
     *
     * @param systemReference the system's own id for what it did
     * @param proof what an ERASE did, as counts; null when the system reported none
     * @param retention what the system keeps under a legal hold; empty when nothing
     * @param collected what a COLLECT uploaded, as rights-service acknowledged it; null for every other action
     */
    record Done(
            @Nullable String detail,
            @Nullable String systemReference,
            @Nullable Proof proof,
            List<Retention> retention,
            @Nullable Collected collected)
            implements ConnectorOutcome {

        public Done {
            retention = List.copyOf(retention);
        }

        public Done(
                @Nullable String detail,
                @Nullable String systemReference,
                @Nullable Proof proof,
                List<Retention> retention) {
            this(detail, systemReference, proof, retention, null);
        }

        public Done(@Nullable String detail, @Nullable String systemReference) {
            this(detail, systemReference, null, List.of(), null);
        }

        /** A COLLECT whose part rights-service stored. */
        public static Done collected(String detail, Collected collected) {
            return new Done(detail, null, null, List.of(), collected);
        }
    }

    /** A PRECHECK found the account cannot be closed yet; the reason is for the person to read. */
    record Blocked(String reason) implements ConnectorOutcome {}

    /**
     * The system took the task and will report later (a callback), or is to be asked again after checkAgainIn.
     *
     * @param systemReference the system's id for the task, kept to match its report
     * @param checkAgainIn when to ask the system for the status; null when only a callback (or the due time) ends it
     */
    record Waiting(
            @Nullable String systemReference,
            String detail,
            @Nullable Duration checkAgainIn) implements ConnectorOutcome {}

    /** It failed in a way that may pass later (unavailable, overloaded, timed out, unreachable). */
    record Retryable(String reason) implements ConnectorOutcome {}

    /** It failed in a way that trying again cannot fix (the system refused, or cannot do this action). */
    record Rejected(String reason) implements ConnectorOutcome {}
}
