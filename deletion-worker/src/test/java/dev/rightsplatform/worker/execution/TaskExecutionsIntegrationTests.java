package dev.rightsplatform.worker.execution;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.rightsplatform.worker.support.WorkerIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger's claim rules against real PostgreSQL: which delivery of a task may call the system, and what
 * the others do instead. These rules are what make redeliveries, duplicates and several replicas safe.
 */
class TaskExecutionsIntegrationTests extends WorkerIntegrationTest {

    private static final Duration LEASE = Duration.ofMinutes(2);

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

    private final NewExecution task = new NewExecution(UUID.randomUUID(), UUID.randomUUID(), "crm", "ERASE", null);

    @Test
    void theFirstDeliveryClaimsTheTask() {
        assertThat(claim(1, this.now)).isEqualTo(new Claim.Claimed(1));

        TaskExecution row = execution(this.task.taskId());
        assertThat(row.status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(row.leaseUntil()).isEqualTo(this.now.plus(LEASE));
    }

    @Test
    void aSecondDeliveryWhileTheLeaseRunsIsBusy() {
        claim(1, this.now);

        assertThat(claim(1, this.now.plusSeconds(5))).isInstanceOf(Claim.Busy.class);
    }

    @Test
    void aDeliveryAfterTheLeaseRanOutTakesOverAndCountsAnAttempt() {
        claim(1, this.now);

        assertThat(claim(1, this.now.plus(LEASE).plusSeconds(1))).isEqualTo(new Claim.Claimed(2));
    }

    @Test
    void theScheduledRetryCopyClaimsAndStaleCopiesAreSuperseded() {
        claim(1, this.now);
        this.executions.markRetryScheduled(this.task.taskId(), "crm answered HTTP 503", this.now.plusSeconds(10),
                this.now).block();

        assertThat(claim(1, this.now.plusSeconds(1))).isInstanceOf(Claim.Superseded.class);
        assertThat(claim(2, this.now.plusSeconds(10))).isEqualTo(new Claim.Claimed(2));
        assertThat(execution(this.task.taskId()).nextAttemptAt()).isNull();
    }

    @Test
    void aFinishedTaskIsNeverClaimedAgain() {
        claim(1, this.now);
        this.executions.finish(this.task.taskId(), ExecutionStatus.DONE, "crm answered HTTP 200", "crm-1", this.now)
            .block();

        Claim again = claim(5, this.now.plus(LEASE).plusSeconds(1));

        assertThat(again).isInstanceOf(Claim.Finished.class);
        assertThat(((Claim.Finished) again).execution().systemReference()).isEqualTo("crm-1");
    }

    @Test
    void theFirstFinalOutcomeStands() {
        claim(1, this.now);
        this.executions.finish(this.task.taskId(), ExecutionStatus.DONE, "first", "ref-1", this.now).block();

        TaskExecution second = this.executions
            .finish(this.task.taskId(), ExecutionStatus.FAILED, "second", null, this.now.plusSeconds(1))
            .block();

        assertThat(second).isNotNull();
        assertThat(second.status()).isEqualTo(ExecutionStatus.DONE);
        assertThat(second.detail()).isEqualTo("first");
        assertThat(second.completedAt()).isEqualTo(this.now);
    }

    @Test
    void longDetailsAreCutToTheContractLimit() {
        claim(1, this.now);

        TaskExecution row = this.executions
            .finish(this.task.taskId(), ExecutionStatus.FAILED, "x".repeat(2000), "r".repeat(300), this.now)
            .block();

        assertThat(row).isNotNull();
        assertThat(row.detail()).hasSize(500);
        assertThat(row.systemReference()).hasSize(200);
    }

    private Claim claim(int attempt, Instant at) {
        return this.executions.claim(this.task, attempt, at, at.plus(LEASE)).block(Duration.ofSeconds(10));
    }
}
