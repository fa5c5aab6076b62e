package dev.rightsplatform.r2dbc;

import io.r2dbc.spi.Batch;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Wrapped;
import org.reactivestreams.Publisher;

/** A driver batch executed without thread-local values ({@link DriverContextShield}). */
final class ShieldedBatch implements Batch, Wrapped<Batch> {

    private final Batch delegate;

    private final DriverContextShield shield;

    ShieldedBatch(Batch delegate, DriverContextShield shield) {
        this.delegate = delegate;
        this.shield = shield;
    }

    @Override
    public Batch add(String sql) {
        delegate.add(sql);
        return this;
    }

    @Override
    public Publisher<? extends Result> execute() {
        return shield.shield(delegate.execute()).map(result -> new ShieldedResult(result, shield));
    }

    @Override
    public Batch unwrap() {
        return delegate;
    }
}
