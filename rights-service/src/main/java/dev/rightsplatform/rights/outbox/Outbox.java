package dev.rightsplatform.rights.outbox;

import dev.rightsplatform.observability.ContextThreadLocals;
import dev.rightsplatform.rights.batch.WriteBehind;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.StringJoiner;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes messages to the service's one outbox inside the caller's transaction, so a message exists if and only if the
 * state change that caused it was committed. The relay of the message's channel delivers it afterwards: {@link
 * OutboxRelay} to RabbitMQ, the partner callback sender over HTTPS.
 */
@Component
public class Outbox {

    private final DatabaseClient db;
    private final JsonMapper json;
    private final Clock clock;
    /** Looked up when woken, not at construction: a relay may depend on what writes to the outbox. */
    private final ObjectProvider<ChannelRelay> relays;

    private final OutboxCipher cipher;
    private final TraceParents traceParents;
    private final WriteBehind<Row> rows = new WriteBehind<>(this::insertAll);

    Outbox(
            DatabaseClient db,
            JsonMapper json,
            Clock clock,
            ObjectProvider<ChannelRelay> relays,
            OutboxCipher cipher,
            TraceParents traceParents) {
        this.db = db;
        this.traceParents = traceParents;
        this.cipher = cipher;
        this.json = json;
        this.clock = clock;
        this.relays = relays;
    }

    /** Adds a message whose payload is {@code body} as JSON, sealed at rest; its id doubles as the AMQP message id. */
    public Mono<Void> add(UUID id, String exchange, String routingKey, String type, Object body) {
        // the caller's span is read from the call's Reactor context (context propagation "limited")
        return ContextThreadLocals.defer(() -> insert(new Row(
                id,
                OutboxRelay.AMQP,
                exchange,
                routingKey,
                null,
                null,
                type,
                json.writeValueAsString(body),
                traceParents.current())));
    }

    /**
     * Adds a message for another channel than RabbitMQ: {@code body} is delivered byte for byte to {@code target} by
     * that channel's relay. Messages with the same {@code orderingKey} are delivered one at a time, in the order they
     * were added (a partner hears of its request's changes in order).
     */
    public Mono<Void> add(
            String channel, UUID id, String target, @Nullable String orderingKey, String type, byte[] body) {
        return ContextThreadLocals.defer(() -> insert(new Row(
                id,
                channel,
                null,
                null,
                target,
                orderingKey,
                type,
                new String(body, java.nio.charset.StandardCharsets.UTF_8),
                traceParents.current())));
    }

    private record Row(
            UUID id,
            String channel,
            @Nullable String exchange,
            @Nullable String routingKey,
            @Nullable String target,
            @Nullable String orderingKey,
            String type,
            String json,
            @Nullable String traceparent) {}

    /** Runs {@code work} with its messages held and inserted together, in order, when it ends (one round trip). */
    public <T> Mono<T> batching(Mono<T> work) {
        return rows.batching(work);
    }

    private Mono<Void> insert(Row row) {
        return rows.write(row);
    }

    /** One INSERT for every row; the serial insertion order (V9) follows the VALUES order, which is the rows'. */
    private Mono<Void> insertAll(List<Row> batch) {
        var now = clock.instant();
        var values = new StringJoiner(",\n");
        for (int i = 0; i < batch.size(); i++) {
            values.add(
                    "(:id%1$d, :channel%1$d, :exchange%1$d, :routingKey%1$d, :target%1$d, :orderingKey%1$d, :type%1$d, "
                                    .formatted(i)
                            + ":payload%1$d, :now, :now, :traceparent%1$d)".formatted(i));
        }
        var insert = db.sql("""
                        insert into outbox_message (id, channel, exchange, routing_key, target, ordering_key, message_type,
                            payload, created_at, next_attempt_at, traceparent)
                        values\s""" + values);
        // one map for the whole batch: each bind() would copy every parameter bound before it
        var params = new HashMap<String, Object>();
        params.put("now", now);
        for (int i = 0; i < batch.size(); i++) {
            var row = batch.get(i);
            params.put("id" + i, row.id());
            params.put("channel" + i, row.channel());
            params.put("exchange" + i, Parameter.fromOrEmpty(row.exchange(), String.class));
            params.put("routingKey" + i, Parameter.fromOrEmpty(row.routingKey(), String.class));
            params.put("target" + i, Parameter.fromOrEmpty(row.target(), String.class));
            params.put("orderingKey" + i, Parameter.fromOrEmpty(row.orderingKey(), String.class));
            params.put("type" + i, row.type());
            params.put("payload" + i, cipher.seal(row.id(), row.json()));
            params.put("traceparent" + i, Parameter.fromOrEmpty(row.traceparent(), String.class));
        }
        insert = insert.bindValues(params);
        var channels = batch.stream().map(Row::channel).distinct().toList();
        return insert.then().then(wakeRelaysAfterCommit(channels));
    }

    /** Publishes soon after commit rather than at the next poll; the poll still covers a lost wake-up. */
    private Mono<Void> wakeRelaysAfterCommit(List<String> channels) {
        Runnable wakeUp = () -> relays.stream()
                .filter(relay -> channels.contains(relay.channel()))
                .forEach(ChannelRelay::wakeUp);
        return TransactionSynchronizationManager.forCurrentTransaction()
                .doOnNext(sync -> sync.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public Mono<Void> afterCommit() {
                        return Mono.fromRunnable(wakeUp);
                    }
                }))
                .onErrorResume(NoTransactionException.class, outsideTransaction -> Mono.fromRunnable(wakeUp))
                .then();
    }
}
