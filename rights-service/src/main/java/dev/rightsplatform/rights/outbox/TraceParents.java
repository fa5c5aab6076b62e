package dev.rightsplatform.rights.outbox;

import io.micrometer.tracing.Tracer;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The W3C {@code traceparent} of the current span ({@code 00-<trace id>-<span id>-<flags>}), or null when nothing is
 * traced. The outbox stores it beside each message, since the relay publishes later, outside the request's trace;
 * the lifecycle stores it with each new request, so that what a scheduler does to the request later continues it.
 * The current span is a thread local: inside a reactive chain, ask within
 * {@link dev.rightsplatform.observability.ContextThreadLocals} (context propagation is "limited").
 */
@Component
public class TraceParents {

    /** The header (AMQP, HTTP) and carrier key that holds it. */
    public static final String HEADER = "traceparent";

    private final ObjectProvider<Tracer> tracer;

    TraceParents(ObjectProvider<Tracer> tracer) {
        this.tracer = tracer;
    }

    @Nullable
    public String current() {
        var tracing = tracer.getIfAvailable();
        if (tracing == null) {
            return null;
        }
        var context = tracing.currentTraceContext().context();
        if (context == null || context.traceId() == null || context.spanId() == null) {
            return null;
        }
        return "00-" + context.traceId() + "-" + context.spanId() + "-"
                + (Boolean.TRUE.equals(context.sampled()) ? "01" : "00");
    }
}
