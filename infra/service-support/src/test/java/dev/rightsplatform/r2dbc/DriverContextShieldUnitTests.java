package dev.rightsplatform.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;

import io.micrometer.context.ContextRegistry;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import io.r2dbc.spi.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentMatchers;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * A stand-in driver that, like the PostgreSQL one, runs each message through {@code handle}, where Reactor restores
 * registered thread locals from the subscriber's context: seen without the shield, not with it, while the rest of the
 * context still reaches the driver.
 */
class DriverContextShieldUnitTests {

    private static final String KEY = "driver-context-shield-test";

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private final List<String> seenByDriver = new CopyOnWriteArrayList<>();

    private final List<String> otherKeySeenByDriver = new CopyOnWriteArrayList<>();

    @BeforeEach
    void registerThreadLocal() {
        ContextRegistry.getInstance().registerThreadLocalAccessor(KEY, CURRENT);
    }

    @AfterEach
    void removeThreadLocal() {
        ContextRegistry.getInstance().removeThreadLocalAccessor(KEY);
    }

    @Test
    void withoutTheShieldTheDriverRestoresTheCallersThreadLocalForEveryMessage() {
        run(driver());

        assertThat(seenByDriver).containsExactly("request-1", "request-1", "request-1", "request-1");
    }

    @Test
    void behindTheShieldTheDriverSeesNoThreadLocalButTheRestOfTheContext() {
        run(new DriverContextShield().decorate(driver()));

        assertThat(seenByDriver).hasSize(4).containsOnlyNulls();
        assertThat(otherKeySeenByDriver).containsExactly("kept", "kept");
    }

    @Test
    void theCallerKeepsItsContextAfterTheCall() {
        List<String> afterwards = Mono.from(
                        new DriverContextShield().decorate(driver()).create())
                .flatMap(connection -> Flux.from(
                                connection.createStatement("select").execute())
                        .then(Mono.deferContextual(context -> Mono.just(context.<String>get(KEY)))))
                .contextWrite(Context.of(KEY, "request-1"))
                .flux()
                .collectList()
                .block();

        assertThat(afterwards).containsExactly("request-1");
    }

    /** Subscribes as Spring's DatabaseClient does: create, execute, map, all under the caller's context. */
    private void run(ConnectionFactory factory) {
        Mono.from(factory.create())
                .flatMapMany(connection -> Flux.from(
                                connection.createStatement("select 1, 2").execute())
                        .flatMap(result -> result.map((row, metadata) -> "row")))
                .contextWrite(Context.of(KEY, "request-1", "other", "kept"))
                .blockLast();
    }

    /** Two messages to execute, two rows to map, each through handle, as the PostgreSQL driver does. */
    private ConnectionFactory driver() {
        var result = mock(Result.class);
        doReturn(messages(Flux.just("row 1", "row 2")))
                .when(result)
                .map(ArgumentMatchers.<BiFunction<Row, RowMetadata, ?>>any());
        var statement = mock(Statement.class);
        doReturn(messages(Flux.just("bind complete", "command complete")).thenMany(Flux.just(result)))
                .when(statement)
                .execute();
        var connection = mock(Connection.class);
        doReturn(statement).when(connection).createStatement(ArgumentMatchers.anyString());
        var factory = mock(ConnectionFactory.class);
        doReturn(Mono.just(connection)).when(factory).create();
        return factory;
    }

    private Flux<String> messages(Flux<String> messages) {
        Flux<String> handled = messages.handle((message, sink) -> {
            seenByDriver.add(CURRENT.get());
            sink.next(message);
        });
        return Flux.deferContextual(context -> {
            context.<String>getOrEmpty("other").ifPresent(otherKeySeenByDriver::add);
            return handled;
        });
    }
}
