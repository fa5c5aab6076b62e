package dev.rightsplatform.r2dbc;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.Wrapped;
import org.reactivestreams.Publisher;

/** A connection factory whose connections run the driver without thread-local values ({@link DriverContextShield}). */
final class ShieldedConnectionFactory implements ConnectionFactory, Wrapped<ConnectionFactory> {

    private final ConnectionFactory delegate;

    private final DriverContextShield shield;

    ShieldedConnectionFactory(ConnectionFactory delegate, DriverContextShield shield) {
        this.delegate = delegate;
        this.shield = shield;
    }

    @Override
    public Publisher<? extends Connection> create() {
        return shield.shield(delegate.create()).map(connection -> new ShieldedConnection(connection, shield));
    }

    @Override
    public ConnectionFactoryMetadata getMetadata() {
        return delegate.getMetadata();
    }

    @Override
    public ConnectionFactory unwrap() {
        return delegate;
    }
}
