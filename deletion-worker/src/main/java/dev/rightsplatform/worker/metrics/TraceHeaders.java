package dev.rightsplatform.worker.metrics;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Writes the current trace context (W3C {@code traceparent}, and baggage) into an outgoing message's headers. The
 * worker publishes from a sending thread of its own (ConfirmedPublisher), where the task's trace is not current any
 * more, so the context is taken where the message is handed over.
 */
@Component
public class TraceHeaders {

    private final ObjectProvider<Tracer> tracer;

    private final ObjectProvider<Propagator> propagator;

    TraceHeaders(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    public void inject(MessageProperties properties) {
        Tracer tracing = this.tracer.getIfAvailable();
        Propagator propagation = this.propagator.getIfAvailable();
        if (tracing == null || propagation == null) {
            return;
        }
        var context = tracing.currentTraceContext().context();
        if (context != null) {
            propagation.inject(context, properties, MessageProperties::setHeader);
        }
    }
}
