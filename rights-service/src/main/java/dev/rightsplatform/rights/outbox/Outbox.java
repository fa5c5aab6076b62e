package dev.rightsplatform.rights.outbox;

import java.time.Clock;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes messages to the outbox inside the caller's transaction, so a message exists if and only if the state change
 * that caused it was committed. {@link OutboxRelay} publishes them afterwards.
 */
@Component
public class Outbox {

    private final DatabaseClient db;
    private final JsonMapper json;
    private final Clock clock;
    private final OutboxRelay relay;
    private final OutboxCipher cipher;
    private final TraceParents traceParents;

    Outbox(
            DatabaseClient db,
            JsonMapper json,
            Clock clock,
            OutboxRelay relay,
            OutboxCipher cipher,
            TraceParents traceParents) {
        this.db = db;
        this.traceParents = traceParents;
        this.cipher = cipher;
        this.json = json;
        this.clock = clock;
        this.relay = relay;
    }

    /** Adds a message whose payload is {@code body} as JSON, sealed at rest; its id doubles as the AMQP message id. */
    public Mono<Void> add(UUID id, String exchange, String routingKey, String type, Object body) {
        return Mono.defer(() -> insert(id, exchange, routingKey, type, body, traceParents.current()))
                .then(wakeRelayAfterCommit());
    }

    private Mono<Void> insert(
            UUID id, String exchange, String routingKey, String type, Object body, @Nullable String traceparent) {
        var now = clock.instant();
        var insert = db.sql("""
                        insert into outbox_message (id, exchange, routing_key, message_type, payload, created_at, next_attempt_at,
                            traceparent)
                        values (:id, :exchange, :routingKey, :type, :payload, :now, :now, :traceparent)""")
                .bind("id", id)
                .bind("exchange", exchange)
                .bind("routingKey", routingKey)
                .bind("type", type)
                .bind("payload", cipher.seal(id, json.writeValueAsString(body)))
                .bind("now", now);
        return (traceparent == null
                        ? insert.bindNull("traceparent", String.class)
                        : insert.bind("traceparent", traceparent))
                .then();
    }

    /** Publishes soon after commit rather than at the next poll; the poll still covers a lost wake-up. */
    private Mono<Void> wakeRelayAfterCommit() {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .doOnNext(sync -> sync.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public Mono<Void> afterCommit() {
                        return Mono.fromRunnable(relay::wakeUp);
                    }
                }))
                .onErrorResume(NoTransactionException.class, outsideTransaction -> Mono.fromRunnable(relay::wakeUp))
                .then();
    }
}
