package dev.rightsplatform.r2dbc;

import io.r2dbc.spi.Batch;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionMetadata;
import io.r2dbc.spi.IsolationLevel;
import io.r2dbc.spi.Statement;
import io.r2dbc.spi.TransactionDefinition;
import io.r2dbc.spi.ValidationDepth;
import io.r2dbc.spi.Wrapped;
import java.time.Duration;
import org.reactivestreams.Publisher;

/** A driver connection whose every publisher runs without thread-local values ({@link DriverContextShield}). */
final class ShieldedConnection implements Connection, Wrapped<Connection> {

    private final Connection delegate;

    private final DriverContextShield shield;

    ShieldedConnection(Connection delegate, DriverContextShield shield) {
        this.delegate = delegate;
        this.shield = shield;
    }

    @Override
    public Statement createStatement(String sql) {
        return new ShieldedStatement(delegate.createStatement(sql), shield);
    }

    @Override
    public Batch createBatch() {
        return new ShieldedBatch(delegate.createBatch(), shield);
    }

    @Override
    public Publisher<Void> beginTransaction() {
        return shield.shield(delegate.beginTransaction());
    }

    @Override
    public Publisher<Void> beginTransaction(TransactionDefinition definition) {
        return shield.shield(delegate.beginTransaction(definition));
    }

    @Override
    public Publisher<Void> commitTransaction() {
        return shield.shield(delegate.commitTransaction());
    }

    @Override
    public Publisher<Void> rollbackTransaction() {
        return shield.shield(delegate.rollbackTransaction());
    }

    @Override
    public Publisher<Void> createSavepoint(String name) {
        return shield.shield(delegate.createSavepoint(name));
    }

    @Override
    public Publisher<Void> releaseSavepoint(String name) {
        return shield.shield(delegate.releaseSavepoint(name));
    }

    @Override
    public Publisher<Void> rollbackTransactionToSavepoint(String name) {
        return shield.shield(delegate.rollbackTransactionToSavepoint(name));
    }

    @Override
    public Publisher<Void> setAutoCommit(boolean autoCommit) {
        return shield.shield(delegate.setAutoCommit(autoCommit));
    }

    @Override
    public Publisher<Void> setLockWaitTimeout(Duration timeout) {
        return shield.shield(delegate.setLockWaitTimeout(timeout));
    }

    @Override
    public Publisher<Void> setStatementTimeout(Duration timeout) {
        return shield.shield(delegate.setStatementTimeout(timeout));
    }

    @Override
    public Publisher<Void> setTransactionIsolationLevel(IsolationLevel isolationLevel) {
        return shield.shield(delegate.setTransactionIsolationLevel(isolationLevel));
    }

    @Override
    public Publisher<Boolean> validate(ValidationDepth depth) {
        return shield.shield(delegate.validate(depth));
    }

    @Override
    public Publisher<Void> close() {
        return shield.shield(delegate.close());
    }

    @Override
    public boolean isAutoCommit() {
        return delegate.isAutoCommit();
    }

    @Override
    public ConnectionMetadata getMetadata() {
        return delegate.getMetadata();
    }

    @Override
    public IsolationLevel getTransactionIsolationLevel() {
        return delegate.getTransactionIsolationLevel();
    }

    @Override
    public Connection unwrap() {
        return delegate;
    }
}
