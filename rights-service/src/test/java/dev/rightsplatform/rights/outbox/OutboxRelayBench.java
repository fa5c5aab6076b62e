package dev.rightsplatform.rights.outbox;

import dev.rightsplatform.rights.support.AbstractRightsIntegrationTests;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;

/**
 * A benchmark, not a test (surefire does not pick it up; it asserts nothing): how fast the relay drains a backlog of
 * {@code BACKLOG} messages written in one transaction, through the real service on this machine's PostgreSQL and
 * RabbitMQ, and how often a sampled session of the service sat idle inside a transaction on the outbox meanwhile.
 * Uses only {@link Outbox#add}, so the same file runs against an older tree for a before/after figure:
 * {@code ./mvnw -B -pl rights-service -am test -Dtest=OutboxRelayBench -Dsurefire.failIfNoSpecifiedTests=false}
 * with the database and vhost of AbstractRightsIntegrationTests (or SPRING_R2DBC_URL, SPRING_FLYWAY_URL).
 */
class OutboxRelayBench extends AbstractRightsIntegrationTests {

    private static final int BACKLOG = Integer.getInteger("bench.backlog", 3000);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);

    @Autowired
    Outbox outbox;

    @Autowired
    TransactionalOperator transactional;

    @Test
    void drainABacklog() throws Exception {
        var key = "bench.backlog-" + UUID.randomUUID();
        var queue = new Queue("bench.outbox." + UUID.randomUUID(), false, false, false, Map.of("x-expires", 600_000));
        rabbitAdmin.declareQueue(queue);
        rabbitAdmin.declareBinding(BindingBuilder.bind(queue)
                .to(new TopicExchange("rights.events"))
                .with(key));
        var figures = new ArrayList<String>();
        for (int round = 1; round <= ROUNDS; round++) {
            db.sql("delete from outbox_message").then().block();
            rabbitAdmin.purgeQueue(queue.getName(), false);
            var samples = new AtomicInteger();
            var idleInTransaction = new AtomicInteger();
            var sampling = new AtomicBoolean(true);
            var sampler = new Thread(() -> {
                while (sampling.get()) {
                    samples.incrementAndGet();
                    idleInTransaction.addAndGet(db.sql("""
                                    select count(*) as n from pg_stat_activity
                                    where datname = current_database() and pid <> pg_backend_pid()
                                      and state = 'idle in transaction' and query like '%outbox_message%'""")
                            .map(row -> row.get("n", Long.class))
                            .one()
                            .block()
                            .intValue());
                }
            });
            var written = System.nanoTime();
            Flux.range(0, BACKLOG)
                    .concatMap(i -> outbox.add(UUID.randomUUID(), "rights.events", key, "Bench", Map.of("n", i)))
                    .then()
                    .as(transactional::transactional)
                    .block();
            var committed = System.nanoTime();
            sampler.start();
            while (count("outbox_message where status = 'PUBLISHED'") < BACKLOG) {
                Thread.sleep(20);
            }
            var drained = System.nanoTime();
            sampling.set(false);
            sampler.join();
            var seconds = (drained - committed) / 1e9;
            var line = String.format(
                    "round %d: %d messages written in %.2f s, drained in %.2f s = %.0f msg/s; sessions idle in a"
                            + " transaction on the outbox: %d in %d samples",
                    round,
                    BACKLOG,
                    (committed - written) / 1e9,
                    seconds,
                    BACKLOG / seconds,
                    idleInTransaction.get(),
                    samples.get());
            figures.add(line);
            System.out.println("OUTBOX BENCH " + line);
        }
        rabbitAdmin.deleteQueue(queue.getName());
        figures.forEach(line -> System.out.println("OUTBOX BENCH SUMMARY " + line));
    }
}
