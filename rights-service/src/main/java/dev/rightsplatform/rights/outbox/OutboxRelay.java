package dev.rightsplatform.rights.outbox;

import dev.rightsplatform.rights.scheduling.PeriodicWork;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Moves committed outbox messages to RabbitMQ. Each round claims a batch with {@code FOR UPDATE SKIP LOCKED}, so
 * several replicas share the work without publishing a message twice in the normal case; a message is marked
 * published only after the broker confirmed and routed it, so a crash can at worst publish it again (consumers are
 * idempotent by message id). Failed messages wait with a growing delay.
 */
@Component
public class OutboxRelay extends PeriodicWork {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /** The longest one round relays before it hands over to the next (far below rights.scheduling.max-round). */
    static final Duration ROUND_BUDGET = Duration.ofSeconds(20);

    private final DatabaseClient db;
    private final TransactionalOperator transactional;
    private final OutboxPublisher publisher;
    private final OutboxProperties properties;
    private final Clock clock;

    OutboxRelay(
            DatabaseClient db,
            TransactionalOperator transactional,
            OutboxPublisher publisher,
            OutboxProperties properties,
            Clock clock) {
        super("relaying the outbox");
        this.db = db;
        this.transactional = transactional;
        this.publisher = publisher;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    protected Duration interval() {
        return properties.pollInterval();
    }

    @Override
    protected Mono<?> round() {
        return relayUntilDrained();
    }

    /**
     * Relays batches until a batch comes back short: a backlog drains without waiting for the next poll. A round ends
     * after {@link #ROUND_BUDGET} and asks for the next at once, so a large backlog drains in many short rounds, each
     * well within the watchdog's limit, rather than in one that the watchdog would cancel.
     */
    Mono<Integer> relayUntilDrained() {
        var deadline = clock.instant().plus(ROUND_BUDGET);
        var backlogLeft = new AtomicBoolean();
        return relayOneBatch()
                .expand(count -> {
                    if (count < properties.batchSize()) {
                        return Mono.empty();
                    }
                    if (clock.instant().isAfter(deadline)) {
                        backlogLeft.set(true);
                        return Mono.empty();
                    }
                    return relayOneBatch();
                })
                .reduce(0, Integer::sum)
                .doOnSuccess(relayed -> {
                    if (backlogLeft.get()) {
                        wakeUp();
                    }
                });
    }

    private Mono<Integer> relayOneBatch() {
        return claimDueBatch()
                .collectList()
                .flatMap(batch -> batch.isEmpty() ? Mono.just(0) : publishAndRecord(batch))
                .as(transactional::transactional);
    }

    private Flux<OutboxMessage> claimDueBatch() {
        return db.sql("""
                        select id, exchange, routing_key, message_type, payload, traceparent from outbox_message
                        where status = 'PENDING' and next_attempt_at <= :now
                        order by next_attempt_at, seq
                        limit :limit
                        for update skip locked""")
                .bind("now", clock.instant())
                .bind("limit", properties.batchSize())
                .map(row -> new OutboxMessage(
                        row.get("id", UUID.class),
                        row.get("exchange", String.class),
                        row.get("routing_key", String.class),
                        row.get("message_type", String.class),
                        row.get("payload", String.class),
                        row.get("traceparent", String.class)))
                .all();
    }

    private Mono<Integer> publishAndRecord(List<OutboxMessage> batch) {
        return Mono.fromCallable(() -> publisher.publishAll(batch))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMapMany(Flux::fromIterable)
                .concatMap(this::record)
                .then(Mono.just(batch.size()));
    }

    private Mono<Void> record(OutboxPublisher.Outcome outcome) {
        var now = clock.instant();
        if (outcome.succeeded()) {
            // the payload goes once the broker has it: a published row keeps ids and times, no personal data
            return db.sql("""
                            update outbox_message set status = 'PUBLISHED', published_at = :now, attempts = attempts + 1,
                                payload = null where id = :id""")
                    .bind("now", now)
                    .bind("id", outcome.message().id())
                    .then();
        }
        log.warn(
                "outbox message {} ({}) not published: {}",
                outcome.message().id(),
                outcome.message().type(),
                outcome.error());
        return db.sql("""
                        update outbox_message
                        set attempts = attempts + 1, last_error = :error,
                            next_attempt_at = :now + least(interval '1 second' * power(2, attempts), :maxBackoff * interval '1 second')
                        where id = :id""")
                .bind("error", outcome.error())
                .bind("now", now)
                .bind("maxBackoff", properties.maxBackoff().toSeconds())
                .bind("id", outcome.message().id())
                .then();
    }
}
