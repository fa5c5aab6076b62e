package dev.rightsplatform.worker.connector;

import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Mono;

/**
 * Authenticates and reads a report a system posts to the worker about a task it accepted earlier. It checks the
 * signature over the raw body before it parses anything, so an unauthenticated body is never interpreted.
 */
public interface CallbackReader {

    /**
     * Whether the system reports on the shared route {@code /callbacks/<systemId>/<taskId>} (http) rather than on a
     * route of its type, {@code /callbacks/opendsr/<systemId>/<taskId>} (OpenDSR). Either path names the task.
     */
    boolean taskIdInPath();

    /** Reads one callback; pathTaskId is the task id of the callback's path, which the report must be about. */
    Mono<CallbackReport> read(@Nullable UUID pathTaskId, HttpHeaders headers, byte[] body);

    /** What a callback said, or why it is refused. */
    sealed interface CallbackReport {

        /** The task is finished: outcome is Done or Rejected. */
        record Settled(UUID taskId, ConnectorOutcome outcome) implements CallbackReport {}

        /** The system reports progress only; nothing changes. */
        record Progress(UUID taskId) implements CallbackReport {}

        /** Not signed by the system, or signed too long ago: answered 401. */
        record Unauthenticated(String reason) implements CallbackReport {}

        /** Signed, but not a report the worker can read: answered 400. */
        record Unreadable(String reason) implements CallbackReport {}
    }
}
