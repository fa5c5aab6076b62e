package dev.rightsplatform.rights.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.util.context.Context;

/**
 * The PostgreSQL driver runs every message it receives through Reactor's {@code handle}, which restores the caller's
 * thread locals each time; behind infra/service-support's {@code DriverContextShield} it restores none, for reads and
 * for writes in a transaction, and Spring still finds the transaction. Counted with a thread local of this test.
 */
class DriverContextShieldIntegrationTests extends AbstractRightsIntegrationTests {

    private static final String KEY = "driver-context-shield-it";

    private final AtomicInteger restored = new AtomicInteger();

    @Autowired
    private TransactionalOperator transactions;

    @BeforeEach
    void registerCountingThreadLocal() {
        ContextRegistry.getInstance().registerThreadLocalAccessor(new CountingAccessor());
    }

    @AfterEach
    void removeCountingThreadLocal() {
        ContextRegistry.getInstance().removeThreadLocalAccessor(KEY);
    }

    @Test
    void readingTwoHundredRowsRestoresNoThreadLocal() {
        Long rows = db.sql("select n from generate_series(1, 200) as n")
                .map(row -> row.get("n", Integer.class))
                .all()
                .count()
                .contextWrite(Context.of(KEY, "request"))
                .block();

        assertThat(rows).isEqualTo(200);
        // without the shield: one restore per row and per protocol message, more than 200
        assertThat(restored).hasValueLessThan(5);
    }

    @Test
    void aTransactionStillHoldsItsStatementsTogether() {
        Long counted = db.sql("create temporary table if not exists shield_probe (n int)")
                .then()
                .then(db.sql("insert into shield_probe select generate_series(1, 50)")
                        .then())
                .then(db.sql("select count(*) as c from shield_probe")
                        .map(row -> row.get("c", Long.class))
                        .one())
                .as(transactions::transactional) // one connection: the temporary table is only there
                .contextWrite(Context.of(KEY, "request"))
                .block();

        assertThat(counted).isEqualTo(50);
        assertThat(restored).hasValueLessThan(5);
    }

    /** A thread local that counts how often Reactor restores it. */
    private final class CountingAccessor implements ThreadLocalAccessor<String> {

        private final ThreadLocal<String> value = new ThreadLocal<>();

        @Override
        public Object key() {
            return KEY;
        }

        @Override
        public @Nullable String getValue() {
            return value.get();
        }

        @Override
        public void setValue(String newValue) {
            restored.incrementAndGet();
            value.set(newValue);
        }

        @Override
        public void setValue() {
            value.remove();
        }
    }
}
