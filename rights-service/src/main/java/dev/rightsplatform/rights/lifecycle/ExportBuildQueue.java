package dev.rightsplatform.rights.lifecycle;

import java.util.UUID;
import reactor.core.publisher.Mono;

/**
 * Where an export goes once every system has delivered its part: its archive is built outside the transaction that
 * recorded the last answer (it can take minutes), and {@link ExportCompletion} completes the request afterwards.
 * Implemented by the delivery package, so that the request lifecycle does not depend on how archives are made.
 */
public interface ExportBuildQueue {

    /** Queues the build, in the caller's transaction; queuing twice is harmless. */
    Mono<Void> queue(UUID requestId);
}
