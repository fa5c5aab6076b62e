package dev.rightsplatform.r2dbc;

import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import io.r2dbc.spi.Wrapped;
import org.reactivestreams.Publisher;

/** A driver statement executed without thread-local values ({@link DriverContextShield}); binds go to the driver's. */
final class ShieldedStatement implements Statement, Wrapped<Statement> {

    private final Statement delegate;

    private final DriverContextShield shield;

    ShieldedStatement(Statement delegate, DriverContextShield shield) {
        this.delegate = delegate;
        this.shield = shield;
    }

    @Override
    public Publisher<? extends Result> execute() {
        return shield.shield(delegate.execute()).map(result -> new ShieldedResult(result, shield));
    }

    // The fluent methods return this wrapper, not the driver's statement, so that execute() stays shielded.

    @Override
    public Statement add() {
        delegate.add();
        return this;
    }

    @Override
    public Statement bind(int index, Object value) {
        delegate.bind(index, value);
        return this;
    }

    @Override
    public Statement bind(String name, Object value) {
        delegate.bind(name, value);
        return this;
    }

    @Override
    public Statement bindNull(int index, Class<?> type) {
        delegate.bindNull(index, type);
        return this;
    }

    @Override
    public Statement bindNull(String name, Class<?> type) {
        delegate.bindNull(name, type);
        return this;
    }

    @Override
    public Statement returnGeneratedValues(String... columns) {
        delegate.returnGeneratedValues(columns);
        return this;
    }

    @Override
    public Statement fetchSize(int rows) {
        delegate.fetchSize(rows);
        return this;
    }

    @Override
    public Statement unwrap() {
        return delegate;
    }
}
