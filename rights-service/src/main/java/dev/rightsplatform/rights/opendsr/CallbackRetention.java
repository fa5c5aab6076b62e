package dev.rightsplatform.rights.opendsr;

import dev.rightsplatform.rights.scheduling.PeriodicWork;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Deletes status callbacks that are done with — delivered, or failed for good — once they are older than
 * {@code rights.opendsr.callbacks.retention} (7 days by default), like the outbox's published rows: a relay table keeps
 * what is still to be sent, not a history. Claimed {@code FOR UPDATE SKIP LOCKED} in bounded batches, so replicas share
 * the sweep; a pending callback is never touched.
 */
@Component
class CallbackRetention extends PeriodicWork {

    private static final Logger log = LoggerFactory.getLogger(CallbackRetention.class);
    private static final int BATCH = 1000;

    private final DatabaseClient db;
    private final Duration retention;
    private final Clock clock;

    CallbackRetention(DatabaseClient db, @Value("${rights.opendsr.callbacks.retention:7d}") Duration retention, Clock clock) {
        super("deleting finished status callbacks");
        this.db = db;
        this.retention = retention;
        this.clock = clock;
    }

    /** One sweep; emits how many callbacks it deleted. */
    Mono<Long> purge() {
        var cutoff = clock.instant().minus(retention);
        return purgeBatch(cutoff)
                .expand(deleted -> deleted == BATCH ? purgeBatch(cutoff) : Mono.empty())
                .reduce(0L, Long::sum);
    }

    private Mono<Long> purgeBatch(Instant cutoff) {
        return db.sql("""
                        delete from opendsr_callback where id in (
                            select id from opendsr_callback
                            where status in ('DELIVERED', 'FAILED') and coalesce(delivered_at, next_attempt_at) < :cutoff
                            limit :batch for update skip locked)""")
                .bind("cutoff", cutoff)
                .bind("batch", BATCH)
                .fetch().rowsUpdated();
    }

    @Override
    protected Duration interval() {
        return Duration.ofMinutes(10);
    }

    @Override
    protected Duration initialDelay() {
        return Duration.ofMinutes(1);
    }

    @Override
    protected Mono<?> round() {
        return purge().filter(deleted -> deleted > 0).doOnNext(deleted -> log.info("deleted {} finished status callbacks", deleted));
    }
}
