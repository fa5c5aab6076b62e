package dev.rightsplatform.worker.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rightsplatform.worker.support.AbstractWorkerIntegrationTests;
import dev.rightsplatform.worker.support.ResultInbox;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A burst (issue 16): 500 waiting tasks past their due time at once are all failed and published by one scan,
 * each exactly once, batch after batch, without leaving a PostgreSQL session idle in transaction; a row that
 * cannot be published does not hold back the others. The scheduled scan is stopped meanwhile, so the round the
 * test runs is the only one.
 */
class DueTimeScanIntegrationTests extends AbstractWorkerIntegrationTests {

    private static final int BURST = 500;

    @Autowired
    private DueTimeScan scan;

    @Autowired
    private MeterRegistry registry;

    @BeforeEach
    void stopTheScheduledScan() {
        this.scan.stop();
    }

    @AfterEach
    void startItAgain() {
        this.scan.start();
    }

    @Test
    void fiveHundredOverdueTasksAreFailedAndPublishedOnceEachInOneScan() {
        List<UUID> tasks = waitingTasksDueAMinuteAgo(BURST);

        long started = System.nanoTime();
        Integer published = this.scan.scanOnce().block(Duration.ofMinutes(2));
        LoggerFactory.getLogger(DueTimeScanIntegrationTests.class)
                .info(
                        "One scan failed and published {} overdue tasks in {} ms",
                        published,
                        Duration.ofNanos(System.nanoTime() - started).toMillis());

        assertThat(published).isEqualTo(BURST);
        assertThat(sessionsIdleInTransaction()).isZero();
        assertThat(count("SELECT count(*) FROM task_execution WHERE status = 'FAILED' AND detail = '"
                        + DueTimeScan.OVERDUE + "' AND NOT publish_pending AND completed_at IS NOT NULL"))
                .isEqualTo(BURST);
        this.results.awaitAll(tasks, Duration.ofSeconds(30));
        assertThat(this.scan.scanOnce().block(Duration.ofMinutes(1)))
                .as("a second scan has nothing left")
                .isZero();
        // exactly once each: no result arrives twice while a duplicate would have had time to
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> {
            this.results.drain();
            Map<UUID, Long> counts = this.results.countsByTask();
            return counts.keySet().equals(Set.copyOf(tasks))
                    && counts.values().stream().allMatch(n -> n == 1);
        });
        Set<String> outcomes = new HashSet<>();
        for (Message result : this.results.all()) {
            outcomes.add(ResultInbox.body(result).path("outcome").asString() + ": "
                    + ResultInbox.body(result).path("detail").asString());
        }
        assertThat(outcomes).containsExactly("FAILED: " + DueTimeScan.OVERDUE);
    }

    @Test
    void aResultThatCannotBePublishedIsLoggedAndTheOthersStillGoOut() {
        List<UUID> settled = settledResultsNeverPublished(2 * DueTimeScan.BATCH + 1);
        UUID poison = UUID.randomUUID();
        // publish_pending on a task that is not final: it has no result to publish, so publishing it fails
        this.db.sql("""
                INSERT INTO task_execution (task_id, request_id, system_id, action, status, attempts, created_at,
                                            updated_at, due_at, publish_pending)
                VALUES (:task, gen_random_uuid(), 'waiter', 'ERASE', 'WAITING', 1, now() - interval '1 hour',
                        now() - interval '1 hour', now() + interval '1 day', true)
                """).bind("task", poison).then().block(Duration.ofSeconds(10));

        Integer published = this.scan.scanOnce().block(Duration.ofMinutes(2));

        assertThat(published).isEqualTo(settled.size());
        this.results.awaitAll(settled, Duration.ofSeconds(30));
        assertThat(this.results.resultsFor(poison)).isEmpty();
        assertThat(count("SELECT count(*) FROM task_execution WHERE publish_pending"))
                .isEqualTo(1);
        assertThat(sessionsIdleInTransaction()).isZero();
    }

    @Test
    void theScheduledScanReportsItsLastSuccessThroughAGaugeAndATimer() {
        this.scan.start();

        await().atMost(Duration.ofSeconds(10))
                .until(() -> this.registry
                                .find("worker.scan.last.success")
                                .tag("scheduled.job", DueTimeScan.JOB)
                                .gauge()
                                .value()
                        > 0);
        assertThat(this.registry
                        .get("worker.scan.round")
                        .tag("outcome", "success")
                        .timer()
                        .count())
                .isPositive();
    }

    /** Tasks of the waiter system that are waiting for a callback and were due a minute ago. */
    private List<UUID> waitingTasksDueAMinuteAgo(int count) {
        return this.db
                .sql("""
                INSERT INTO task_execution (task_id, request_id, system_id, action, status, attempts,
                                            system_reference, created_at, updated_at, due_at)
                SELECT gen_random_uuid(), gen_random_uuid(), 'waiter', 'ERASE', 'WAITING', 1, 'job-' || n,
                       now() - interval '1 hour', now() - interval '1 hour', now() - interval '1 minute'
                  FROM generate_series(1, :count) AS n
                RETURNING task_id
                """)
                .bind("count", count)
                .map(row -> row.get("task_id", UUID.class))
                .all()
                .collectList()
                .block(Duration.ofSeconds(30));
    }

    /** Tasks a callback settled whose result was never confirmed published (a crash in between). */
    private List<UUID> settledResultsNeverPublished(int count) {
        return this.db
                .sql("""
                INSERT INTO task_execution (task_id, request_id, system_id, action, status, attempts, detail,
                                            created_at, updated_at, completed_at, publish_pending)
                SELECT gen_random_uuid(), gen_random_uuid(), 'waiter', 'ERASE', 'DONE', 1, 'waiter reported done',
                       now() - interval '1 hour', now() - interval '1 hour', now() - interval '1 hour', true
                  FROM generate_series(1, :count)
                RETURNING task_id
                """)
                .bind("count", count)
                .map(row -> row.get("task_id", UUID.class))
                .all()
                .collectList()
                .block(Duration.ofSeconds(30));
    }

    /**
     * Sessions of the worker's test database (other than this query's) left inside an open transaction for a second or
     * more: the running worker's own transactions pass through that state for milliseconds between statements.
     */
    private long sessionsIdleInTransaction() {
        return count("""
                SELECT count(*) FROM pg_stat_activity
                 WHERE datname = current_database() AND state LIKE 'idle in transaction%'
                   AND pid <> pg_backend_pid() AND state_change < now() - interval '1 second'
                """);
    }

    private long count(String sql) {
        return this.db.sql(sql).map(row -> row.get(0, Long.class)).one().block(Duration.ofSeconds(10));
    }
}
