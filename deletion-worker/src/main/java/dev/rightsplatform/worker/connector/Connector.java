package dev.rightsplatform.worker.connector;

import java.time.Duration;

import reactor.core.publisher.Mono;

/**
 * Carries out tasks in one downstream system. A connector never throws for a failure of the system: it answers
 * with an outcome that says whether trying again can help. Implementations must be idempotent by taskId, since a
 * task can reach the system more than once (a crash between the call and recording its outcome).
 */
public interface Connector extends AutoCloseable {

    /** Erases everything the system holds about the subject. */
    Mono<ConnectorOutcome> erase(ErasureRequest request);

    /** The longest one call can take; a task's lease must outlast it. */
    Duration timeout();

    /** Releases clients and connections; connectors without any keep this default. */
    @Override
    default void close() {
    }
}
