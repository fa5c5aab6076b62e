package dev.rightsplatform.worker.execution;

import dev.rightsplatform.worker.connector.Collected;
import dev.rightsplatform.worker.connector.Proof;
import dev.rightsplatform.worker.connector.Retention;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How a task ended, as the ledger records it and the TaskResult reports it.
 *
 * @param collected what a COLLECT uploaded (rights-service's acknowledgement); null for other actions
 */
public record FinalOutcome(
        ExecutionStatus status,
        @Nullable String detail,
        @Nullable String systemReference,
        @Nullable Proof proof,
        List<Retention> retention,
        @Nullable Collected collected) {

    public FinalOutcome {
        if (!status.isFinal()) {
            throw new IllegalArgumentException(status + " is not a final status");
        }
        retention = List.copyOf(retention);
    }

    public FinalOutcome(
            ExecutionStatus status,
            @Nullable String detail,
            @Nullable String systemReference,
            @Nullable Proof proof,
            List<Retention> retention) {
        this(status, detail, systemReference, proof, retention, null);
    }

    public static FinalOutcome of(ExecutionStatus status, @Nullable String detail) {
        return new FinalOutcome(status, detail, null, null, List.of());
    }
}
