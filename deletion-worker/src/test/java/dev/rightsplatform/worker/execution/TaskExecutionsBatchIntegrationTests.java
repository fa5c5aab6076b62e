package dev.rightsplatform.worker.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.worker.connector.Proof;
import dev.rightsplatform.worker.support.AbstractWorkerIntegrationTests;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The ledger's rules when many deliveries reach it at once, as under load, where claims and outcomes go to the
 * database in batches (GroupCommit): every row is settled as if it had gone alone, duplicates of one task included,
 * and a row the database refuses fails only its own task.
 */
class TaskExecutionsBatchIntegrationTests extends AbstractWorkerIntegrationTests {

    private static final Duration LEASE = Duration.ofMinutes(2);

    private static final int TASKS = 40;

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

    @Test
    void manyClaimsAtOnceEachFollowTheirOwnRowsRules() {
        List<NewExecution> fresh = tasks(TASKS);
        NewExecution finished = task();
        claim(finished, 1).block(Duration.ofSeconds(10));
        this.executions
                .finish(finished.taskId(), FinalOutcome.of(ExecutionStatus.DONE, "done"), false, this.now)
                .block(Duration.ofSeconds(10));
        NewExecution duplicated = task();

        List<Mono<Claim>> claims = new ArrayList<>();
        fresh.forEach(task -> claims.add(claim(task, 1)));
        claims.add(claim(finished, 2));
        claims.add(claim(duplicated, 1));
        claims.add(claim(duplicated, 1));
        List<Claim> answers = Flux.mergeSequential(claims).collectList().block(Duration.ofSeconds(20));

        assertThat(answers).hasSize(TASKS + 3);
        assertThat(answers.subList(0, TASKS))
                .allSatisfy(claim -> assertThat(claim).isEqualTo(new Claim.Claimed(1, 0, null)));
        assertThat(answers.get(TASKS)).isInstanceOf(Claim.Finished.class);
        assertThat(answers.subList(TASKS + 1, TASKS + 3))
                .as("two copies of one task: one claims it, the other finds it held")
                .satisfiesExactlyInAnyOrder(
                        claim -> assertThat(claim).isEqualTo(new Claim.Claimed(1, 0, null)),
                        claim -> assertThat(claim).isInstanceOf(Claim.Busy.class));
        fresh.forEach(task -> assertThat(execution(task.taskId()).status()).isEqualTo(ExecutionStatus.RUNNING));
    }

    @Test
    void manyOutcomesAtOnceAreRecordedAndARefusedOneFailsOnlyItsOwnTask() {
        List<NewExecution> tasks = tasks(TASKS);
        Flux.fromIterable(tasks).flatMap(task -> claim(task, 1)).blockLast(Duration.ofSeconds(20));
        NewExecution settledFirst = tasks.get(3);
        this.executions
                .finish(settledFirst.taskId(), FinalOutcome.of(ExecutionStatus.DONE, "by callback"), true, this.now)
                .block(Duration.ofSeconds(10));
        NewExecution refused = tasks.get(TASKS - 1); // a negative count breaks the table's CHECK

        List<Mono<String>> finishes = new ArrayList<>();
        for (NewExecution task : tasks) {
            Proof proof = (task == refused) ? new Proof(-1, null, null) : Proof.deleted(2);
            FinalOutcome outcome =
                    new FinalOutcome(ExecutionStatus.DONE, "erased " + task.taskId(), "ref", proof, List.of());
            finishes.add(this.executions
                    .finish(task.taskId(), outcome, false, this.now.plusSeconds(1))
                    .map(finish ->
                            finish.recordedNow() + " " + finish.execution().detail())
                    .onErrorResume(error -> Mono.just("refused")));
        }
        List<String> answers = Flux.mergeSequential(finishes).collectList().block(Duration.ofSeconds(20));

        for (int i = 0; i < TASKS; i++) {
            NewExecution task = tasks.get(i);
            String expected = (task == settledFirst)
                    ? "false by callback"
                    : (task == refused) ? "refused" : "true erased " + task.taskId();
            assertThat(answers.get(i)).isEqualTo(expected);
        }
        TaskExecution stored = execution(tasks.get(0).taskId());
        assertThat(stored.proof()).isEqualTo(Proof.deleted(2));
        assertThat(stored.completedAt()).isEqualTo(this.now.plusSeconds(1));
        assertThat(execution(refused.taskId()).status()).isEqualTo(ExecutionStatus.RUNNING);
    }

    @Test
    void everyStatementIsPlannedForTheRowsItIsGiven() {
        // A batch's rows are one parameter: a plan cached while the table was small would scan it whole ever after.
        String mode = this.db
                .sql("SHOW plan_cache_mode")
                .map(row -> row.get(0, String.class))
                .one()
                .block(Duration.ofSeconds(10));

        assertThat(mode).isEqualTo("force_custom_plan");
    }

    private Mono<Claim> claim(NewExecution task, int attempt) {
        return this.executions.claim(task, attempt, 0, this.now, this.now.plus(LEASE));
    }

    private static List<NewExecution> tasks(int count) {
        List<NewExecution> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tasks.add(task());
        }
        return tasks;
    }

    private static NewExecution task() {
        return new NewExecution(UUID.randomUUID(), UUID.randomUUID(), "crm", "ERASE", null);
    }
}
