package dev.rightsplatform.rights.outbox;

import dev.rightsplatform.rights.scheduling.PeriodicWork;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Deletes published outbox rows older than {@code rights.outbox.retention} (7 days by default), a bounded batch per
 * statement until none is left. Rows are claimed {@code FOR UPDATE SKIP LOCKED}, so replicas share the sweep; a
 * pending row is never touched.
 */
@Component
class OutboxRetention extends PeriodicWork {

    private static final Logger log = LoggerFactory.getLogger(OutboxRetention.class);
    private static final int BATCH = 1000;

    private final DatabaseClient db;
    private final OutboxProperties properties;
    private final Clock clock;

    OutboxRetention(DatabaseClient db, OutboxProperties properties, Clock clock) {
        super("deleting published outbox rows");
        this.db = db;
        this.properties = properties;
        this.clock = clock;
    }

    /** One sweep; emits how many rows it deleted. */
    Mono<Long> purge() {
        var cutoff = clock.instant().minus(properties.retention());
        return purgeBatch(cutoff)
                .expand(deleted -> deleted == BATCH ? purgeBatch(cutoff) : Mono.empty())
                .reduce(0L, Long::sum);
    }

    private Mono<Long> purgeBatch(java.time.Instant cutoff) {
        return db.sql("""
                        delete from outbox_message where id in (
                            select id from outbox_message where status = 'PUBLISHED' and published_at < :cutoff
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
        return purge().filter(deleted -> deleted > 0).doOnNext(deleted -> log.info("deleted {} published outbox rows", deleted));
    }
}
