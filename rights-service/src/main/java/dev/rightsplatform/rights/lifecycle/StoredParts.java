package dev.rightsplatform.rights.lifecycle;

import java.util.UUID;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Whether the part a COLLECT task reported is stored as reported (same task, same SHA-256): a task reported done whose
 * data did not arrive fails. Implemented by the delivery feature, as {@link ExportBuildQueue} is, so that the request
 * lifecycle does not depend on how collected data is kept.
 */
public interface StoredParts {

    /** Emits true when the task's part is stored with this checksum and not deleted; false for a null checksum. */
    Mono<Boolean> isStored(UUID taskId, @Nullable String sha256);
}
