package dev.rightsplatform.rights.outbox;

import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Moves committed outbox messages of channel {@code amqp} to RabbitMQ. A message is PUBLISHED only after the broker
 * confirmed it and routed it to a queue; one refused, unroutable or unconfirmed is tried again after 1 s, 2 s, 4 s …
 * up to {@code rights.outbox.max-backoff}, and FAILED after {@code rights.outbox.max-attempts}. Claims, leases and
 * records: {@link ChannelRelay}. Several replicas share the work; a crash can at worst publish a message again
 * (consumers are idempotent by message id).
 */
@Component
public class OutboxRelay extends ChannelRelay {

    /** The channel of messages to RabbitMQ: what {@link Outbox#add} writes. */
    public static final String AMQP = "amqp";

    private final OutboxPublisher publisher;
    private final OutboxProperties properties;

    OutboxRelay(OutboxPublisher publisher, OutboxProperties properties) {
        super("relaying the outbox", AMQP);
        this.publisher = publisher;
        this.properties = properties;
    }

    @Override
    protected Duration interval() {
        return properties.pollInterval();
    }

    @Override
    protected int batchSize() {
        return properties.batchSize();
    }

    @Override
    protected Duration lease() {
        // publishing the batch, then waiting up to the timeout for the confirms, with room to spare
        return properties.publishTimeout().multipliedBy(3);
    }

    @Override
    protected int maxAttempts() {
        return properties.maxAttempts();
    }

    @Override
    protected Duration backoff(int attempts) {
        var doubled = Duration.ofSeconds(1L << Math.min(attempts - 1, 30));
        return doubled.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : doubled;
    }

    @Override
    protected Mono<List<ChannelOutcome>> deliver(List<OutboxMessage> batch) {
        return Mono.fromCallable(() -> publisher.publishAll(batch)).subscribeOn(Schedulers.boundedElastic());
    }
}
