package dev.rightsplatform.rights.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rightsplatform.rights.support.AbstractRightsIntegrationTests;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * A busy day at once: 500 deregistrations whose cooling-off ends in the same second, the same 500 due soon and overdue
 * in one scan, then 500 systems late at once. Every one proceeds, every alert is raised exactly once (two scanners run
 * side by side), and no database session is left idle in a transaction. Before the scanner read its ids to the end
 * first, about 33 cooling-offs ending together hung the scan for good.
 */
@TestPropertySource(properties = "rights.deregistration.cooling-off=1h")
class BurstIntegrationTests extends AbstractRightsIntegrationTests {

    private static final Logger log = LoggerFactory.getLogger(BurstIntegrationTests.class);
    private static final int PEOPLE = 500;
    private static final Duration ROUND_LIMIT = Duration.ofSeconds(90);

    @Autowired
    DeadlineScanner scanner;

    @Autowired
    JsonMapper json;

    @Test
    void fiveHundredAtOnceAllProceedAndEveryAlertIsRaisedOnce() {
        Flux.range(0, PEOPLE)
                .flatMap(i -> Mono.fromRunnable(this::submitDeregistration).subscribeOn(Schedulers.boundedElastic()), 8)
                .blockLast();
        answerEvery("DISABLE", PEOPLE);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> count("rights_request where status = 'COOLING_OFF'") == PEOPLE);

        // every cooling-off ends in the same second
        db.sql("update rights_request set cooling_off_until = date_trunc('second', now())")
                .then()
                .block();
        var ended = timed(
                "end of 500 cooling-offs",
                () -> Mono.zip(scanner.endCoolingOffs(), scanner.endCoolingOffs())
                        .map(both -> both.getT1() + both.getT2()));
        assertThat(ended).isEqualTo(PEOPLE);
        assertThat(count("rights_request where status = 'IN_PROGRESS'")).isEqualTo(PEOPLE);
        assertThat(count("request_task where action = 'ERASE' and status = 'DISPATCHED'"))
                .as("crm and orders each")
                .isEqualTo(2L * PEOPLE);
        assertThat(count("audit_entry where action = 'request.cooling-off-ended'"))
                .isEqualTo(PEOPLE);

        // the same 500 due soon and overdue in one scan, and every erasure late
        db.sql(
                        "update rights_request set due_soon_at = now() - interval '1 second', due_at = now() - interval '1 second'")
                .then()
                .block();
        db.sql("update request_task set due_at = now() - interval '1 second' where status = 'DISPATCHED'")
                .then()
                .block();
        var raised = timed(
                "1 500 due-soon, overdue and 1 000 late-task alerts",
                () -> Mono.zip(scanner.scan(), scanner.scan()).map(both -> both.getT1() + both.getT2()));
        assertThat(raised).isEqualTo(PEOPLE + PEOPLE + 2 * PEOPLE);
        assertThat(scanner.scan().block(ROUND_LIMIT))
                .as("nothing is raised twice")
                .isZero();
        assertThat(count("outbox_message where routing_key = 'request.due-soon'"))
                .isEqualTo(PEOPLE);
        assertThat(count("outbox_message where routing_key = 'request.overdue'"))
                .isEqualTo(PEOPLE);
        assertThat(count("outbox_message where routing_key = 'request.task-overdue'"))
                .isEqualTo(2L * PEOPLE);
        assertThat(count("audit_entry where action = 'request.task-overdue'")).isEqualTo(2L * PEOPLE);
        assertThat(idleInTransaction())
                .as("sessions idle in a transaction after the scans")
                .isZero();
    }

    /** Runs the scan while sampling pg_stat_activity: no session may sit idle in a transaction for a second or more. */
    private Integer timed(String what, java.util.function.Supplier<Mono<Integer>> scan) {
        var longestIdle = new AtomicLong();
        var sampler = Flux.interval(Duration.ofMillis(200))
                .concatMap(tick ->
                        db.sql("""
                                select coalesce(max(extract(epoch from now() - state_change) * 1000), 0)::bigint as ms
                                from pg_stat_activity where datname = current_database()
                                and state = 'idle in transaction'""").map(row -> row.get("ms", Long.class)).one())
                .subscribe(ms -> longestIdle.accumulateAndGet(ms, Math::max));
        var started = System.nanoTime();
        try {
            var result = scan.get().block(ROUND_LIMIT);
            log.info(
                    "{}: {} in {} ms, longest idle-in-transaction {} ms",
                    what,
                    result,
                    (System.nanoTime() - started) / 1_000_000,
                    longestIdle.get());
            assertThat(longestIdle.get())
                    .as("longest idle-in-transaction wait, ms")
                    .isLessThan(1000);
            return result;
        } finally {
            sampler.dispose();
        }
    }

    /**
     * Sessions left idle inside a transaction for a second or more. A live service's own transactions pass through that
     * state for milliseconds between statements; a stuck one stays.
     */
    private long idleInTransaction() {
        return db.sql("""
                        select count(*) as n from pg_stat_activity
                        where datname = current_database() and state = 'idle in transaction'
                          and state_change < now() - interval '1 second'""").map(row -> row.get("n", Long.class)).one().block();
    }

    private void submitDeregistration() {
        // submissions are not what is measured: on a busy machine one may wait long for its turn
        http.mutate()
                .responseTimeout(Duration.ofSeconds(60))
                .build()
                .post()
                .uri("/api/v1/requests")
                .headers(h -> h.setBearerAuth(tokens.subject(newSubject())))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"type\":\"DEREGISTER\",\"jurisdiction\":\"DE\"}")
                .exchange()
                .expectStatus()
                .isAccepted();
    }

    /** Plays deletion-worker for {@code count} tasks of one action: each answered DONE. */
    private void answerEvery(String action, int count) {
        for (var message : receive(observedTasks, count)) {
            var task = json.readTree(body(message));
            assertThat(task.get("action").asString()).isEqualTo(action);
            var result = new LinkedHashMap<String, Object>();
            for (var field : new String[] {"taskId", "requestId", "systemId", "action"}) {
                result.put(field, task.get(field).asString());
            }
            result.put("outcome", "DONE");
            result.put("attempts", 1);
            result.put("completedAt", Instant.now().toString());
            publishResult(Map.copyOf(result));
        }
    }
}
