package dev.rightsplatform.observability;

import io.micrometer.context.ContextSnapshotFactory;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SynchronousSink;
import reactor.util.context.ContextView;

/**
 * The thread locals of a reactive call — its current observation and span (so the trace and span ids of log lines,
 * and the trace context a message carries on), and the request id in the MDC — set from its Reactor context, for
 * the few places that read them.
 *
 * <p>Every service runs Reactor with {@code spring.reactor.context-propagation: limited}: Reactor does not restore
 * thread locals around every operator, as {@code auto} does. Under load that restoring cost rights-service 13 to 18 %
 * of its CPU (infra/jvm/README.md, "Memory under load"), on every operator of every call, although only a handful
 * of places read them. Those places ask for them here: code that writes a log line a person may want to
 * follow to its trace, takes the current trace context into a stored row or a message, or opens a child
 * observation on a thread of its own. The rest of the chain never pays for them. Observations made by Spring itself
 * (an HTTP call's server span, WebClient's client spans) take their parent from the Reactor context, not from thread
 * locals, so they need nothing.
 */
public final class ContextThreadLocals {

    private static final ContextSnapshotFactory SNAPSHOTS =
            ContextSnapshotFactory.builder().build();

    private ContextThreadLocals() {}

    /**
     * {@link Mono#defer}, with the subscriber's thread locals set while {@code supplier} runs (only then: not while
     * the Mono it returns runs, which may be on other threads).
     */
    public static <T> Mono<T> defer(Supplier<? extends Mono<? extends T>> supplier) {
        return Mono.deferContextual(context -> {
            try (var scope = SNAPSHOTS.setThreadLocalsFrom(context)) {
                return supplier.get();
            }
        });
    }

    /** Runs {@code action} (a log line, code that reads the current span) with {@code context}'s thread locals. */
    public static void run(ContextView context, Runnable action) {
        try (var scope = SNAPSHOTS.setThreadLocalsFrom(context)) {
            action.run();
        }
    }

    /**
     * For {@code handle}: does {@code action} on each value and passes it on. Reactor sets the thread locals of the
     * subscriber's context around {@code handle} itself (the operator that "limited" restores them in), so a log line
     * written in {@code action} carries the call's trace and request ids, where {@code doOnNext} would not.
     */
    public static <T> BiConsumer<T, SynchronousSink<T>> peek(Consumer<? super T> action) {
        return (value, sink) -> {
            action.accept(value);
            sink.next(value);
        };
    }
}
