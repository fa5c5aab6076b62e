package dev.rightsplatform.rights.lifecycle;

import dev.rightsplatform.rights.outbox.TraceParents;
import dev.rightsplatform.rights.task.Task;
import dev.rightsplatform.rights.task.TaskStore;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.observation.transport.ReceiverContext;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * Keeps a request's work in the trace it was submitted in. A command that arrives without a trace of its own — a
 * scheduler's: the end of the cooling-off, an expired verification, a deadline alert, a late task, a built export —
 * runs in a span that continues the {@code traceparent} stored with the request ({@link RequestStore#insert}), so the
 * outbox rows it writes, and the messages, tasks and mails that follow them, stay in that trace. A command that has a
 * trace (an HTTP call, a task result from RabbitMQ) keeps it.
 */
@Component
class RequestTraces {

    /** The span's name; a timer of the same name counts resumed commands by {@code command}. */
    static final String RESUMED = "rights.request.resumed";

    private final TraceParents traceParents;
    private final ObjectProvider<ObservationRegistry> observations;
    private final RequestStore requests;
    private final TaskStore tasks;

    RequestTraces(
            TraceParents traceParents,
            ObjectProvider<ObservationRegistry> observations,
            RequestStore requests,
            TaskStore tasks) {
        this.traceParents = traceParents;
        this.observations = observations;
        this.requests = requests;
        this.tasks = tasks;
    }

    /** {@code work}, in a child span of the request's stored trace if it runs outside any trace. */
    Mono<RightsRequest> continued(LifecycleCommand command, Mono<RightsRequest> work) {
        return Mono.deferContextual(context -> {
            var registry = observations.getIfAvailable(() -> ObservationRegistry.NOOP);
            if (registry.isNoop() || traced(context)) {
                return work;
            }
            return storedTraceparent(command)
                    .map(Optional::of)
                    .defaultIfEmpty(Optional.empty())
                    .flatMap(stored -> stored.map(traceparent -> inChildSpan(registry, traceparent, command, work))
                            .orElse(work));
        });
    }

    private boolean traced(ContextView context) {
        return traceParents.current() != null
                || context.<Observation>getOrEmpty(ObservationThreadLocalAccessor.KEY)
                        .filter(observation -> !observation.isNoop())
                        .isPresent();
    }

    /** Only commands about a stored request can continue its trace; a submission has none yet. */
    private Mono<String> storedTraceparent(LifecycleCommand command) {
        var requestId = requestOf(command);
        if (requestId != null) {
            return requests.traceparent(requestId);
        }
        if (command instanceof LifecycleCommand.EscalateLateTask late) {
            return tasks.find(late.taskId()).map(Task::requestId).flatMap(requests::traceparent);
        }
        return Mono.empty();
    }

    private static @Nullable UUID requestOf(LifecycleCommand command) {
        if (command instanceof LifecycleCommand.EndCoolingOff end) {
            return end.requestId();
        }
        if (command instanceof LifecycleCommand.ExpireUnverified expire) {
            return expire.requestId();
        }
        if (command instanceof LifecycleCommand.RaiseDeadlineAlert alert) {
            return alert.requestId();
        }
        if (command instanceof LifecycleCommand.ArchiveReady ready) {
            return ready.requestId();
        }
        if (command instanceof LifecycleCommand.RecomputeDeadline recompute) {
            return recompute.requestId();
        }
        // the rest come from a person, an agent or a partner over HTTP, or from RabbitMQ, and carry their own trace
        // when traced at all; a submission and a task result name no stored request's trace to continue
        return null;
    }

    /**
     * Runs {@code work} in a span whose parent is {@code traceparent}: a receiver observation, whose tracing handler
     * extracts the parent from its carrier as a message listener's does; opened before the work subscribes, so every
     * thread the work runs on sees it as the current span (context propagation), the outbox's included.
     */
    private static Mono<RightsRequest> inChildSpan(
            ObservationRegistry registry, String traceparent, LifecycleCommand command, Mono<RightsRequest> work) {
        return Mono.defer(() -> {
            var context = new ReceiverContext<Map<String, String>>((carrier, key) -> carrier.get(key));
            context.setCarrier(Map.of(TraceParents.HEADER, traceparent));
            var observation = Observation.createNotStarted(RESUMED, () -> context, registry)
                    .contextualName("resume request")
                    .lowCardinalityKeyValue("command", command.getClass().getSimpleName())
                    .start();
            return work.doOnError(observation::error)
                    .doFinally(signal -> observation.stop())
                    .contextWrite(reactor -> reactor.put(ObservationThreadLocalAccessor.KEY, observation));
        });
    }
}
