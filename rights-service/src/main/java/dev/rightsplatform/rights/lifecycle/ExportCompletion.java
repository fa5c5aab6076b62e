package dev.rightsplatform.rights.lifecycle;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * For the delivery package, which builds export archives: the BUILD_EXPORT step is complete
 * ({@link LifecycleCommand.ArchiveReady}), in the caller's transaction. A request that is no longer in progress
 * (cancelled meanwhile) is left as it is: the caller then deletes the archive.
 */
@Component
public class ExportCompletion {

    private final RequestLifecycle lifecycle;

    ExportCompletion(RequestLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    /** Emits true when the request was completed now, false when it was not in progress any more. */
    public Mono<Boolean> archiveReady(UUID requestId, Instant availableUntil, Map<String, ?> auditDetail) {
        return lifecycle
                .handle(new LifecycleCommand.ArchiveReady(requestId, availableUntil, auditDetail))
                .map(completed -> true)
                .defaultIfEmpty(false);
    }
}
