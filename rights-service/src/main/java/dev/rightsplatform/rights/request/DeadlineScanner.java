package dev.rightsplatform.rights.request;

import dev.rightsplatform.rights.audit.AuditTrail;
import dev.rightsplatform.rights.scheduling.PeriodicWork;
import dev.rightsplatform.rights.task.TaskStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The clock's work: ends deregistrations' cooling-off periods, raises "due soon" and "overdue" for every open request
 * and "task overdue" for every late system, each once. The row is claimed by the same UPDATE that marks
 * the alert raised ({@code ... where due_soon_raised_at is null ... returning}); a second scanner replica blocks on
 * the row lock, re-checks the condition after the first commits, and finds nothing left to raise.
 */
@Component
class DeadlineScanner extends PeriodicWork {

    private static final Logger log = LoggerFactory.getLogger(DeadlineScanner.class);
    private static final int BATCH = 200;

    private final DatabaseClient db;
    private final AuditTrail audit;
    private final RequestEvents events;
    private final RequestStore requests;
    private final Transitions transitions;
    private final RequestProgress progress;
    private final TransactionalOperator transactional;
    private final Clock clock;
    private final Duration interval;

    DeadlineScanner(DatabaseClient db, AuditTrail audit, RequestEvents events, RequestStore requests,
                    Transitions transitions, RequestProgress progress, TransactionalOperator transactional,
                    Clock clock, @Value("${rights.deadline-scanner.interval:1m}") Duration interval) {
        super("the deadline scan");
        this.requests = requests;
        this.transitions = transitions;
        this.progress = progress;
        this.db = db;
        this.audit = audit;
        this.events = events;
        this.transactional = transactional;
        this.clock = clock;
        this.interval = interval;
    }

    /**
     * One full scan; returns how many alerts it raised. The two kinds run one after the other: run together they would
     * skip each other's locked rows. A row another replica holds is skipped and picked up by a later round.
     */
    Mono<Integer> scan() {
        return raise(LifecycleEvent.DUE_SOON, "due_soon_raised_at", "due_soon_at")
                .flatMap(dueSoon -> raise(LifecycleEvent.OVERDUE, "overdue_raised_at", "due_at").map(overdue -> dueSoon + overdue))
                .flatMap(alerts -> escalateLateTasks().map(late -> alerts + late));
    }

    /** Deregistrations whose cooling-off is over: erasure starts. Returns how many. */
    Mono<Integer> endCoolingOffs() {
        return db.sql("""
                        select * from rights_request where status = 'COOLING_OFF' and cooling_off_until <= :now
                        order by cooling_off_until limit :batch for update skip locked""")
                .bind("now", clock.instant())
                .bind("batch", BATCH)
                .map(RequestStore::toRequest)
                .all()
                .concatMap(request -> transitions.apply(request.endCoolingOff(), WorkStarter.SYSTEM, Map.of())
                        .flatMap(progress::dispatchNextStep))
                .count()
                .map(Long::intValue)
                .as(transactional::transactional);
    }

    /** Tasks past their own due time (the system's SLA): escalated to agents, each once. */
    private Mono<Integer> escalateLateTasks() {
        var now = clock.instant();
        return db.sql("""
                        update request_task set escalated_at = :now
                        where id in (select id from request_task
                                     where escalated_at is null and status in ('DISPATCHED', 'AWAITING_AGENT')
                                     and due_at <= :now
                                     order by due_at limit :batch for update skip locked)
                        and escalated_at is null
                        returning *""")
                .bind("now", now)
                .bind("batch", BATCH)
                .map(TaskStore::toTask)
                .all()
                .concatMap(task -> requests.find(task.requestId())
                        .flatMap(request -> audit.append(request.id(), WorkStarter.SYSTEM,
                                        LifecycleEvent.TASK_OVERDUE.type(), Map.of("systemId", task.systemId(),
                                                "action", task.action(), "dueAt", task.dueAt().toString()))
                                .then(events.publish(LifecycleEvent.TASK_OVERDUE, request, task.systemId()))))
                .count()
                .map(Long::intValue)
                .as(transactional::transactional);
    }

    private Mono<Integer> raise(LifecycleEvent event, String raisedColumn, String dueColumn) {
        return raiseBatch(event, raisedColumn, dueColumn)
                .expand(count -> count == BATCH ? raiseBatch(event, raisedColumn, dueColumn) : Mono.empty())
                .reduce(0, Integer::sum);
    }

    private Mono<Integer> raiseBatch(LifecycleEvent event, String raisedColumn, String dueColumn) {
        var now = clock.instant();
        return db.sql("""
                        update rights_request set %1$s = :now
                        where id in (select id from rights_request
                                     where closed_at is null and %1$s is null and %2$s <= :now
                                     order by %2$s limit :batch for update skip locked)
                        and %1$s is null
                        returning *""".formatted(raisedColumn, dueColumn))
                .bind("now", now)
                .bind("batch", BATCH)
                .map(RequestStore::toRequest)
                .all()
                .concatMap(request -> audit.append(request.id(), WorkStarter.SYSTEM, event.type(),
                                Map.of("dueAt", request.deadline().dueAt().toString()))
                        .then(events.publish(event, request))
                        .thenReturn(request))
                .count()
                .map(Long::intValue)
                .as(transactional::transactional);
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
        return endCoolingOffs().then(scan())
                .filter(raised -> raised > 0)
                .doOnNext(raised -> log.info("raised {} deadline alerts", raised));
    }
}
