package dev.rightsplatform.rights.outbox;

import dev.rightsplatform.rights.scheduling.PeriodicWork;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.publisher.Mono;

/**
 * Delivers the outbox rows of one channel, on the service's one timer ({@link PeriodicWork}): the AMQP relay
 * ({@link OutboxRelay}) and the partner callback sender are the two. A subclass says how a batch is delivered and how
 * long to wait between attempts; the claiming, recording and giving up are here, the same for every channel.
 * <p>
 * One batch: claim it (one short statement: the rows become PROCESSING under a lease, no lock is kept), deliver it
 * with no transaction open, then record every outcome in at most two statements. A crash in between leaves the rows
 * PROCESSING until the lease ends; then they are claimed and delivered again — at least once, and consumers are
 * idempotent by message id. A failed attempt waits {@link #backoff(int)}; after {@link #maxAttempts()} the row is
 * FAILED (metric {@code rights.outbox.failed}, the agents' {@code /api/v1/agent/outbox/failed}). A batch that could not
 * be attempted at all (the broker out of reach) is released without counting an attempt, and the round fails.
 */
public abstract class ChannelRelay extends PeriodicWork {

    private static final Logger log = LoggerFactory.getLogger(ChannelRelay.class);
    /** The longest one round relays before it hands over to the next (far below rights.scheduling.max-round). */
    static final Duration ROUND_BUDGET = Duration.ofSeconds(20);

    private final String channel;
    private OutboxRegistry registry;
    private OutboxCipher cipher;
    private Clock clock = Clock.systemUTC();

    /** {@code channel}: the rows this relay delivers ({@code outbox_message.channel}). */
    protected ChannelRelay(String name, String channel) {
        super(name);
        this.channel = channel;
    }

    @Autowired
    void outbox(OutboxRegistry registry, OutboxCipher cipher, Clock clock) {
        this.registry = registry;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** The channel whose rows this relay delivers. */
    public final String channel() {
        return channel;
    }

    /** The most rows one claim takes. */
    protected abstract int batchSize();

    /** How long a claim lasts: longer than delivering a batch can take, or the rows would be delivered twice. */
    protected abstract Duration lease();

    /** Attempts before a row is FAILED. */
    protected abstract int maxAttempts();

    /** The wait after the {@code attempts}-th failed attempt (1, 2, …). */
    protected abstract Duration backoff(int attempts);

    /**
     * Delivers the batch (in order where the channel keeps one) and tells what became of each message. Fails as a
     * whole only when nothing could be attempted (the batch is released, no attempt counted).
     */
    protected abstract Mono<List<ChannelOutcome>> deliver(List<OutboxMessage> batch);

    @Override
    protected Mono<?> round() {
        return relayUntilDrained();
    }

    /**
     * Relays batches until one comes back short: a backlog drains without waiting for the next poll. A round ends
     * after {@link #ROUND_BUDGET} and asks for the next at once, so a large backlog drains in many short rounds, each
     * well within the watchdog's limit.
     */
    public Mono<Integer> relayUntilDrained() {
        var deadline = clock.instant().plus(ROUND_BUDGET);
        var backlogLeft = new AtomicBoolean();
        return relayOneBatch()
                .expand(count -> {
                    if (count < batchSize()) {
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
        var claim = UUID.randomUUID();
        return registry.claim(channel, claim, batchSize(), clock.instant(), lease())
                .flatMap(claimed -> claimed.isEmpty() ? Mono.just(0) : deliverAndRecord(claim, claimed));
    }

    private Mono<Integer> deliverAndRecord(UUID claim, List<OutboxRegistry.Claimed> claimed) {
        var attempts = new HashMap<UUID, Integer>();
        var unreadable = new ArrayList<ChannelOutcome>();
        var batch = new ArrayList<OutboxMessage>();
        for (var row : claimed) {
            attempts.put(row.id(), row.attempts());
            try {
                batch.add(open(row));
            } catch (RuntimeException e) {
                // sealed under another key, or for another row: no attempt will ever read it
                unreadable.add(ChannelOutcome.refusedForGood(row.id(), "payload cannot be opened"));
            }
        }
        var ids = claimed.stream().map(OutboxRegistry.Claimed::id).toList();
        return (batch.isEmpty() ? Mono.just(List.<ChannelOutcome>of()) : deliver(batch))
                .onErrorResume(
                        e -> registry.release(claim, ids, clock.instant()).then(Mono.error(e)))
                .flatMap(outcomes -> {
                    var all = new ArrayList<>(outcomes);
                    all.addAll(unreadable);
                    return record(claim, all, attempts);
                })
                .thenReturn(claimed.size());
    }

    private OutboxMessage open(OutboxRegistry.Claimed row) {
        return new OutboxMessage(
                row.id(),
                row.exchange(),
                row.routingKey(),
                row.target(),
                row.type(),
                cipher.open(row.id(), row.payload()),
                row.traceparent(),
                row.attempts());
    }

    private Mono<Void> record(UUID claim, List<ChannelOutcome> outcomes, java.util.Map<UUID, Integer> attemptsBefore) {
        var now = clock.instant();
        var delivered = new ArrayList<UUID>();
        var failures = new ArrayList<OutboxRegistry.Failure>();
        for (var outcome : outcomes) {
            if (outcome.delivered()) {
                delivered.add(outcome.id());
                continue;
            }
            var attempts = attemptsBefore.getOrDefault(outcome.id(), 0) + 1;
            var giveUp = outcome.permanent() || attempts >= maxAttempts();
            // ids and the reason only: a payload or a person's data never reaches the log
            if (giveUp) {
                log.warn(
                        "{} message {} FAILED after {} attempts: {}", channel, outcome.id(), attempts, outcome.error());
            } else {
                log.warn(
                        "{} message {} not delivered (attempt {}): {}",
                        channel,
                        outcome.id(),
                        attempts,
                        outcome.error());
            }
            failures.add(new OutboxRegistry.Failure(outcome.id(), outcome.error(), backoff(attempts), giveUp));
        }
        return registry.published(claim, delivered, now)
                .then(registry.failed(claim, failures, now))
                .then();
    }
}
