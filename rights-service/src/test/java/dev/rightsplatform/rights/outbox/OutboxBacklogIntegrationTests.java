package dev.rightsplatform.rights.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rightsplatform.rights.support.AbstractRightsIntegrationTests;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;

/**
 * A backlog of 1 500 messages written in one transaction drains in batches: every message reaches its queue once, in
 * the order it was written, each row PUBLISHED after one attempt — and no session of the service sits idle inside a
 * transaction that touched the outbox while the relay waits for the broker (sampled from {@code pg_stat_activity}
 * throughout: the relay claims and records in single statements, never holding a row lock across the round trip).
 */
class OutboxBacklogIntegrationTests extends AbstractRightsIntegrationTests {

    private static final int BACKLOG = 1500;

    @Autowired
    Outbox outbox;

    @Autowired
    TransactionalOperator transactional;

    @Test
    void aBacklogDrainsInOrderWithoutATransactionHeldOpen() throws Exception {
        var key = "test.backlog-" + UUID.randomUUID();
        var queue = new Queue("test.outbox." + UUID.randomUUID(), false, false, false, Map.of("x-expires", 60_000));
        rabbitAdmin.declareQueue(queue);
        rabbitAdmin.declareBinding(BindingBuilder.bind(queue)
                .to(new TopicExchange("rights.events"))
                .with(key));
        var ids = new ArrayList<UUID>();
        for (int i = 0; i < BACKLOG; i++) {
            ids.add(UUID.randomUUID());
        }

        var idleInTransaction = new ConcurrentLinkedQueue<String>();
        var sampling = new AtomicBoolean(true);
        var sampler = new Thread(() -> {
            while (sampling.get()) {
                idleInTransaction.addAll(db.sql("""
                                select query from pg_stat_activity
                                where datname = current_database() and pid <> pg_backend_pid()
                                  and state = 'idle in transaction' and query like '%outbox_message%'""")
                        .map(row -> row.get("query", String.class))
                        .all()
                        .collectList()
                        .block());
            }
        });

        Flux.fromIterable(ids)
                .concatMap(id -> outbox.add(id, "rights.events", key, "Test", Map.of("n", id.toString())))
                .then()
                .as(transactional::transactional)
                .block();
        sampler.start();
        var received = receive(queue, BACKLOG);
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        count("outbox_message where routing_key = '" + key + "' and status = 'PUBLISHED'") == BACKLOG);
        sampling.set(false);
        sampler.join();

        List<String> order = received.stream()
                .map(message -> message.getMessageProperties().getMessageId())
                .toList();
        assertThat(order)
                .as("each once, in the order written")
                .isEqualTo(ids.stream().map(UUID::toString).toList());
        assertThat(count("outbox_message where routing_key = '" + key + "' and attempts = 1 and payload is null"))
                .isEqualTo(BACKLOG);
        assertThat(idleInTransaction)
                .as("no transaction on the outbox left open while publishing")
                .isEmpty();
    }
}
