package dev.rightsplatform.worker.connector;

import java.time.Duration;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * Carries out tasks in one downstream system. A connector never throws for a failure of the system: it answers
 * with an outcome that says whether trying again can help. Implementations must be idempotent by taskId, since a
 * task can reach the system more than once (a crash between the call and recording its outcome). An action a
 * type cannot do keeps its default here, which refuses it with a clear reason.
 */
public interface Connector extends AutoCloseable {

    /** The connector type (http, sql, keycloak, opendsr), for messages. */
    String type();

    /** May the account be closed now? Done, Blocked with the system's reason, or a failure. */
    default Mono<ConnectorOutcome> precheck(TaskRequest request) {
        return unsupported(request);
    }

    /** Suspends the account and ends its sessions. */
    default Mono<ConnectorOutcome> disable(TaskRequest request) {
        return unsupported(request);
    }

    /** Undoes {@link #disable}. */
    default Mono<ConnectorOutcome> enable(TaskRequest request) {
        return unsupported(request);
    }

    /** Erases everything the system holds about the subject, keeping only what a law requires. */
    Mono<ConnectorOutcome> erase(TaskRequest request);

    /**
     * Fetches everything the system holds about the subject and uploads it to rights-service as one part document
     * ({@code {"categories":{"<category>":[{record}, ...]}}}), streamed: a part never sits whole in memory.
     */
    default Mono<ConnectorOutcome> collect(TaskRequest request) {
        return unsupported(request);
    }

    /** Stops processing the subject's data for {@link TaskRequest#purpose()}: consent was withdrawn. */
    default Mono<ConnectorOutcome> withdraw(TaskRequest request) {
        return unsupported(request);
    }

    /** Asks the system how a task it accepted earlier (see {@link ConnectorOutcome.Waiting}) stands. */
    default Mono<ConnectorOutcome> checkStatus(TaskRequest request, String systemReference) {
        return Mono.just(new ConnectorOutcome.Rejected(
                "system " + request.systemId() + " (type " + type() + ") cannot be asked for the status of a task"));
    }

    /** Reads the reports the system sends to the worker's callback endpoint, if it sends any. */
    default Optional<CallbackReader> callbacks() {
        return Optional.empty();
    }

    /** How long after a Waiting outcome the system is asked again; empty when it never is (callbacks only). */
    default Optional<Duration> statusInterval() {
        return Optional.empty();
    }

    /** The longest one call can take; a task's lease must outlast it. */
    Duration timeout();

    default Mono<ConnectorOutcome> carryOut(TaskRequest request) {
        return switch (request.action()) {
            case PRECHECK -> precheck(request);
            case DISABLE -> disable(request);
            case ENABLE -> enable(request);
            case ERASE -> erase(request);
            case COLLECT -> collect(request);
            case WITHDRAW -> withdraw(request);
        };
    }

    private Mono<ConnectorOutcome> unsupported(TaskRequest request) {
        return Mono.just(new ConnectorOutcome.Rejected(
                "system " + request.systemId() + " (type " + type() + ") does not support " + request.action()));
    }

    /** Releases clients and connections; connectors without any keep this default. */
    @Override
    default void close() {}
}
