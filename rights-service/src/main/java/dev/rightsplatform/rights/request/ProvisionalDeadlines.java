package dev.rightsplatform.rights.request;

import dev.rightsplatform.rights.lifecycle.LifecycleCommand;
import dev.rightsplatform.rights.lifecycle.RequestLifecycle;
import dev.rightsplatform.rights.scheduling.RowBatches;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Deadlines computed without the calendar data they needed (a Chinese year whose holidays were not yet published)
 * are provisional. Calendar files are read at start-up, so at each start every open provisional deadline is computed
 * again; one that the new data settles is saved and audited. The alert that data is missing is the engine's warning
 * at start-up and the {@code deadline.provisional} audit entry of each request concerned.
 */
@Component
class ProvisionalDeadlines implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ProvisionalDeadlines.class);
    private static final int BATCH = 200;

    private final DatabaseClient db;
    private final RequestLifecycle lifecycle;
    private final TransactionalOperator transactional;

    ProvisionalDeadlines(DatabaseClient db, RequestLifecycle lifecycle, TransactionalOperator transactional) {
        this.db = db;
        this.lifecycle = lifecycle;
        this.transactional = transactional;
    }

    @Override
    public void run(ApplicationArguments args) {
        var settled = recompute().block();
        if (settled != null && settled > 0) {
            log.info("{} provisional deadlines settled by new calendar data", settled);
        }
    }

    /** Recomputes every open provisional deadline; returns how many are no longer provisional. */
    Mono<Long> recompute() {
        return RowBatches.<UUID>drain(
                        "provisional-deadlines",
                        BATCH,
                        skip -> db.sql("""
                                select id from rights_request
                                where closed_at is null and due_provisional and extended_at is null and id <> all(:skip)
                                order by id limit :batch""")
                                .bind("skip", skip.toArray(UUID[]::new))
                                .bind("batch", BATCH)
                                .map(row -> row.get("id", UUID.class))
                                .all()
                                .collectList(),
                        id -> lifecycle
                                .handle(new LifecycleCommand.RecomputeDeadline(id))
                                .map(settled -> true)
                                .defaultIfEmpty(false),
                        transactional)
                .map(Integer::longValue);
    }
}
