package dev.rightsplatform.rights.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.rights.support.AbstractRightsIntegrationTests;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The watchdog of every periodic job: a round that hangs inside a transaction is cancelled at the limit, its
 * transaction rolled back (no session left idle in transaction, nothing it wrote kept), the failure recorded, and
 * health turns DOWN once the job has gone without a successful round for its allowance; a good round brings it back.
 */
class PeriodicWorkWatchdogIntegrationTests extends AbstractRightsIntegrationTests {

    @Autowired
    TransactionalOperator transactional;

    @Autowired
    List<PeriodicWork> jobs;

    @Test
    void aHangingRoundIsCancelledRolledBackAndMakesHealthDown() {
        var job = new HangingJob();
        var started = Instant.now();
        job.configure(new SchedulingProperties(Duration.ofSeconds(1), Duration.ZERO), Clock.systemUTC());

        job.watchedRound().block(Duration.ofSeconds(10));

        assertThat(count("outbox_message where routing_key = 'watchdog'"))
                .as("the hanging round's insert is rolled back")
                .isZero();
        assertThat(idleInTransaction()).isZero();
        var status = job.status();
        assertThat(status.lastError()).isEqualTo("round exceeded PT1S");
        assertThat(status.consecutiveFailures()).isEqualTo(1);
        assertThat(status.lastSuccess()).isNull();

        var later = Clock.fixed(started.plus(Duration.ofMinutes(2)), ZoneOffset.UTC);
        var health = new ScheduledJobsHealth(
                List.of(job), new SchedulingProperties(Duration.ofSeconds(1), Duration.ZERO), later);
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);

        job.hang = false;
        job.watchedRound().block(Duration.ofSeconds(10));
        assertThat(job.status().consecutiveFailures()).isZero();
        var justAfter = Clock.fixed(job.status().lastSuccess().plusSeconds(1), ZoneOffset.UTC);
        assertThat(new ScheduledJobsHealth(
                                List.of(job), new SchedulingProperties(Duration.ofSeconds(1), Duration.ZERO), justAfter)
                        .health()
                        .getStatus())
                .isEqualTo(Status.UP);
    }

    @Test
    void everyJobOfTheServiceIsWatched() {
        assertThat(jobs)
                .extracting(PeriodicWork::job)
                .contains(
                        "deadline-scanner",
                        "outbox-relay",
                        "export-builder",
                        "delivery-retention",
                        "callback-sender",
                        "audit-anchoring");
    }

    private long idleInTransaction() {
        return db.sql("""
                        select count(*) as n from pg_stat_activity
                        where datname = current_database() and state = 'idle in transaction'
                          and state_change < now() - interval '500 milliseconds'""").map(row -> row.get("n", Long.class)).one().block();
    }

    /** Writes a row in a transaction, then waits for ever — unless told not to hang. */
    private class HangingJob extends PeriodicWork {

        volatile boolean hang = true;

        HangingJob() {
            super("hanging on purpose");
        }

        @Override
        protected Duration interval() {
            return Duration.ofSeconds(1);
        }

        @Override
        protected Mono<?> round() {
            if (!hang) {
                return Mono.just(1);
            }
            return db.sql("""
                            insert into outbox_message (id, exchange, routing_key, message_type, payload, status,
                                                        created_at, next_attempt_at)
                            values (gen_random_uuid(), 'nowhere', 'watchdog', 'Test', '{}', 'PUBLISHED', now(), now())""").then().then(Mono.never()).as(transactional::transactional);
        }
    }
}
