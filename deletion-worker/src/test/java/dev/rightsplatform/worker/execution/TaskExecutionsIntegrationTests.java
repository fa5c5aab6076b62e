package dev.rightsplatform.worker.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.worker.connector.Collected;
import dev.rightsplatform.worker.connector.Proof;
import dev.rightsplatform.worker.connector.Retention;
import dev.rightsplatform.worker.support.AbstractWorkerIntegrationTests;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The ledger's claim rules against real PostgreSQL: which delivery of a task may call the system, and what
 * the others do instead. These rules are what make redeliveries, duplicates and several replicas safe.
 */
class TaskExecutionsIntegrationTests extends AbstractWorkerIntegrationTests {

    private static final Duration LEASE = Duration.ofMinutes(2);

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

    private final NewExecution task = new NewExecution(UUID.randomUUID(), UUID.randomUUID(), "crm", "ERASE", null);

    @Autowired
    private WaitingExecutions waiting;

    @Test
    void theFirstDeliveryClaimsTheTask() {
        assertThat(claim(1, this.now)).isEqualTo(new Claim.Claimed(1, 0, null));

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

        assertThat(claim(1, this.now.plus(LEASE).plusSeconds(1))).isEqualTo(new Claim.Claimed(2, 0, null));
    }

    @Test
    void theScheduledRetryCopyClaimsAndStaleCopiesAreSuperseded() {
        claim(1, this.now);
        this.executions
                .markRetryScheduled(this.task.taskId(), "crm answered HTTP 503", this.now.plusSeconds(10), this.now)
                .block();

        assertThat(claim(1, this.now.plusSeconds(1))).isInstanceOf(Claim.Superseded.class);
        assertThat(claim(2, this.now.plusSeconds(10))).isEqualTo(new Claim.Claimed(2, 0, null));
        assertThat(execution(this.task.taskId()).nextAttemptAt()).isNull();
    }

    @Test
    void aFinishedTaskIsNeverClaimedAgain() {
        claim(1, this.now);
        finish(new FinalOutcome(ExecutionStatus.DONE, "crm answered HTTP 200", "crm-1", null, List.of()), this.now);

        Claim again = claim(5, this.now.plus(LEASE).plusSeconds(1));

        assertThat(again).isInstanceOf(Claim.Finished.class);
        assertThat(((Claim.Finished) again).execution().systemReference()).isEqualTo("crm-1");
    }

    @Test
    void theFirstFinalOutcomeStands() {
        claim(1, this.now);
        Finish first = finish(new FinalOutcome(ExecutionStatus.DONE, "first", "ref-1", null, List.of()), this.now);

        Finish again = finish(FinalOutcome.of(ExecutionStatus.FAILED, "second"), this.now.plusSeconds(1));

        assertThat(first.recordedNow()).isTrue();
        assertThat(again.recordedNow()).isFalse();
        TaskExecution second = again.execution();
        assertThat(second.status()).isEqualTo(ExecutionStatus.DONE);
        assertThat(second.detail()).isEqualTo("first");
        assertThat(second.completedAt()).isEqualTo(this.now);
    }

    @Test
    void longDetailsAreCutToTheContractLimit() {
        claim(1, this.now);

        TaskExecution row = finish(
                        new FinalOutcome(ExecutionStatus.FAILED, "x".repeat(2000), "r".repeat(300), null, List.of()),
                        this.now)
                .execution();

        assertThat(row.detail()).hasSize(500);
        assertThat(row.systemReference()).hasSize(200);
    }

    @Test
    void proofAndLegalHoldsAreKeptWithTheOutcome() {
        claim(1, this.now);
        Retention invoices =
                new Retention("invoices", "PRC Accounting Archives Measures Art. 14", LocalDate.of(2035, 12, 31));

        finish(new FinalOutcome(ExecutionStatus.DONE, "done", "ref", new Proof(3, 1, 2), List.of(invoices)), this.now);

        TaskExecution row = execution(this.task.taskId());
        assertThat(row.proof()).isEqualTo(new Proof(3, 1, 2));
        assertThat(row.retention()).containsExactly(invoices);
    }

