package dev.rightsplatform.rights.scheduling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Deletes the rows of a relay table that are done with and older than a retention, a bounded batch per statement
 * until none is left. The statement claims its rows {@code FOR UPDATE SKIP LOCKED}, so replicas share the sweep.
 */
public abstract class RetentionSweep extends PeriodicWork {

    private static final Logger log = LoggerFactory.getLogger(RetentionSweep.class);
    private static final int BATCH = 1000;

    private final String what;
    private final String deleteBatch;
    private final DatabaseClient db;
    private final Duration retention;
    private final Clock clock;

    /**
     * @param what        the rows, for the log ("published outbox rows")
     * @param deleteBatch a DELETE of at most {@code :batch} rows finished before {@code :cutoff}, claimed with
     *                    {@code FOR UPDATE SKIP LOCKED}
     */
    protected RetentionSweep(String what, String deleteBatch, DatabaseClient db, Duration retention, Clock clock) {
        super("deleting " + what);
        this.what = what;
        this.deleteBatch = deleteBatch;
        this.db = db;
        this.retention = retention;
        this.clock = clock;
    }

    /** One sweep; emits how many rows it deleted. */
    public Mono<Long> purge() {
        var cutoff = clock.instant().minus(retention);
        return purgeBatch(cutoff)
                .expand(deleted -> deleted == BATCH ? purgeBatch(cutoff) : Mono.empty())
                .reduce(0L, Long::sum);
    }

    private Mono<Long> purgeBatch(Instant cutoff) {
        return db.sql(deleteBatch)
                .bind("cutoff", cutoff)
                .bind("batch", BATCH)
                .fetch()
                .rowsUpdated();
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
        return purge().filter(deleted -> deleted > 0).doOnNext(deleted -> log.info("deleted {} {}", deleted, what));
    }
}
