package dev.rightsplatform.r2dbc;

import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import io.r2dbc.spi.Wrapped;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import org.reactivestreams.Publisher;

/**
 * A driver result read without thread-local values ({@link DriverContextShield}): the driver maps each row inside
 * {@code handle}, where Reactor would otherwise restore them for every row.
 */
final class ShieldedResult implements Result, Wrapped<Result> {

    private final Result delegate;

    private final DriverContextShield shield;

    ShieldedResult(Result delegate, DriverContextShield shield) {
        this.delegate = delegate;
        this.shield = shield;
    }

    @Override
    public Publisher<Long> getRowsUpdated() {
        return shield.shield(delegate.getRowsUpdated());
    }

    @Override
    public <T> Publisher<T> map(BiFunction<Row, RowMetadata, ? extends T> mappingFunction) {
        return shield.shield(delegate.map(mappingFunction));
    }

    @Override
    public <T> Publisher<T> map(Function<? super Readable, ? extends T> mappingFunction) {
        return shield.shield(delegate.map(mappingFunction));
    }

    @Override
    public Result filter(Predicate<Segment> filter) {
        return new ShieldedResult(delegate.filter(filter), shield);
    }

    @Override
    public <T> Publisher<T> flatMap(Function<Segment, ? extends Publisher<? extends T>> mappingFunction) {
        return shield.shield(delegate.flatMap(mappingFunction));
    }

    @Override
    public Result unwrap() {
        return delegate;
    }
}