    @Test
    void whatACollectUploadedIsKeptWithTheOutcome() {
        claim(1, this.now);
        Collected collected = new Collected(1234, 5_000_000_000L, "ab".repeat(32), List.of("profile", "orders"));

        finish(new FinalOutcome(ExecutionStatus.DONE, "done", null, null, List.of(), collected), this.now);

        TaskExecution row = execution(this.task.taskId());
        assertThat(row.collected()).isEqualTo(collected);
        assertThat(row.proof()).isNull();
    }

    @Test
    void aWaitingTaskIsClaimedOnlyByTheNextStatusCheck() {
        claim(1, this.now);
        assertThat(markWaiting("vendor-ref")).isTrue();

        assertThat(claim(1, this.now.plusSeconds(1)))
                .as("a late copy of the task")
                .isInstanceOf(Claim.Waiting.class);
        assertThat(check(1, this.now.plusSeconds(1))).isEqualTo(new Claim.Claimed(1, 1, "vendor-ref"));
        assertThat(markWaiting(null)).isTrue();
        assertThat(check(1, this.now.plusSeconds(2))).as("a stale check copy").isInstanceOf(Claim.Superseded.class);
        assertThat(check(2, this.now.plusSeconds(2))).isEqualTo(new Claim.Claimed(1, 2, "vendor-ref"));
    }

    @Test
    void aCallbackThatSettledTheTaskFirstWins() {
        claim(1, this.now);
        finish(FinalOutcome.of(ExecutionStatus.DONE, "by callback"), this.now);

        assertThat(markWaiting("late")).isFalse();
        assertThat(execution(this.task.taskId()).status()).isEqualTo(ExecutionStatus.DONE);
    }

    @Test
    void waitsPastTheirDueTimeFailOnceAndAreTrackedUntilPublished() {
        NewExecution due =
                new NewExecution(UUID.randomUUID(), UUID.randomUUID(), "waiter", "ERASE", this.now.plusSeconds(5));
        this.executions.claim(due, 1, 0, this.now, this.now.plus(LEASE)).block(Duration.ofSeconds(10));
        this.waiting.markWaiting(due.taskId(), null, "accepted", null, this.now).block(Duration.ofSeconds(10));

        assertThat(expire(this.now.plusSeconds(4))).isEmpty();
        List<TaskExecution> expired = expire(this.now.plusSeconds(6));
        assertThat(expire(this.now.plusSeconds(7))).as("once").isEmpty();

        assertThat(expired).singleElement().satisfies(row -> {
            assertThat(row.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(row.detail()).isEqualTo("overdue");
            assertThat(row.publishPending()).isTrue();
        });
        Instant later = this.now.plusSeconds(60);
        assertThat(this.waiting.claimUnpublished(later, later, 10).collectList().block(Duration.ofSeconds(10)))
                .extracting(TaskExecution::taskId)
                .containsExactly(due.taskId());
        this.waiting.markPublished(due.taskId()).block(Duration.ofSeconds(10));
        assertThat(this.waiting
                        .claimUnpublished(later.plusSeconds(60), later, 10)
                        .collectList()
                        .block(Duration.ofSeconds(10)))
                .isEmpty();
    }

    private List<TaskExecution> expire(Instant at) {
        return this.waiting
                .expireOverdue("overdue", at, at.minus(Duration.ofDays(30)), 10)
                .collectList()
                .block(Duration.ofSeconds(10));
    }

    private boolean markWaiting(@Nullable String reference) {
        return Boolean.TRUE.equals(this.waiting
                .markWaiting(this.task.taskId(), reference, "accepted", this.now.plusSeconds(1), this.now)
                .block(Duration.ofSeconds(10)));
    }

    private Finish finish(FinalOutcome outcome, Instant at) {
        return this.executions.finish(this.task.taskId(), outcome, false, at).block(Duration.ofSeconds(10));
    }

    private Claim check(int check, Instant at) {
        return this.executions.claim(this.task, 1, check, at, at.plus(LEASE)).block(Duration.ofSeconds(10));
    }

    private Claim claim(int attempt, Instant at) {
        return this.executions.claim(this.task, attempt, 0, at, at.plus(LEASE)).block(Duration.ofSeconds(10));
    }
}
