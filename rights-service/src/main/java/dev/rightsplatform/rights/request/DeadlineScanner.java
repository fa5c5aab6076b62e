package dev.rightsplatform.rights.request;

import dev.rightsplatform.rights.lifecycle.LifecycleCommand;
import dev.rightsplatform.rights.lifecycle.LifecycleEvent;
import dev.rightsplatform.rights.lifecycle.RequestLifecycle;
import dev.rightsplatform.rights.lifecycle.RightsRequest;
import dev.rightsplatform.rights.scheduling.PeriodicWork;
import dev.rightsplatform.rights.scheduling.RowBatches;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The clock's work: ends deregistrations' cooling-off periods, cancels requests whose address was never verified,
 * raises "due soon" and "overdue" for every open request and "task overdue" for every late system, each once. Each
 * kind reads a batch of ids, then sends one {@link LifecycleCommand} per id, each in its own transaction
 * ({@link RowBatches}); the lifecycle claims the row (the UPDATE that marks the alert raised, or the request's lock and
 * a re-check), so a second scanner replica blocks on the row lock, re-checks after the first commits, and finds
 * nothing left to do.
 */
@Component
class DeadlineScanner extends PeriodicWork {

    private static final Logger log = LoggerFactory.getLogger(DeadlineScanner.class);
    private static final int BATCH = 200;

    private final DatabaseClient db;
    private final RequestLifecycle lifecycle;
    private final TransactionalOperator transactional;
    private final Clock clock;
    private final Duration interval;
    private final Duration unverifiedExpiry;

    DeadlineScanner(
            DatabaseClient db,
            RequestLifecycle lifecycle,
            TransactionalOperator transactional,
            Clock clock,
            @Value("${rights.deadline-scanner.interval:1m}") Duration interval,
            @Value("${rights.verification.unverified-expiry:7d}") Duration unverifiedExpiry) {
        super("the deadline scan");
        this.db = db;
        this.lifecycle = lifecycle;
        this.transactional = transactional;
        this.clock = clock;
        this.interval = interval;
        this.unverifiedExpiry = unverifiedExpiry;
    }

    /**
     * One full scan; returns how many alerts it raised. The kinds run one after the other, each draining its rows in
     * bounded batches ({@link RowBatches}): ids first, then one short transaction per row.
     */
    Mono<Integer> scan() {
        return raise(LifecycleEvent.DUE_SOON, "due_soon_raised_at", "due_soon_at")
                .flatMap(dueSoon -> raise(LifecycleEvent.OVERDUE, "overdue_raised_at", "due_at")
                        .map(overdue -> dueSoon + overdue))
                .flatMap(alerts -> escalateLateTasks().map(late -> alerts + late));
    }

    /** Deregistrations whose cooling-off is over: erasure starts. Returns how many. */
    Mono<Integer> endCoolingOffs() {
        var now = clock.instant();
        return RowBatches.<UUID>drain(
                job() + ":cooling-off",
                BATCH,
                skip -> ids("""
                        select id from rights_request
                        where status = 'COOLING_OFF' and cooling_off_until <= :now and id <> all(:skip)
                        order by cooling_off_until limit :batch""", now, skip),
                id -> done(lifecycle.handle(new LifecycleCommand.EndCoolingOff(id, now))),
                transactional);
    }

    /**
     * Requests submitted without a login whose address was never verified within {@code rights.verification
     * .unverified-expiry}: cancelled, and the address they named is dropped. Returns how many.
     */
    Mono<Integer> expireUnverified() {
        var now = clock.instant();
        var cutoff = now.minus(unverifiedExpiry);
        return RowBatches.<UUID>drain(
                job() + ":unverified",
                BATCH,
                skip -> ids("""
                        select id from rights_request
                        where status = 'AWAITING_VERIFICATION' and received_at < :now and id <> all(:skip)
                        order by received_at limit :batch""", cutoff, skip),
                id -> done(lifecycle.handle(new LifecycleCommand.ExpireUnverified(
                        id, cutoff, "identity not verified within " + unverifiedExpiry.toDays() + " days"))),
                transactional);
    }

    /** Tasks past their own due time (the system's SLA): escalated to agents, each once. */
    private Mono<Integer> escalateLateTasks() {
        var now = clock.instant();
        return RowBatches.<UUID>drain(
                job() + ":late-tasks",
                BATCH,
                skip -> ids("""
                        select id from request_task
                        where escalated_at is null and status in ('DISPATCHED', 'AWAITING_AGENT') and due_at <= :now
                          and id <> all(:skip)
                        order by due_at limit :batch""", now, skip),
                id -> done(lifecycle.handle(new LifecycleCommand.EscalateLateTask(id, now))),
                transactional);
    }

    /**
     * Raises one alert for every open request past {@code dueColumn}: the UPDATE that marks it raised takes the row's
     * lock and re-checks, so a second scanner replica waits, then finds nothing left to raise.
     */
    private Mono<Integer> raise(LifecycleEvent event, String raisedColumn, String dueColumn) {
        var now = clock.instant();
        return RowBatches.<UUID>drain(
                job() + ":" + event.type(),
                BATCH,
                skip -> ids("""
                        select id from rights_request
                        where closed_at is null and %1$s is null and %2$s <= :now and id <> all(:skip)
                        order by %2$s limit :batch""".formatted(raisedColumn, dueColumn), now, skip),
                id -> done(lifecycle.handle(new LifecycleCommand.RaiseDeadlineAlert(id, event, now))),
                transactional);
    }

    /** Whether the command found something to do (a second replica finds the row already handled). */
    private static Mono<Boolean> done(Mono<RightsRequest> handled) {
        return handled.map(request -> true).defaultIfEmpty(false);
    }

    /** A batch of ids for {@code sql} (binds now, skip, batch), read to the end before anything acts on them. */
    private Mono<List<UUID>> ids(String sql, Instant now, List<UUID> skip) {
        return db.sql(sql)
                .bind("now", now)
                .bind("skip", skip.toArray(UUID[]::new))
                .bind("batch", BATCH)
                .map(row -> row.get("id", UUID.class))
                .all()
                .collectList();
    }

    @Override
    protected Duration interval() {
        return interval;
    }

    @Override
    protected Duration initialDelay() {
        return Duration.ZERO;
    }

    @Override
    protected Mono<?> round() {
        return endCoolingOffs()
                .then(expireUnverified())
                .then(scan())
                .filter(raised -> raised > 0)
                .doOnNext(raised -> log.info("raised {} deadline alerts", raised));
    }
}
