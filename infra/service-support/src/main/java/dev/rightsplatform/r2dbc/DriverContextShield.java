package dev.rightsplatform.r2dbc;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import io.r2dbc.spi.ConnectionFactory;
import org.reactivestreams.Publisher;
import org.springframework.boot.r2dbc.ConnectionFactoryDecorator;
import reactor.core.publisher.Flux;
import reactor.util.context.Context;

/**
 * Keeps the caller's thread-local values (the current observation and span, the MDC) out of the database driver.
 * Reactor restores them around every {@code handle} operator, even with context propagation {@code limited}, and the
 * PostgreSQL driver runs each message it receives through {@code handle}: every row, every "command complete" opened
 * and closed the request's observation scope, its span and its MDC entries, for code that reads none of them. Under
 * the deregistration benchmark that was a tenth of rights-service's CPU (JFR, 2026-12-07; infra/jvm/README.md).
 *
 * <p>Every publisher the driver returns is subscribed with those values removed from the Reactor context; everything
 * else in it (Spring's transaction, a discard hook) stays. What the services see is unchanged: Spring's {@code
 * DatabaseClient} and the transaction manager sit above this shield and keep the full context, and the code after a
 * database call runs in the caller's chain as before. There are no R2DBC spans to lose (no r2dbc-proxy).
 */
public final class DriverContextShield implements ConnectionFactoryDecorator {

    /** The registry the services' accessors are in (Micrometer's global one: observation, span, MDC). */
    private final ContextRegistry registry = ContextRegistry.getInstance();

    @Override
    public ConnectionFactory decorate(ConnectionFactory connectionFactory) {
        return new ShieldedConnectionFactory(connectionFactory, this);
    }

    /** The driver's publisher, subscribed without the thread-local values of the subscriber's context. */
    <T> Flux<T> shield(Publisher<T> driverPublisher) {
        return Flux.from(driverPublisher).contextWrite(this::withoutThreadLocalValues);
    }

    Context withoutThreadLocalValues(Context context) {
        Context shielded = context;
        // read at every subscription: accessors registered after start-up count too
        for (ThreadLocalAccessor<?> accessor : registry.getThreadLocalAccessors()) {
            if (shielded.hasKey(accessor.key())) {
                shielded = shielded.delete(accessor.key());
            }
        }
        return shielded;
    }
}
