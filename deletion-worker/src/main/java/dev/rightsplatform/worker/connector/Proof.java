package dev.rightsplatform.worker.connector;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * What an ERASE did, as counts (TaskResult.proof): the proof that remains, holding none of the erased data. A count
 * the system did not report is left out rather than guessed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Proof(
        @Nullable Integer deleted,
        @Nullable Integer anonymised,
        @Nullable Integer retained) {

    public static Proof deleted(int count) {
        return new Proof(count, null, null);
    }

    /** The proof, or null when the system reported no count at all. */
    public static @Nullable Proof ofNullable(
            @Nullable Integer deleted, @Nullable Integer anonymised, @Nullable Integer retained) {
        return (deleted == null && anonymised == null && retained == null)
                ? null
                : new Proof(deleted, anonymised, retained);
    }
}
